import Foundation
import RecKernels

/// Appends little-endian values and arrays to a byte buffer, for model files.
struct LittleEndianWriter {
    private(set) var data: Data

    init(capacity: Int) {
        data = Data()
        data.reserveCapacity(capacity)
    }

    mutating func append(bytes: [UInt8]) { data.append(contentsOf: bytes) }

    /// Lets `body` append a section of its own.
    mutating func append(section body: (inout Data) -> Void) { body(&data) }

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        LittleEndianBytes.append(value, to: &data)
    }

    mutating func append<T: FixedWidthInteger>(integers values: [T]) {
        LittleEndianBytes.append(contentsOf: values, to: &data)
    }

    mutating func append(floats values: [Float]) { append(integers: values.map(\.bitPattern)) }

    mutating func append(matrix m: Matrix<Float>) {
        for r in 0..<m.rows { append(floats: m.rowArray(r)) }
    }

    /// FNV-1a 64 of everything appended so far.
    var checksum: UInt64 { ModelFile.checksum(data.span) }
}

/// Reads little-endian arrays from a byte buffer whose bounds the caller has checked.
struct LittleEndianReader {
    let data: Data
    var offset: Int

    mutating func integers<T: FixedWidthInteger>(_ type: T.Type, count: Int) -> [T] {
        let size = MemoryLayout<T>.size
        let start = offset
        offset += count * size
        return LittleEndianBytes.read(T.self, from: data, at: start, count: count)
    }

    mutating func floats(count: Int) -> [Float] {
        integers(UInt32.self, count: count).map { Float(bitPattern: $0) }
    }

    mutating func matrix(rows: Int, columns: Int) -> Matrix<Float> {
        Matrix(rows: rows, columns: columns, values: floats(count: rows * columns))
    }
}
