/// Byte-level scanning shared by the loaders: lines (LF or CRLF, an optional UTF-8 byte-order
/// mark, blank lines skipped), fields split by a separator, and numbers parsed in place, without
/// making a `String` per line.
enum TextScan {
    /// Space, tab, carriage return, vertical tab, form feed or newline.
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// The 8 bytes of `bytes` at `offset` as a little-endian word (one bounds check for all 8).
    @inline(__always)
    static func word(_ bytes: Span<UInt8>, at offset: Int) -> UInt64 {
        let b = bytes.extracting(offset..<(offset + 8))
        return UInt64(b[0]) | UInt64(b[1]) << 8 | UInt64(b[2]) << 16 | UInt64(b[3]) << 24
            | UInt64(b[4]) << 32 | UInt64(b[5]) << 40 | UInt64(b[6]) << 48 | UInt64(b[7]) << 56
    }

    /// Whether one of the 8 bytes of `word` is 0.
    @inline(__always)
    static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
    }

    /// Whether the 8 bytes of `word` are all ASCII and none is 0.
    @inline(__always)
    static func isPlainASCII(_ word: UInt64) -> Bool {
        word & 0x8080_8080_8080_8080 == 0 && !hasZeroByte(word)
    }

    /// Calls `body(lineNumber, start, end)` for every line of `bytes` that is not blank, with
    /// `start..<end` the line without its line end (`\n` or `\r\n`). Line numbers are 1-based and
    /// count blank lines. A UTF-8 byte-order mark at the start is skipped.
    @inline(__always)
    static func forEachLine(
        _ bytes: Span<UInt8>, _ body: (Int, Int, Int) throws -> Void
    ) rethrows {
        let n = bytes.count
        var i = hasByteOrderMark(bytes) ? 3 : 0
        var line = 1
        while i < n {
            let start = i
            while i < n && bytes[i] != 0x0A { i += 1 }
            var end = i
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            var blank = true
            for k in start..<end where !isBlank(bytes[k]) {
                blank = false
                break
            }
            if !blank { try body(line, start, end) }
            i += 1
            line += 1
        }
    }

    /// Whether `bytes` starts with the UTF-8 byte-order mark `EF BB BF`.
    static func hasByteOrderMark(_ bytes: Span<UInt8>) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// Splits `start..<end` at every occurrence of `separator` (one or more bytes) into `fields`
    /// (cleared first). No quoting.
    @inline(__always)
    static func split(
        _ bytes: Span<UInt8>, _ start: Int, _ end: Int, separator: [UInt8],
        into fields: inout [Range<Int>]
    ) {
        fields.removeAll(keepingCapacity: true)
        // Lets the compiler drop the per-byte bounds checks of the loop below.
        precondition(start >= 0 && start <= end && end <= bytes.count)
        let first = separator[0], width = separator.count
        var fieldStart = start
        var i = start
        while i < end {
            if bytes[i] == first && i + width <= end && (width == 1 || matches(bytes, at: i, separator)) {
                fields.append(fieldStart..<i)
                i += width
                fieldStart = i
            } else {
                i += 1
            }
        }
        fields.append(fieldStart..<end)
    }

    @inline(__always)
    private static func matches(_ bytes: Span<UInt8>, at i: Int, _ separator: [UInt8]) -> Bool {
        for k in 1..<separator.count where bytes[i + k] != separator[k] { return false }
        return true
    }

    /// `range` without leading and trailing spaces and tabs.
    @inline(__always)
    static func trimmed(_ bytes: Span<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper && (bytes[lower] == 0x20 || bytes[lower] == 0x09) { lower += 1 }
        while upper > lower && (bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09) { upper -= 1 }
        return lower..<upper
    }

    /// The integer written in `range` (optional sign, decimal digits, surrounding spaces
    /// allowed), or nil if it is not one or overflows `Int64`.
    @inline(__always)
    static func int64(_ bytes: Span<UInt8>, _ range: Range<Int>) -> Int64? {
        let r = trimmed(bytes, range)
        var i = r.lowerBound
        let end = r.upperBound
        var negative = false
        if i < end && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < end else { return nil }
        var value: Int64 = 0
        while i < end {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit <= 9 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(digit))
            guard !o1 && !o2 else { return nil }
            value = sum
            i += 1
        }
        return negative ? -value : value
    }

    /// The finite decimal number written in `range` (`4`, `-3.5`, `.5`, `1e3`, surrounding
    /// spaces allowed), or nil.
    static func double(_ bytes: Span<UInt8>, _ range: Range<Int>) -> Double? {
        let r = trimmed(bytes, range)
        var i = r.lowerBound
        let end = r.upperBound
        var negative = false
        if i < end && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: Int64 = 0, digits = 0, scale = 0
        while i < end, bytes[i] &- UInt8(ascii: "0") <= 9 {
            if digits < 18 { mantissa = mantissa * 10 + Int64(bytes[i] &- UInt8(ascii: "0")) } else { scale += 1 }
            digits += 1
            i += 1
        }
        if i < end && bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, bytes[i] &- UInt8(ascii: "0") <= 9 {
                if digits < 18 {
                    mantissa = mantissa * 10 + Int64(bytes[i] &- UInt8(ascii: "0"))
                    scale -= 1
                }
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return nil }
        if i < end && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            guard let exponent = int64(bytes, (i + 1)..<end), abs(exponent) < 400 else { return nil }
            scale += Int(exponent)
            i = end
        }
        guard i == end else { return nil }
        var value = Double(mantissa)
        if scale > 0 {
            for _ in 0..<scale { value *= 10 }
        } else if scale < 0 {
            // Dividing by an exact power of ten rounds once, so "3.7" parses to the nearest Double.
            var divisor = 1.0
            for _ in 0..<(-scale) { divisor *= 10 }
            value /= divisor
        }
        guard value.isFinite else { return nil }
        return negative ? -value : value
    }

    /// The bytes of `range` as text for an error message (UTF-8, invalid bytes replaced),
    /// shortened to 40 characters.
    static func display(_ bytes: Span<UInt8>, _ range: Range<Int>) -> String {
        let text = string(bytes, range)
        return text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    /// The bytes of `range` decoded as UTF-8, invalid bytes replaced (as `String(decoding:as:)`).
    static func string(_ bytes: Span<UInt8>, _ range: Range<Int>) -> String {
        if let text = try? UTF8Span(validating: bytes.extracting(range)) { return String(copying: text) }
        var copy: [UInt8] = []
        copy.reserveCapacity(range.count)
        for k in range { copy.append(bytes[k]) }
        return String(decoding: copy, as: UTF8.self)
    }

    /// The 1-based line of byte `offset`.
    static func lineNumber(of offset: Int, in bytes: Span<UInt8>) -> Int {
        var line = 1
        for k in 0..<min(offset, bytes.count) where bytes[k] == 0x0A { line += 1 }
        return line
    }

    /// A phrase naming the separator, for messages: `tab`, `"::"`, `","`.
    static func name(ofSeparator separator: [UInt8]) -> String {
        if separator == [0x09] { return "tab" }
        return "\"" + String(decoding: separator, as: UTF8.self) + "\""
    }

    /// A hint naming the separator a line seems to use instead of `expected`, or "".
    static func separatorHint(
        _ bytes: Span<UInt8>, _ start: Int, _ end: Int, expected: [UInt8]
    ) -> String {
        let candidates: [[UInt8]] = [[0x09], Array("::".utf8), [UInt8(ascii: ",")], [UInt8(ascii: ";")],
                                     [UInt8(ascii: "|")], [0x20]]
        var fields: [Range<Int>] = []
        var best: [UInt8]? = nil, bestCount = 1
        for candidate in candidates where candidate != expected {
            split(bytes, start, end, separator: candidate, into: &fields)
            if fields.count > bestCount {
                best = candidate
                bestCount = fields.count
            }
        }
        guard let best else { return "" }
        let name = best == [0x20] ? "spaces" : self.name(ofSeparator: best)
        return " (the line seems to be separated by \(name))"
    }
}
