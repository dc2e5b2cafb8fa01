import Foundation

/// Conversions between `Float` arrays and little-endian IEEE-754 bytes, the storage of every
/// binary tensor format written here.
enum LittleEndianFloats {
    /// The values as little-endian `float32` bytes.
    static func encode(_ values: [Float]) -> Data {
        let words = values.map { $0.bitPattern.littleEndian }
        return words.withUnsafeBytes { Data($0) }
    }

    /// `count` values read from `bytes` at `offset`, each `width` bytes (4: float32, 8: float64,
    /// converted to `Float`). The caller checks the bounds.
    static func decode(_ bytes: Data, offset: Int, count: Int, width: Int) -> [Float] {
        bytes.withUnsafeBytes { raw in
            if width == 8 {
                return (0..<count).map { i in
                    Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8 * i, as: UInt64.self))))
                }
            }
            return (0..<count).map { i in
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4 * i, as: UInt32.self)))
            }
        }
    }
}
