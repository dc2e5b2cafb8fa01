/// Reads the id maps of the LightGCN paper datasets (`user_list.txt`, `item_list.txt`): a header
/// `org_id remap_id`, then one `original-id dense-index` line per id (extra columns ignored).
enum IDListReader {
    /// The vocabulary whose index `k` has the original id written with remap id `k`. Throws
    /// `DataError` when the remap ids are not exactly `0..<count`, naming the line.
    static func read(path: String) throws -> Vocabulary {
        let bytes = try FileBytes.read(path)
        let buffer = bytes.span
        try TextEncoding.utf8.validate(buffer, path: path)
        var tokens: [Range<Int>] = []
        var ids: [String?] = []
        var lines: [Int] = []
        var isFirst = true
        try TextScan.forEachLine(buffer) { line, start, end in
            tokens.removeAll(keepingCapacity: true)
            var k = start
            while k < end {
                while k < end && TextScan.isBlank(buffer[k]) { k += 1 }
                let tokenStart = k
                while k < end && !TextScan.isBlank(buffer[k]) { k += 1 }
                if k > tokenStart { tokens.append(tokenStart..<k) }
            }
            defer { isFirst = false }
            guard tokens.count >= 2 else {
                throw DataError.malformedLine(path: path, line: line, text: TextScan.display(buffer, start..<end),
                                              reason: "is not an `org_id remap_id` line")
            }
            guard let remap = TextScan.int64(buffer, tokens[1]) else {
                if isFirst { return }  // the header
                throw DataError.malformedLine(path: path, line: line, text: TextScan.display(buffer, tokens[1]),
                                              reason: "is not an integer remap id")
            }
            guard remap >= 0 && remap < 100_000_000 else {
                throw DataError.malformedLine(path: path, line: line, text: TextScan.display(buffer, tokens[1]),
                                              reason: "is not a valid remap id")
            }
            let index = Int(remap)
            if index >= ids.count {
                ids += [String?](repeating: nil, count: index + 1 - ids.count)
                lines += [Int](repeating: 0, count: index + 1 - lines.count)
            }
            guard ids[index] == nil else {
                throw DataError.malformedLine(path: path, line: line, text: TextScan.display(buffer, tokens[1]),
                                              reason: "repeats the remap id of line \(lines[index])")
            }
            ids[index] = TextScan.string(buffer, tokens[0])
            lines[index] = line
        }
        if let gap = ids.firstIndex(of: nil) {
            throw DataError.noUsableData(path: path, reason: "remap id \(gap) is missing (ids must be 0..<count)")
        }
        let vocabulary = Vocabulary(ids.map { $0! })
        guard vocabulary.count == ids.count else {
            throw DataError.noUsableData(path: path, reason: "an original id is listed twice")
        }
        return vocabulary
    }
}
