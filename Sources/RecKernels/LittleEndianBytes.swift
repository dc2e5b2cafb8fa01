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
            #if _endian(little)
            // One bulk copy: the stored bytes are already the host's.
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                if count > 0 {
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(
                        from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count * size)]))
                }
                initialized = count
            }
            #else
            (0..<count).map { T(littleEndian: raw.loadUnaligned(fromByteOffset: offset + $0 * size, as: T.self)) }
            #endif
        }
    }
}

extension Matrix where Scalar == Float {
    /// A `rows × columns` matrix read from `rows * columns` little-endian IEEE 754 floats stored
    /// one after another (row-major) from `offset` of `data`.
    ///
    /// - Precondition: the values lie inside `data`.
    public convenience init(rows: Int, columns: Int, littleEndianFloats data: Data, at offset: Int) {
        self.init(rows: rows, columns: columns)
        let byteCount = count * 4
        precondition(offset >= 0 && offset + byteCount <= data.count, "Matrix: floats past the end of the data")
        data.withUnsafeBytes { raw in
            #if _endian(little)
            if byteCount > 0 {
                UnsafeMutableRawPointer(storage).copyMemory(from: raw.baseAddress! + offset, byteCount: byteCount)
            }
            #else
            for i in 0..<count {
                storage[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4 * i, as: UInt32.self)))
            }
            #endif
        }
    }

    /// Appends every element (row-major) to `data` as little-endian IEEE 754 floats.
    public func appendLittleEndian(to data: inout Data) {
        #if _endian(little)
        data.append(UnsafeBufferPointer(start: storage, count: count))
        #else
        for i in 0..<count { LittleEndianBytes.append(storage[i].bitPattern, to: &data) }
        #endif
    }
}
