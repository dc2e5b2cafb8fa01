/// Reads a delimited attribute file (MovieLens `users.dat`, `u.user`, `u.item`, …) into an
/// `AttributeTable`: `row` parses each line into the row's key and its labels, `columns` turns
/// the collected labels into typed columns. Repeated keys are an error naming both lines.
enum MovieLensTables {
    static func read(
        path: String, separator: String, fieldCount: Int, encoding: TextEncoding = .latin1, skipHeader: Bool = false,
        row: (Span<UInt8>, RecordFields, inout [Range<Int>], inout [[String?]]) throws -> Void,
        columns: ([[String?]]) -> [AttributeColumn]
    ) throws -> AttributeTable {
        let bytes = try FileBytes.read(path)
        let buffer = bytes.span
        try encoding.validate(buffer, path: path)
        var fields = RecordFields(path: path, separator: separator)
        var keys = Vocabulary()
        var firstLine: [Int] = []
        var labels = [[String?]](repeating: [], count: fieldCount)
        var isFirst = true
        try TextScan.forEachLine(buffer) { line, start, end in
            if isFirst && skipHeader {
                isFirst = false
                return
            }
            isFirst = false
            try fields.split(buffer, start, end, line: line, count: fieldCount)
            var keyRanges: [Range<Int>] = []
            try row(buffer, fields, &keyRanges, &labels)
            let key = encoding.decode(buffer, keyRanges[0])
            if let index = keys.index(of: key) {
                throw DataError.malformedLine(path: path, line: line, text: key,
                                              reason: "repeats the id of line \(firstLine[index])")
            }
            keys.insert(key)
            firstLine.append(line)
        }
        guard !keys.isEmpty else { throw DataError.emptyFile(path: path) }
        return AttributeTable(keys: keys, columns: columns(labels))
    }
}
