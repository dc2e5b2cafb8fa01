import Foundation

/// One yearly fold of the forward-chaining protocol: training rows from all years before the
/// test year, test rows of the test year in the protocol's processing order.
public struct ForwardChainingFold: Sendable {
    /// One (user, item) row with its timestamp.
    public struct Row: Sendable, Equatable {
        /// External user id.
        public var user: String
        /// External item id.
        public var item: String
        /// Unix milliseconds.
        public var timestampMilliseconds: Int64

        /// A row from its fields.
        public init(user: String, item: String, timestampMilliseconds: Int64) {
            self.user = user
            self.item = item
            self.timestampMilliseconds = timestampMilliseconds
        }
    }

    /// The test year Y.
    public var year: Int
    /// Rows with year < Y, in file order.
    public var train: [Row]
    /// Rows with year == Y, in file order (the evaluation's processing order).
    public var test: [Row]

    /// A fold from its rows.
    public init(year: Int, train: [Row], test: [Row]) {
        self.year = year
        self.train = train
        self.test = test
    }
}

/// Reads the yearly folds `train_Y.csv` / `test_Y.csv` of a directory (columns `userID`,
/// `artistID` (or `itemID`), `timestamp_ms`; others ignored), as in
/// `../shared/data/lastfm-mlg-cs224w/folds`.
public enum ForwardChainingFoldReader {
    /// Every fold of `directory`, by ascending year.
    public static func readFolds(directory: String) throws(DataError) -> [ForwardChainingFold] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .fileNotFound(path: directory)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let years = names.compactMap { name -> Int? in
            guard name.hasPrefix("test_"), name.hasSuffix(".csv") else { return nil }
            return Int(name.dropFirst(5).dropLast(4))
        }.sorted()
        guard !years.isEmpty else {
            throw .noUsableData(path: directory, reason: "no test_YEAR.csv files (expected train_YEAR.csv and test_YEAR.csv pairs)")
        }
        var folds: [ForwardChainingFold] = []
        for year in years {
            let trainPath = (directory as NSString).appendingPathComponent("train_\(year).csv")
            let testPath = (directory as NSString).appendingPathComponent("test_\(year).csv")
            folds.append(ForwardChainingFold(year: year, train: try readRows(trainPath), test: try readRows(testPath)))
        }
        return folds
    }

    /// The rows of one fold file.
    public static func readRows(_ path: String) throws(DataError) -> [ForwardChainingFold.Row] {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, reason: "cannot read") }
        guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8(path: path) }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        guard let headerLine = lines.first else { throw .emptyFile(path: path) }
        let header = headerLine.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        func column(_ names: [String]) throws(DataError) -> Int {
            for name in names { if let i = header.firstIndex(of: name) { return i } }
            throw .missingColumn(path: path, column: names[0], available: header)
        }
        let userColumn = try column(["userID", "user"])
        let itemColumn = try column(["artistID", "itemID", "item"])
        let timeColumn = try column(["timestamp_ms"])
        var rows: [ForwardChainingFold.Row] = []
        rows.reserveCapacity(lines.count)
        for (offset, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard fields.count == header.count else {
                throw .malformedLine(path: path, line: offset + 1, text: String(line),
                                     reason: "expected \(header.count) comma-separated fields, found \(fields.count)")
            }
            guard let time = Int64(fields[timeColumn]), time >= 0, time < 4_102_444_800_000 else {
                throw .malformedLine(path: path, line: offset + 1, text: fields[timeColumn],
                                     reason: "timestamp_ms must be Unix milliseconds between 1970 and 2100")
            }
            guard !fields[userColumn].isEmpty, !fields[itemColumn].isEmpty else {
                throw .malformedLine(path: path, line: offset + 1, text: String(line), reason: "empty user or item id")
            }
            rows.append(.init(user: fields[userColumn], item: fields[itemColumn], timestampMilliseconds: time))
        }
        return rows
    }
}
