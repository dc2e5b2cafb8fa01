/// The fields of one line of a separator-delimited file (no quoting), with typed accessors that
/// throw `DataError.malformedLine` naming the file, the line and the offending field.
struct RecordFields {
    let path: String
    let separator: [UInt8]
    private(set) var ranges: [Range<Int>] = []
    private(set) var line = 0
    private var lineRange = 0..<0

    init(path: String, separator: String) {
        self.path = path
        self.separator = Array(separator.utf8)
        ranges.reserveCapacity(32)
    }

    /// Splits `start..<end` (line `line`) and checks that it has `count` fields (at least `count`
    /// when `allowingMore`).
    @inline(__always)
    mutating func split(
        _ bytes: Span<UInt8>, _ start: Int, _ end: Int, line: Int, count: Int,
        allowingMore: Bool = false
    ) throws {
        self.line = line
        lineRange = start..<end
        TextScan.split(bytes, start, end, separator: separator, into: &ranges)
        if ranges.count == count || (allowingMore && ranges.count > count) { return }
        let hint = ranges.count < count ? TextScan.separatorHint(bytes, start, end, expected: separator) : ""
        throw DataError.malformedLine(
            path: path, line: line, text: TextScan.display(bytes, lineRange),
            reason: "has \(ranges.count) field\(ranges.count == 1 ? "" : "s") separated by "
                + "\(TextScan.name(ofSeparator: separator)), expected \(allowingMore ? "at least " : "")\(count)\(hint)")
    }

    /// Field `k`, without surrounding spaces.
    @inline(__always)
    subscript(_ k: Int) -> Range<Int> { ranges[k] }

    /// The error for field `k` with `reason`.
    func error(_ bytes: Span<UInt8>, _ k: Int, _ reason: String) -> DataError {
        .malformedLine(path: path, line: line, text: TextScan.display(bytes, ranges[k]), reason: reason)
    }

    /// Field `k` as a numeric id (digits only; `name` is used in the message), trimmed.
    @inline(__always)
    func id(_ bytes: Span<UInt8>, _ k: Int, _ name: String) throws -> Range<Int> {
        let r = TextScan.trimmed(bytes, ranges[k])
        var valid = !r.isEmpty && r.count <= 18
        if valid {
            let digits = bytes.extracting(r)
            for p in 0..<digits.count where digits[p] &- UInt8(ascii: "0") > 9 { valid = false; break }
        }
        guard valid else { throw error(bytes, k, "is not a valid \(name) (expected a non-negative integer)") }
        return r
    }

    /// Field `k` as an integer in `range`.
    @inline(__always)
    func integer(
        _ bytes: Span<UInt8>, _ k: Int, _ name: String, in range: ClosedRange<Int64>
    ) throws -> Int64 {
        guard let value = TextScan.int64(bytes, ranges[k]) else {
            throw error(bytes, k, "is not an integer \(name)")
        }
        guard range.contains(value) else {
            throw error(bytes, k, "is not a valid \(name) (expected \(range.lowerBound)…\(range.upperBound))")
        }
        return value
    }

    /// Field `k` as a finite number in `range`.
    @inline(__always)
    func number(
        _ bytes: Span<UInt8>, _ k: Int, _ name: String, in range: ClosedRange<Double>
    ) throws -> Double {
        guard let value = TextScan.double(bytes, ranges[k]) else {
            throw error(bytes, k, "is not a number (\(name))")
        }
        guard range.contains(value) else {
            throw error(bytes, k, "is not a valid \(name) (expected \(range.lowerBound)…\(range.upperBound))")
        }
        return value
    }

    /// Field `k` as a Unix timestamp in seconds, checked for plausibility.
    @inline(__always)
    func timestamp(_ bytes: Span<UInt8>, _ k: Int) throws -> Int64 {
        guard let value = TextScan.int64(bytes, ranges[k]) else {
            throw error(bytes, k, "is not an integer Unix timestamp")
        }
        guard UnixTime.isPlausible(value) else { throw error(bytes, k, UnixTime.implausibleReason(value)) }
        return value
    }

    /// Field `k` decoded as text, trimmed.
    func text(_ bytes: Span<UInt8>, _ k: Int, encoding: TextEncoding) -> String {
        encoding.decode(bytes, TextScan.trimmed(bytes, ranges[k]))
    }
}
