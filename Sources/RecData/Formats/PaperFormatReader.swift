import Foundation
import RecKernels

/// Reads the text format of the LightGCN paper's datasets (`train.txt`, `test.txt`): one line
/// per user, `user item item …`, 0-based integer ids separated by whitespace.
///
/// Tolerated: any run of spaces or tabs between ids, trailing whitespace, CRLF line ends, blank
/// lines, a missing final newline, lines holding a user and no items (Amazon-book's test file has
/// some), and a user on several lines (merged). Repeated (user, item) pairs are kept once and
/// counted in `PaperFormatFile.duplicateCount`.
///
/// Rejected with a `DataError` naming the file and 1-based line: a token that is not a
/// non-negative integer, an id not below `idLimit`, a missing or unreadable file, an empty file,
/// and a file in which no line has an item.
///
/// The parser scans the bytes directly (no `String` per line): Gowalla's 4.6 MB `train.txt`
/// parses in a few tens of milliseconds in a release build.
public struct PaperFormatReader: Sendable {
    /// Ids must be below this bound (100,000,000 by default); a larger id is almost certainly a
    /// raw, un-remapped id or a corrupted line.
    public var idLimit: Int

    /// A reader that accepts ids in `0..<idLimit`.
    public init(idLimit: Int = 100_000_000) {
        precondition(idLimit > 0 && idLimit <= Int(Int32.max), "idLimit must be in 1...Int32.max")
        self.idLimit = idLimit
    }

    /// Reads and parses the file at `path`. Throws `DataError`.
    public func read(path: String) throws -> PaperFormatFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataError.fileNotFound(path: path)
        }
        if isDirectory.boolValue { throw DataError.unreadable(path: path, reason: "it is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.unreadable(path: path, reason: "permission denied or I/O error")
        }
        return try parse(bytes: data.span, path: path)
    }

    /// Parses file contents held in memory; `path` is used in errors only. Throws `DataError`.
    public func parse(_ bytes: [UInt8], path: String) throws -> PaperFormatFile {
        try parse(bytes: bytes.span, path: path)
    }

    private func parse(bytes: Span<UInt8>, path: String) throws -> PaperFormatFile {
        let n = bytes.count
        let newline = UInt8(ascii: "\n")
        var lines: [PaperFormatLine] = []
        var pairUsers: [Int32] = [], pairItems: [Int32] = []
        pairUsers.reserveCapacity(n / 6)
        pairItems.reserveCapacity(n / 6)
        var maxUser = -1, maxItem = -1
        var lineNumber = 1
        var i = 0
        while i < n {
            var user = -1
            var items: [Int32] = []
            while i < n, bytes[i] != newline {
                if Self.isSpace(bytes[i]) {
                    i += 1
                    continue
                }
                let start = i
                var value = 0
                var isNumber = true
                while i < n, bytes[i] != newline, !Self.isSpace(bytes[i]) {
                    let digit = bytes[i] &- UInt8(ascii: "0")
                    if digit > 9 {
                        isNumber = false
                    } else if value < idLimit {
                        value = value * 10 + Int(digit)
                    }
                    i += 1
                }
                guard isNumber else {
                    throw badToken(start..<i, in: bytes, path: path, line: lineNumber)
                }
                guard value < idLimit else {
                    throw DataError.idOutOfRange(
                        path: path, line: lineNumber,
                        text: TextScan.display(bytes, start..<i), limit: idLimit)
                }
                if user < 0 {
                    user = value
                } else {
                    items.append(Int32(value))
                }
            }
            if user >= 0 {
                maxUser = max(maxUser, user)
                for item in items {
                    maxItem = max(maxItem, Int(item))
                    pairUsers.append(Int32(user))
                    pairItems.append(item)
                }
                lines.append(PaperFormatLine(lineNumber: lineNumber, user: Int32(user), items: items))
            }
            if i < n { i += 1 }  // the newline
            lineNumber += 1
        }
        let physicalLineCount = lineNumber - 1
        guard !lines.isEmpty else { throw DataError.emptyFile(path: path) }
        guard !pairItems.isEmpty else {
            throw DataError.noUsableData(
                path: path, reason: "none of its \(lines.count) lines lists an item after the user id")
        }
        let built = RowBuilder.rows(rowCount: maxUser + 1, rowIDs: pairUsers, columnIDs: pairItems)
        return PaperFormatFile(
            path: path, lines: lines, itemsOfUser: built.rows, pairCount: pairItems.count,
            duplicateCount: built.duplicateCount, userIDBound: maxUser + 1, itemIDBound: maxItem + 1,
            physicalLineCount: physicalLineCount)
    }

    /// Space, tab, carriage return, vertical tab, form feed (the newline ends a line instead).
    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    /// The error for a token that is not a non-negative integer.
    private func badToken(_ token: Range<Int>, in file: Span<UInt8>, path: String, line: Int) -> DataError {
        var isASCII = true
        for k in token where file[k] >= 0x80 {
            isASCII = false
            break
        }
        if !isASCII, (try? UTF8Span(validating: file)) == nil {
            return .notUTF8(path: path)
        }
        let text = TextScan.display(file, token)
        var isNegative = token.count > 1 && file[token.lowerBound] == UInt8(ascii: "-")
        if isNegative {
            for k in (token.lowerBound + 1)..<token.upperBound where file[k] &- UInt8(ascii: "0") > 9 {
                isNegative = false
                break
            }
        }
        let reason = isNegative
            ? "is a negative id; ids must be 0-based non-negative integers"
            : "is not a non-negative integer id"
        return .malformedLine(path: path, line: line, text: text, reason: reason)
    }
}
