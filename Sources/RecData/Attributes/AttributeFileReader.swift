import Foundation

/// Reads any CSV/TSV file of user or item attributes with a header row into an
/// `AttributeTable`: one row per id, one typed column per other header column.
///
/// Format: as for `DelimitedInteractionReader` (RFC 4180 quoting, separator detected from the
/// header unless given, LF or CRLF, blank lines and a UTF-8 byte-order mark skipped, unquoted
/// cells trimmed). The id column is chosen by `AttributeFileOptions.idColumn`. Cells listed in
/// `AttributeFileOptions.missingValues` (`""`, `NA`, `null`, …) are missing.
///
/// Column types are those of `AttributeFileOptions.columnTypes` where given, otherwise inferred
/// from the cells that are not missing, in this order:
///
/// 1. every cell is a finite number → `.numeric` (so integer codes are numbers: declare such a
///    column `.categorical` when its values are labels);
/// 2. some cell contains `multiValueSeparator` → `.multiCategorical` (cells split at it, parts
///    trimmed, empty and missing parts dropped, repeats kept once);
/// 3. at most `maxInferredCategories` distinct values, or at most half as many distinct values
///    as cells → `.categorical`;
/// 4. otherwise → `.text` (also for a column without any value).
///
/// Categories are numbered in order of first appearance.
///
/// Errors (`DataError`) name the file, the 1-based line and the column: a row with a different
/// number of fields than the header, an empty or repeated id (naming the first line of that id),
/// a repeated or empty header name, a cell of a column declared `.numeric` that is not a number,
/// a type given for a column the header does not have (listing the header's columns) or for the
/// id column, and a header followed by no rows.
public struct AttributeFileReader: Sendable {
    /// The reading options.
    public var options: AttributeFileOptions

    /// A reader with `options`.
    public init(options: AttributeFileOptions = AttributeFileOptions()) {
        self.options = options
    }

    /// Reads and parses the file at `path`. Throws `DataError`.
    public func read(path: String) throws -> AttributeTable {
        try parse(FileBytes.read(path), path: path)
    }

    /// Parses file contents held in memory; `path` names the file in errors.
    public func parse(_ bytes: [UInt8], path: String) throws -> AttributeTable {
        let (names, idColumn, cells) = try records(buffer: bytes.span, path: path)
        var columns: [AttributeColumn] = []
        for (c, name) in names.enumerated() where c != idColumn {
            let type = options.columnTypes[name] ?? inferredType(cells.values[c])
            if let column = try column(name: name, type: type, cells: cells.values[c], lines: cells.lines, path: path) {
                columns.append(column)
            }
        }
        return AttributeTable(keys: cells.keys, columns: columns)
    }

    /// The cells of a file, column by column, with the 1-based line of each row.
    struct Cells {
        var keys = Vocabulary()
        var lines: [Int] = []
        /// `values[column][row]`, nil when missing (the id column's entries are unused).
        var values: [[String?]]
    }

    /// The header names, the id column and the cells of every row.
    private func records(buffer: Span<UInt8>, path: String) throws -> ([String], Int, Cells) {
        try options.encoding.validate(buffer, path: path)
        let n = buffer.count
        var i = TextScan.hasByteOrderMark(buffer) ? 3 : 0
        var line = 1
        DelimitedRecords.skipBlankLines(buffer, &i, &line)
        guard i < n else { throw DataError.emptyFile(path: path) }
        let separator = try DelimitedRecords.separatorByte(
            options.separator, buffer, from: i, path: path,
            oneColumnReason: "expected an id column and at least one attribute column separated by a comma, tab, "
                + "semicolon or |")
        var fields: [DelimitedRecords.Field] = []
        var scratch: [UInt8] = []
        let headerLine = line
        try DelimitedRecords.readRecord(buffer, &i, &line, separator: separator, into: &fields, path: path)
        let names = fields.map { text(buffer, $0, &scratch) }
        try checkHeader(names, path: path, line: headerLine)
        let idColumn = try chooseIDColumn(names, path: path)
        try checkColumnTypes(names, idColumn: idColumn, path: path)

        var cells = Cells(values: [[String?]](repeating: [], count: names.count))
        while true {
            DelimitedRecords.skipBlankLines(buffer, &i, &line)
            if i >= n { break }
            let recordStart = i, recordLine = line
            try DelimitedRecords.readRecord(buffer, &i, &line, separator: separator, into: &fields, path: path)
            guard fields.count == names.count else {
                let hint = fields.count == 1
                    ? TextScan.separatorHint(buffer, fields[0].start, fields[0].end, expected: [separator]) : ""
                throw DataError.malformedLine(
                    path: path, line: recordLine,
                    text: TextScan.display(buffer, recordStart..<fields[fields.count - 1].end),
                    reason: "has \(fields.count) field\(fields.count == 1 ? "" : "s"), expected \(names.count) "
                        + "as in the header (separator \(TextScan.name(ofSeparator: [separator])))\(hint)")
            }
            let id = text(buffer, fields[idColumn], &scratch)
            guard !id.isEmpty else {
                throw DataError.malformedLine(path: path, line: recordLine, text: "",
                                              reason: "is an empty id (column \"\(names[idColumn])\")")
            }
            if let first = cells.keys.index(of: id) {
                throw DataError.malformedLine(
                    path: path, line: recordLine, text: id,
                    reason: "repeats the id of line \(cells.lines[first]) (column \"\(names[idColumn])\"); "
                        + "give each id one row")
            }
            cells.keys.insert(id)
            cells.lines.append(recordLine)
            for (c, field) in fields.enumerated() where c != idColumn {
                let value = text(buffer, field, &scratch)
                cells.values[c].append(isMissing(value) ? nil : value)
            }
        }
        guard !cells.keys.isEmpty else {
            throw DataError.noUsableData(path: path, reason: "the header is followed by no rows")
        }
        return (names, idColumn, cells)
    }

    /// The decoded text of a field (trimmed when unquoted).
    private func text(_ buffer: Span<UInt8>, _ field: DelimitedRecords.Field,
                      _ scratch: inout [UInt8]) -> String {
        DelimitedRecords.withFieldBytes(buffer, field, &scratch) { options.encoding.decode($0, 0..<$0.count) }
    }

    private func isMissing(_ value: String) -> Bool {
        options.missingValues.contains(value.trimmingCharacters(in: .whitespaces))
    }

    /// Throws for an empty or repeated header name.
    private func checkHeader(_ names: [String], path: String, line: Int) throws {
        var seen: [String: Int] = [:]
        for (c, name) in names.enumerated() {
            guard !name.isEmpty else {
                throw DataError.malformedLine(path: path, line: line, text: names.joined(separator: ","),
                                              reason: "is a header whose column \(c + 1) has no name; name every column")
            }
            if let first = seen[name] {
                throw DataError.malformedLine(
                    path: path, line: line, text: name,
                    reason: "names columns \(first + 1) and \(c + 1) alike; give every column a distinct name")
            }
            seen[name] = c
        }
    }

    /// The index of the id column (see `AttributeFileOptions.idColumn`).
    private func chooseIDColumn(_ names: [String], path: String) throws -> Int {
        switch options.idColumn {
        case .none:
            throw DataError.invalidParameter(name: "id column", reason: "an attribute file needs an id column")
        case .named:
            return try DelimitedHeader.column(options.idColumn, role: "id", candidates: [], in: names, required: true,
                                              path: path)!
        case .automatic:
            let candidates = ["id"] + DelimitedHeader.userNames + DelimitedHeader.itemNames
            return try DelimitedHeader.column(.automatic, role: "id", candidates: candidates, in: names,
                                              required: false, path: path) ?? 0
        }
    }

    /// Throws when a declared type names no header column, or the id column.
    private func checkColumnTypes(_ names: [String], idColumn: Int, path: String) throws {
        for name in options.columnTypes.keys.sorted() {
            guard let c = names.firstIndex(of: name) else {
                throw DataError.missingColumn(path: path, column: name, available: names)
            }
            if c == idColumn {
                throw DataError.invalidParameter(
                    name: "column types", reason: "\"\(name)\" is the id column of \(path); it cannot have a type")
            }
        }
    }

    /// The type inferred for a column's cells (rules in the type's documentation).
    func inferredType(_ cells: [String?]) -> AttributeColumnType {
        let present = cells.compactMap { $0 }
        guard !present.isEmpty else { return .text }
        if present.allSatisfy({ Self.number($0) != nil }) { return .numeric }
        let separator = options.multiValueSeparator
        if !separator.isEmpty, present.contains(where: { $0.contains(separator) }) {
            return .multiCategorical(separator: separator)
        }
        let distinct = Set(present).count
        return distinct <= options.maxInferredCategories || 2 * distinct <= present.count ? .categorical : .text
    }

    /// The column of `type` from its cells; nil for `.ignored`.
    private func column(name: String, type: AttributeColumnType, cells: [String?], lines: [Int],
                        path: String) throws -> AttributeColumn? {
        switch type {
        case .ignored:
            return nil
        case .text:
            return AttributeColumn(name: name, values: .text(cells.map { $0 ?? "" }))
        case .categorical:
            return .categorical(name: name, labels: cells)
        case .multiCategorical(let separator):
            guard !separator.isEmpty else {
                throw DataError.invalidParameter(name: "column types",
                                                 reason: "column \"\(name)\" has an empty multi-value separator")
            }
            let labels = cells.map { cell in
                (cell ?? "").components(separatedBy: separator)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !isMissing($0) }
            }
            return .multiCategorical(name: name, labels: labels)
        case .numeric:
            var numbers: [Double?] = []
            numbers.reserveCapacity(cells.count)
            for (row, cell) in cells.enumerated() {
                guard let cell else { numbers.append(nil); continue }
                guard let number = Self.number(cell) else {
                    throw DataError.malformedLine(
                        path: path, line: lines[row], text: cell,
                        reason: "is not a number, but column \"\(name)\" is numeric; fix the value, write it as "
                            + "missing, or declare the column categorical")
                }
                numbers.append(number)
            }
            return AttributeColumn(name: name, values: .numeric(numbers))
        }
    }

    /// The finite number written in `text` (as `TextScan.double` reads it), or nil.
    static func number(_ text: String) -> Double? {
        let bytes = text.utf8.span
        return TextScan.double(bytes, 0..<bytes.count)
    }
}
