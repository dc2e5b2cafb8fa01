/// The records of a delimited text file with RFC 4180 quoting, shared by the readers of
/// interaction files (`DelimitedInteractionReader`) and of attribute files
/// (`AttributeFileReader`): separator detection, blank lines, quoted fields (which may hold the
/// separator, line breaks and `""`), and field bytes trimmed or unescaped on demand.
enum DelimitedRecords {
    /// One field of a record: the bytes `start..<end` of the buffer (inside the quotes when quoted).
    struct Field {
        var start: Int
        var end: Int
        /// Written in quotes (kept exactly, not trimmed).
        var isQuoted: Bool
        /// Contains `""` pairs to unescape.
        var isEscaped: Bool
    }

    /// The separator `given`, or the most frequent of `,` tab `;` `|` outside quotes in the header
    /// line starting at `start`; a header with none of them is an error ending with `oneColumnReason`.
    static func separatorByte(
        _ given: Character?, _ buffer: Span<UInt8>, from start: Int, path: String, oneColumnReason: String
    ) throws -> UInt8 {
        if let separator = given {
            guard let byte = separator.asciiValue, byte != UInt8(ascii: "\""), byte != 0x0A, byte != 0x0D else {
                throw DataError.invalidParameter(name: "separator", reason: "\"\(separator)\" is not one ASCII character "
                                                 + "other than a quote or a line break")
            }
            return byte
        }
        let candidates: [UInt8] = [UInt8(ascii: ","), 0x09, UInt8(ascii: ";"), UInt8(ascii: "|")]
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var k = start
        while k < buffer.count, inQuotes || buffer[k] != 0x0A {
            let byte = buffer[k]
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes, let c = candidates.firstIndex(of: byte) {
                counts[c] += 1
            }
            k += 1
        }
        let best = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }!
        guard counts[best] > 0 else {
            throw DataError.malformedLine(
                path: path, line: TextScan.lineNumber(of: start, in: buffer),
                text: TextScan.display(buffer, start..<k),
                reason: "is a header with one column; " + oneColumnReason)
        }
        return candidates[best]
    }

    /// Advances over blank lines (spaces, tabs, CR only).
    static func skipBlankLines(_ buffer: Span<UInt8>, _ i: inout Int, _ line: inout Int) {
        let n = buffer.count
        while i < n {
            var k = i
            while k < n && buffer[k] != 0x0A && TextScan.isBlank(buffer[k]) { k += 1 }
            if k >= n {
                i = n
            } else if buffer[k] == 0x0A {
                i = k + 1
                line += 1
                continue
            }
            return
        }
    }

    /// Reads one record starting at `i` into `fields` and moves `i` past its line end.
    @inline(__always)
    static func readRecord(
        _ buffer: Span<UInt8>, _ i: inout Int, _ line: inout Int, separator: UInt8,
        into fields: inout [Field], path: String
    ) throws {
        let n = buffer.count
        let quote = UInt8(ascii: "\""), newline: UInt8 = 0x0A
        fields.removeAll(keepingCapacity: true)
        while true {
            var j = i
            while j < n && buffer[j] == 0x20 { j += 1 }
            if j < n && buffer[j] == quote {
                let openLine = line, open = j
                j += 1
                let start = j
                var isEscaped = false
                while true {
                    guard j < n else {
                        throw DataError.malformedLine(
                            path: path, line: openLine, text: TextScan.display(buffer, open..<min(n, open + 40)),
                            reason: "opens a quoted field that is never closed")
                    }
                    let byte = buffer[j]
                    if byte == quote {
                        if j + 1 < n && buffer[j + 1] == quote {
                            isEscaped = true
                            j += 2
                            continue
                        }
                        break
                    }
                    if byte == newline { line += 1 }
                    j += 1
                }
                fields.append(Field(start: start, end: j, isQuoted: true, isEscaped: isEscaped))
                j += 1
                while j < n && (buffer[j] == 0x20 || buffer[j] == 0x0D) { j += 1 }
                if j >= n {
                    i = n
                    return
                }
                if buffer[j] == separator {
                    i = j + 1
                    continue
                }
                if buffer[j] == newline {
                    i = j + 1
                    line += 1
                    return
                }
                throw DataError.malformedLine(
                    path: path, line: line, text: TextScan.display(buffer, open..<min(n, j + 1)),
                    reason: "has text after a closing quote; write a quote inside a quoted field as \"\"")
            }
            var k = i
            while k < n {
                let byte = buffer[k]
                if byte == separator || byte == newline { break }
                k += 1
            }
            var end = k
            if end > i && buffer[end - 1] == 0x0D { end -= 1 }
            fields.append(Field(start: i, end: end, isQuoted: false, isEscaped: false))
            if k >= n {
                i = n
                return
            }
            i = k + 1
            if buffer[k] == newline {
                line += 1
                return
            }
        }
    }

    /// Calls `body` with the field's bytes: trimmed when unquoted, `""` unescaped when needed.
    @inline(__always)
    static func withFieldBytes<T>(
        _ buffer: Span<UInt8>, _ field: Field, _ scratch: inout [UInt8],
        _ body: (Span<UInt8>) throws -> T
    ) rethrows -> T {
        if !field.isEscaped {
            let range = field.isQuoted ? field.start..<field.end : TextScan.trimmed(buffer, field.start..<field.end)
            return try body(buffer.extracting(range))
        }
        scratch.removeAll(keepingCapacity: true)
        var k = field.start
        while k < field.end {
            scratch.append(buffer[k])
            k += buffer[k] == UInt8(ascii: "\"") ? 2 : 1
        }
        return try body(scratch.span)
    }
}
