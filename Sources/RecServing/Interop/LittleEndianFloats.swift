import Foundation
import RecKernels

/// Conversions between `Float` arrays and little-endian IEEE-754 bytes, the storage of every
/// binary tensor format written here.
enum LittleEndianFloats {
    /// The values as little-endian `float32` bytes.
    static func encode(_ values: [Float]) -> Data {
        var data = Data()
        data.reserveCapacity(4 * values.count)
        LittleEndianBytes.append(contentsOf: values.map(\.bitPattern), to: &data)
        return data
    }

    /// `count` values read from `bytes` at `offset`, each `width` bytes (4: float32, 8: float64,
    /// converted to `Float`). The caller checks the bounds.
    static func decode(_ bytes: Data, offset: Int, count: Int, width: Int) -> [Float] {
        if width == 8 {
            return LittleEndianBytes.read(UInt64.self, from: bytes, at: offset, count: count).map { Float(Double(bitPattern: $0)) }
        }
        return LittleEndianBytes.read(UInt32.self, from: bytes, at: offset, count: count).map(Float.init(bitPattern:))
    }
}
