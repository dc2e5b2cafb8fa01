/// Reads the release year MovieLens writes at the end of a title: `"Toy Story (1995)"` → 1995.
enum MovieTitle {
    /// The year in a trailing `(YYYY)` (spaces allowed after it), or nil.
    static func year(in title: String) -> Int? {
        let trimmed = title.trimmingSuffix { $0 == " " }
        guard trimmed.hasSuffix(")") else { return nil }
        let characters = Array(trimmed.utf8.suffix(6))
        guard characters.count == 6, characters[0] == UInt8(ascii: "(") else { return nil }
        var year = 0
        for c in characters[1...4] {
            guard c &- UInt8(ascii: "0") <= 9 else { return nil }
            year = year * 10 + Int(c &- UInt8(ascii: "0"))
        }
        return year
    }
}

extension String {
    /// The string without trailing characters matching `predicate`.
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[..<end]
    }
}
