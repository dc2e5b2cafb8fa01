/// The character encoding of a text data file.
///
/// MovieLens (`movies.dat`, `u.item`) and HetRec's `tags.dat` are Latin-1 (ISO 8859-1), in which
/// every byte is a character; most other files are UTF-8.
public enum TextEncoding: String, Sendable, Equatable, Codable, CaseIterable {
    /// UTF-8 (ASCII is a subset). Invalid byte sequences are an error naming the line.
    case utf8
    /// ISO 8859-1: byte `b` is the character U+00`b`. Every byte is valid except NUL.
    case latin1

    /// The name used in messages.
    public var displayName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .latin1: return "Latin-1"
        }
    }

    /// Throws `DataError.invalidEncoding` naming the first line of `bytes` that is not valid text
    /// in this encoding: invalid UTF-8, a NUL byte, or a UTF-16 byte-order mark.
    func validate(_ bytes: Span<UInt8>, path: String) throws {
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            throw DataError.invalidEncoding(path: path, line: 1, expected: displayName)
        }
        let bad: Int?
        switch self {
        case .utf8: bad = Self.firstInvalidUTF8(bytes)
        case .latin1: bad = Self.firstZero(bytes)
        }
        if let bad {
            throw DataError.invalidEncoding(path: path, line: TextScan.lineNumber(of: bad, in: bytes),
                                            expected: displayName)
        }
    }

    /// The text of `range`, decoded in this encoding (the bytes were validated before).
    func decode(_ bytes: Span<UInt8>, _ range: Range<Int>) -> String {
        var isASCII = true
        if self == .latin1 {
            for k in range where bytes[k] >= 0x80 {
                isASCII = false
                break
            }
        }
        if self == .utf8 || isASCII { return TextScan.string(bytes, range) }
        var scalars = String.UnicodeScalarView()
        for k in range { scalars.append(Unicode.Scalar(bytes[k])) }
        return String(scalars)
    }

    /// The offset of the first NUL byte of `bytes`, or nil.
    static func firstZero(_ bytes: Span<UInt8>) -> Int? {
        let n = bytes.count
        var k = 0
        while k + 8 <= n && !TextScan.hasZeroByte(TextScan.word(bytes, at: k)) { k += 8 }
        while k < n {
            if bytes[k] == 0 { return k }
            k += 1
        }
        return nil
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence (or a NUL byte),
    /// or nil if all of `bytes` is valid.
    static func firstInvalidUTF8(_ bytes: Span<UInt8>) -> Int? {
        let n = bytes.count
        var i = 0
        while i < n {
            // 8 ASCII bytes without a NUL at a time.
            while i + 8 <= n && TextScan.isPlainASCII(TextScan.word(bytes, at: i)) { i += 8 }
            guard i < n else { break }
            let lead = bytes[i]
            if lead < 0x80 {
                if lead == 0 { return i }
                i += 1
                continue
            }
            let length: Int, minimum: UInt32
            var scalar: UInt32
            if lead & 0xE0 == 0xC0 {
                (length, minimum, scalar) = (2, 0x80, UInt32(lead & 0x1F))
            } else if lead & 0xF0 == 0xE0 {
                (length, minimum, scalar) = (3, 0x800, UInt32(lead & 0x0F))
            } else if lead & 0xF8 == 0xF0 {
                (length, minimum, scalar) = (4, 0x10000, UInt32(lead & 0x07))
            } else {
                return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let byte = bytes[i + k]
                guard byte & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(byte & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return i }
            i += length
        }
        return nil
    }
}
