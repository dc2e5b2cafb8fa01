import Foundation

/// Little-endian numbers in byte buffers, for the binary files the project writes and reads
/// (model files, npy, safetensors). The memory access lives here, in the kernels, so that the
/// file code needs no pointers.
public enum LittleEndianBytes {
    /// Appends `value`'s little-endian bytes to `data`.
    @inlinable
    public static func append<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    /// Appends every value of `values`, each as its little-endian bytes, to `data`.
    @inlinable
    public static func append<T: FixedWidthInteger>(contentsOf values: [T], to data: inout Data) {
        #if _endian(little)
        values.withUnsafeBytes { data.append(contentsOf: $0) }
        #else
        for value in values { append(value, to: &data) }
        #endif
    }

    /// The value of type `T` stored little-endian at `offset` of `data` (relative to its start).
    ///
    /// - Precondition: `offset ≥ 0` and `offset + size(T) ≤ data.count`.
    @inlinable
    public static func read<T: FixedWidthInteger>(_ type: T.Type = T.self, from data: Data, at offset: Int) -> T {
        precondition(offset >= 0 && offset + MemoryLayout<T>.size <= data.count, "LittleEndianBytes: read past the end")
        return data.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }

    /// `count` values of type `T` stored little-endian one after another from `offset` of `data`.
    ///
    /// - Precondition: the values lie inside `data`.
    @inlinable
    public static func read<T: FixedWidthInteger>(_ type: T.Type = T.self, from data: Data, at offset: Int, count: Int) -> [T] {
        let size = MemoryLayout<T>.size
        precondition(offset >= 0 && count >= 0 && offset + count * size <= data.count, "LittleEndianBytes: read past the end")
        return data.withUnsafeBytes { raw in
            (0..<count).map { T(littleEndian: raw.loadUnaligned(fromByteOffset: offset + $0 * size, as: T.self)) }
        }
    }
}
