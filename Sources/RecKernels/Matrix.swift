/// A dense row-major matrix that owns its storage (64-byte aligned).
///
/// A reference type: kernels write into matrices that the caller allocated once and reuses,
/// so no copy-on-write is wanted. Element `(r, c)` lives at `storage[r * columns + c]`.
/// `@unchecked Sendable` because kernels share it across worker threads, each writing its own rows.
public final class Matrix<Scalar: KernelScalar>: @unchecked Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The `rows * columns` elements, row after row.
    @usableFromInline let storage: UnsafeMutablePointer<Scalar>

    /// A `rows × columns` matrix of zeros.
    public init(rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        let count = max(rows * columns, 1)
        let byteCount = count * MemoryLayout<Scalar>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
        // All-zero bytes are +0.0 in IEEE 754: one memset instead of a generic per-element loop
        // (this initializer is not specialised, and the generic loop cost ~10 ms per 18 MB).
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        storage = raw.bindMemory(to: Scalar.self, capacity: count)
    }

    /// A `rows × columns` matrix whose entries are not initialised (for `KernelScalar`s, plain
    /// bits): only for scratch that its owner overwrites entirely before reading, such as
    /// ``RowBlockTopK``'s score block (the zeroing pass is measurable per single-user request) or a
    /// training batch's table of score vectors.
    public init(uninitializedRows rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        let count = max(rows * columns, 1)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Scalar>.stride, alignment: 64)
        storage = raw.bindMemory(to: Scalar.self, capacity: count)
    }

    /// A matrix holding `values` (row-major, `rows * columns` of them).
    public convenience init(rows: Int, columns: Int, values: [Scalar]) {
        precondition(values.count == rows * columns, "expected \(rows * columns) values, got \(values.count)")
        self.init(rows: rows, columns: columns)
        values.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { storage.update(from: base, count: values.count) }
        }
    }

    /// A matrix from nested rows, all of the same length.
    public convenience init(_ rowsOfValues: [[Scalar]]) {
        let columns = rowsOfValues.first?.count ?? 0
        precondition(rowsOfValues.allSatisfy { $0.count == columns }, "rows differ in length")
        self.init(rows: rowsOfValues.count, columns: columns, values: rowsOfValues.flatMap { $0 })
    }

    deinit { storage.deallocate() }

    /// Number of elements.
    @inlinable public var count: Int { rows * columns }

    /// Element at row `r`, column `c` (checked in debug builds only: this is the inner-loop form).
    @inlinable public subscript(r: Int, c: Int) -> Scalar {
        get {
            assert(r >= 0 && r < rows && c >= 0 && c < columns, "element (\(r), \(c)) outside \(rows) × \(columns)")
            return storage[r * columns + c]
        }
        set {
            assert(r >= 0 && r < rows && c >= 0 && c < columns, "element (\(r), \(c)) outside \(rows) × \(columns)")
            storage[r * columns + c] = newValue
        }
    }

    /// Pointer to the first element of row `r` (for the kernels of this module only).
    @inlinable func row(_ r: Int) -> UnsafeMutablePointer<Scalar> { storage + r * columns }

    /// The elements of row `r` as an array.
    public func rowArray(_ r: Int) -> [Scalar] {
        precondition(r >= 0 && r < rows, "rowArray: row \(r) outside 0..<\(rows)")
        return Array(UnsafeBufferPointer(start: row(r), count: columns))
    }

    /// All elements, row-major.
    public var values: [Scalar] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    /// All rows as nested arrays.
    public var rowArrays: [[Scalar]] { (0..<rows).map(rowArray) }

    /// Sets every element to zero.
    public func zero() { storage.update(repeating: 0, count: count) }

    /// A deep copy.
    public func copy() -> Matrix<Scalar> {
        let m = Matrix(rows: rows, columns: columns)
        m.storage.update(from: storage, count: count)
        return m
    }

    /// Copies the elements of `other` (same shape) into `self`.
    public func assign(_ other: Matrix<Scalar>) {
        precondition(other.rows == rows && other.columns == columns, "shape mismatch")
        storage.update(from: other.storage, count: count)
    }

    /// Σ of the squares of all elements, accumulated in `Double`.
    public func squaredNorm() -> Double {
        var s = 0.0
        for i in 0..<count { let v = Double(storage[i]); s += v * v }
        return s
    }

    /// The same numbers converted to another scalar type.
    public func converted<Other: KernelScalar>(to: Other.Type = Other.self) -> Matrix<Other> {
        let m = Matrix<Other>(rows: rows, columns: columns)
        for i in 0..<count { m.storage[i] = Other(storage[i]) }
        return m
    }
}

extension Matrix {
    /// `self = a * x` elementwise over the whole matrix (parallel).
    @inlinable
    public func setScaled(_ x: Matrix<Scalar>, by a: Scalar) {
        precondition(x.count == count, "shape mismatch")
        let dst = storage, src = x.storage
        forEachChunk { range in
            for i in range { dst[i] = a * src[i] }
        }
    }

    /// `self += a * x` elementwise over the whole matrix (parallel, SIMD).
    @inlinable
    public func addScaled(_ x: Matrix<Scalar>, by a: Scalar) {
        precondition(x.count == count, "shape mismatch")
        let dst = storage, src = x.storage
        forEachChunk { range in
            var i = range.lowerBound
            let rawDst = UnsafeMutableRawPointer(dst), rawSrc = UnsafeRawPointer(src)
            let stride = MemoryLayout<Scalar>.stride
            while i + 16 <= range.upperBound {
                var y = rawDst.loadUnaligned(fromByteOffset: i * stride, as: SIMD16<Scalar>.self)
                let v = rawSrc.loadUnaligned(fromByteOffset: i * stride, as: SIMD16<Scalar>.self)
                y.accumulate(v, a)
                rawDst.storeBytes(of: y, toByteOffset: i * stride, as: SIMD16<Scalar>.self)
                i += 16
            }
            while i < range.upperBound { dst[i] += a * src[i]; i += 1 }
        }
    }

    /// Splits the flat element range into cache-sized parallel chunks (aligned to 16 elements).
    @inlinable
    func forEachChunk(_ body: (Range<Int>) -> Void) {
        let n = count
        let chunkSize = max(16, ((n / defaultParallelChunks) + 15) & ~15)
        let chunks = (n + chunkSize - 1) / chunkSize
        if n < 1 << 15 {
            body(0..<n)
            return
        }
        parallelFor(chunks) { c in
            let lo = c * chunkSize
            body(lo..<min(n, lo + chunkSize))
        }
    }
}
