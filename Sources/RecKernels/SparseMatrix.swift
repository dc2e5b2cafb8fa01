/// A sparse matrix in compressed sparse row (CSR) form.
///
/// Row `r` holds the entries `columnIndices[rowOffsets[r] ..< rowOffsets[r+1]]` with values
/// `values[…]` at the same positions. Columns are sorted within a row; duplicate coordinates
/// are kept as separate entries (their products add up in `multiply`, as repeated edges do in
/// message passing).
public struct SparseMatrix<Scalar: KernelScalar>: Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// `rows + 1` offsets into `columnIndices` and `values`.
    public let rowOffsets: [Int]
    /// Column of each stored entry.
    public let columnIndices: [Int32]
    /// Value of each stored entry.
    public let values: [Scalar]

    /// Number of stored entries.
    public var nonZeroCount: Int { columnIndices.count }

    /// A matrix from its CSR arrays (checked for consistency).
    public init(rows: Int, columns: Int, rowOffsets: [Int], columnIndices: [Int32], values: [Scalar]) {
        precondition(rowOffsets.count == rows + 1 && rowOffsets.first == 0 && rowOffsets.last == columnIndices.count,
                     "inconsistent CSR row offsets")
        precondition(values.count == columnIndices.count, "one value per stored entry")
        // The kernels' invariants, checked in debug builds only (a pass over every entry).
        assert(Self.hasSortedRows(columns: columns, rowOffsets: rowOffsets, columnIndices: columnIndices),
               "CSR offsets must not decrease, and each row's columns must be sorted and in 0..<\(columns)")
        self.rows = rows
        self.columns = columns
        self.rowOffsets = rowOffsets
        self.columnIndices = columnIndices
        self.values = values
    }

    /// Whether `rowOffsets` never decrease and every row's columns are sorted (repeats allowed)
    /// and lie in `0..<columns`.
    static func hasSortedRows(columns: Int, rowOffsets: [Int], columnIndices: [Int32]) -> Bool {
        for r in 0..<(rowOffsets.count - 1) {
            let start = rowOffsets[r], end = rowOffsets[r + 1]
            guard start <= end else { return false }
            var previous: Int32 = -1
            for p in start..<end {
                let c = columnIndices[p]
                guard c >= previous, c >= 0, Int(c) < columns else { return false }
                previous = c
            }
        }
        return true
    }

    /// A matrix from coordinate triples `(rowIndices[e], columnIndices[e], values[e])`.
    /// Entries keep their input order within a row after a stable sort by column.
    public init(rows: Int, columns: Int, rowIndices: [Int], columnIndices: [Int], values: [Scalar]) {
        precondition(rowIndices.count == columnIndices.count && values.count == rowIndices.count,
                     "coordinate arrays differ in length")
        var counts = [Int](repeating: 0, count: rows + 1)
        for r in rowIndices {
            precondition(r >= 0 && r < rows, "row index \(r) out of range 0..<\(rows)")
            counts[r + 1] += 1
        }
        for r in 0..<rows { counts[r + 1] += counts[r] }
        var next = counts
        var order = [Int](repeating: 0, count: rowIndices.count)
        for (e, r) in rowIndices.enumerated() {
            order[next[r]] = e
            next[r] += 1
        }
        var cols = [Int32](repeating: 0, count: order.count)
        var vals = [Scalar](repeating: 0, count: order.count)
        for r in 0..<rows {
            let lo = counts[r], hi = counts[r + 1]
            if hi - lo > 1 {
                order[lo..<hi].sort { (columnIndices[$0], $0) < (columnIndices[$1], $1) }
            }
            for p in lo..<hi {
                let c = columnIndices[order[p]]
                precondition(c >= 0 && c < columns, "column index \(c) out of range 0..<\(columns)")
                cols[p] = Int32(c)
                vals[p] = values[order[p]]
            }
        }
        self.init(rows: rows, columns: columns, rowOffsets: counts, columnIndices: cols, values: vals)
    }

    /// The transpose, also in CSR form.
    public func transposed() -> SparseMatrix<Scalar> {
        var rowIdx = [Int](repeating: 0, count: nonZeroCount)
        for r in 0..<rows {
            for p in rowOffsets[r]..<rowOffsets[r + 1] { rowIdx[p] = r }
        }
        return SparseMatrix(rows: columns, columns: rows, rowIndices: columnIndices.map(Int.init),
                            columnIndices: rowIdx, values: values)
    }

    /// The number of stored entries in row `r`.
    @inlinable public func rowLength(_ r: Int) -> Int { rowOffsets[r + 1] - rowOffsets[r] }

    /// The dense product `y = self · x` into a preallocated `y` (`rows × x.columns`), parallel
    /// over row ranges balanced by non-zeros. `y` must not be `x`.
    ///
    /// yᵢ = Σ_{p ∈ row i} values[p] · x[columnIndices[p]]
    @inlinable
    public func multiply(_ x: Matrix<Scalar>, into y: Matrix<Scalar>, chunks: Int = defaultParallelChunks) {
        multiply(x, scaledBy: 1, adding: nil, scaledBy: 0, into: y, chunks: chunks)
    }

    /// The fused product `y = a · (self · x) + b · z` in one pass over `y` (`z` may be nil,
    /// meaning no second term). `y` must be neither `x` nor `z`.
    ///
    /// Used for Horner-form layer combinations such as Σₗ αₗ Aˡ E = α₀E + A(α₁E + A(α₂E + …)),
    /// which need one sparse product per layer and no separate elementwise passes.
    @inlinable
    public func multiply(_ x: Matrix<Scalar>, scaledBy a: Scalar, adding z: Matrix<Scalar>?, scaledBy b: Scalar,
                         into y: Matrix<Scalar>, chunks: Int = defaultParallelChunks) {
        precondition(x.rows == columns && y.rows == rows && y.columns == x.columns, "SpMM shape mismatch")
        precondition(x !== y && z !== y, "SpMM cannot run in place")
        if let z { precondition(z.rows == rows && z.columns == x.columns, "SpMM addend shape mismatch") }
        let d = x.columns
        let zStorage = z.map { UnsafePointer($0.storage) }
        rowOffsets.withUnsafeBufferPointer { offsets in
            columnIndices.withUnsafeBufferPointer { cols in
                values.withUnsafeBufferPointer { vals in
                    let ranges = balancedRanges(count: rows, chunks: rows * d < 1 << 14 ? 1 : chunks) {
                        offsets[$0] + $0
                    }
                    parallelFor(ranges.count) { c in
                        SparseMatrix.multiplyRows(ranges[c], offsets: offsets, columns: cols, values: vals,
                                                  x: x.storage, scale: a, z: zStorage, zScale: b, y: y.storage, d: d)
                    }
                }
            }
        }
    }

    @inlinable
    static func multiplyRows<Rows: Sequence<Int>>(
        _ range: Rows, offsets: UnsafeBufferPointer<Int>, columns: UnsafeBufferPointer<Int32>,
        values: UnsafeBufferPointer<Scalar>, x: UnsafeMutablePointer<Scalar>, scale: Scalar,
        z: UnsafePointer<Scalar>?, zScale: Scalar, y: UnsafeMutablePointer<Scalar>, d: Int
    ) {
        let stride = MemoryLayout<Scalar>.stride
        let rawX = UnsafeRawPointer(x)
        let rawY = UnsafeMutableRawPointer(y)
        let rawZ = z.map { UnsafeRawPointer($0) }
        let blocks = d / 16
        /// The finished 16 lanes at byte offset `o` of the output: a·acc (+ b·z).
        @inline(__always) func finish(_ acc: SIMD16<Scalar>, _ o: Int) -> SIMD16<Scalar> {
            var v = acc * scale
            if let rawZ { v.accumulate(rawZ.loadUnaligned(fromByteOffset: o, as: SIMD16<Scalar>.self), zScale) }
            return v
        }
        for r in range {
            let lo = offsets[r], hi = offsets[r + 1]
            var b = 0
            // Four 16-lane accumulators per pass over the row's entries (d = 64 in one pass).
            while b + 4 <= blocks {
                var a0 = SIMD16<Scalar>(), a1 = SIMD16<Scalar>(), a2 = SIMD16<Scalar>(), a3 = SIMD16<Scalar>()
                for p in lo..<hi {
                    let w = values[p]
                    let base = (Int(columns[p]) * d + b * 16) * stride
                    a0.accumulate(rawX.loadUnaligned(fromByteOffset: base, as: SIMD16<Scalar>.self), w)
                    a1.accumulate(rawX.loadUnaligned(fromByteOffset: base + 16 * stride, as: SIMD16<Scalar>.self), w)
                    a2.accumulate(rawX.loadUnaligned(fromByteOffset: base + 32 * stride, as: SIMD16<Scalar>.self), w)
                    a3.accumulate(rawX.loadUnaligned(fromByteOffset: base + 48 * stride, as: SIMD16<Scalar>.self), w)
                }
                let out = (r * d + b * 16) * stride
                rawY.storeBytes(of: finish(a0, out), toByteOffset: out, as: SIMD16<Scalar>.self)
                rawY.storeBytes(of: finish(a1, out + 16 * stride), toByteOffset: out + 16 * stride, as: SIMD16<Scalar>.self)
                rawY.storeBytes(of: finish(a2, out + 32 * stride), toByteOffset: out + 32 * stride, as: SIMD16<Scalar>.self)
                rawY.storeBytes(of: finish(a3, out + 48 * stride), toByteOffset: out + 48 * stride, as: SIMD16<Scalar>.self)
                b += 4
            }
            while b < blocks {
                var a0 = SIMD16<Scalar>()
                for p in lo..<hi {
                    let base = (Int(columns[p]) * d + b * 16) * stride
                    a0.accumulate(rawX.loadUnaligned(fromByteOffset: base, as: SIMD16<Scalar>.self), values[p])
                }
                let out = (r * d + b * 16) * stride
                rawY.storeBytes(of: finish(a0, out), toByteOffset: out, as: SIMD16<Scalar>.self)
                b += 1
            }
            var c = blocks * 16
            while c < d {
                var acc: Scalar = 0
                for p in lo..<hi { acc += values[p] * x[Int(columns[p]) * d + c] }
                y[r * d + c] = scale * acc + (z.map { zScale * $0[r * d + c] } ?? 0)
                c += 1
            }
        }
    }

    /// The fused product `y = a · (self · x) + b · z` for the listed rows of `y` only; other rows
    /// of `y` are left as they are. For a step whose result is needed on a few rows (the nodes
    /// of a training batch).
    @inlinable
    public func multiply(_ x: Matrix<Scalar>, scaledBy a: Scalar, adding z: Matrix<Scalar>?, scaledBy b: Scalar,
                         into y: Matrix<Scalar>, onlyRows: [Int32]) {
        precondition(x.rows == columns && y.rows == rows && y.columns == x.columns, "SpMM shape mismatch")
        precondition(x !== y && z !== y, "SpMM cannot run in place")
        let d = x.columns
        let zStorage = z.map { UnsafePointer($0.storage) }
        let chunks = onlyRows.count < 256 ? 1 : 8
        rowOffsets.withUnsafeBufferPointer { offsets in
            columnIndices.withUnsafeBufferPointer { cols in
                values.withUnsafeBufferPointer { vals in
                    onlyRows.withUnsafeBufferPointer { list in
                        parallelFor(chunks) { c in
                            let lo = list.count * c / chunks, hi = list.count * (c + 1) / chunks
                            SparseMatrix.multiplyRows(list[lo..<hi].lazy.map { Int($0) }, offsets: offsets, columns: cols,
                                                      values: vals, x: x.storage, scale: a, z: zStorage, zScale: b,
                                                      y: y.storage, d: d)
                        }
                    }
                }
            }
        }
    }

    /// `y = a · (selfᵀ · x)` when `x` is zero outside `nonZeroRows`, computed by scattering those
    /// rows of `x` along the rows of `self` (work ∝ their entries, not all of `self`'s); `y` is
    /// overwritten. Call it on the transpose of the matrix you want to apply (for a symmetric
    /// matrix, on itself). `nonZeroRows` must not repeat a row.
    ///
    /// yⱼ = a · Σ_{i ∈ nonZeroRows} Σ_{p ∈ row i, columnIndices[p] = j} values[p] · xᵢ
    @inlinable
    public func scatterTransposedMultiply(_ x: Matrix<Scalar>, nonZeroRows: [Int32], scaledBy a: Scalar,
                                          into y: Matrix<Scalar>, chunks: Int = 8) {
        precondition(x.rows == rows && y.rows == columns && y.columns == x.columns, "scatter shape mismatch")
        precondition(x !== y, "scatter cannot run in place")
        let d = x.columns, xs = x.storage
        scatterTransposedMultiply(sourceRows: nonZeroRows, scaledBy: a, into: y, chunks: chunks) { xs + Int(nonZeroRows[$0]) * d }
    }

    /// ``scatterTransposedMultiply(_:nonZeroRows:scaledBy:into:chunks:)`` with the non-zero rows
    /// of `x` kept together in a block: node `rows[k]`'s row is `block[k][column ..< column + d]`
    /// (`d = y.columns`). The same sums in the same order.
    @inlinable
    public func scatterTransposedMultiply(block: Matrix<Scalar>, column: Int, rows listed: [Int32], scaledBy a: Scalar,
                                          into y: Matrix<Scalar>, chunks: Int = 8) {
        precondition(block.rows == listed.count && column >= 0 && column + y.columns <= block.columns && y.rows == columns,
                     "scatter of a block: shape mismatch")
        precondition(block !== y, "scatter cannot run in place")
        for r in listed { precondition(r >= 0 && Int(r) < rows, "scatter of a block: row \(r) outside 0..<\(rows)") }
        let bs = block.storage, wide = block.columns
        scatterTransposedMultiply(sourceRows: listed, scaledBy: a, into: y, chunks: chunks) { bs + $0 * wide + column }
    }

    /// The engine of both scatters: `sourceRow(k)` is the row of `x` that belongs to node
    /// `sourceRows[k]`.
    @inlinable
    func scatterTransposedMultiply(sourceRows nonZeroRows: [Int32], scaledBy a: Scalar, into y: Matrix<Scalar>, chunks: Int,
                                   sourceRow: (Int) -> UnsafeMutablePointer<Scalar>) {
        let d = y.columns
        let ys = y.storage
        let parts = max(1, min(chunks, columns))
        // Each worker owns a range of destination rows (columns of self): it clears them, then
        // scatters into them from every listed source row, finding the sub-range of each row's
        // sorted columns that falls in its range by binary search.
        rowOffsets.withUnsafeBufferPointer { offsets in
            columnIndices.withUnsafeBufferPointer { cols in
                values.withUnsafeBufferPointer { vals in
                    parallelFor(parts) { part in
                        let lo = columns * part / parts, hi = columns * (part + 1) / parts
                        (ys + lo * d).update(repeating: 0, count: (hi - lo) * d)
                        let stride = MemoryLayout<Scalar>.stride
                        for (k, i) in nonZeroRows.enumerated() {
                            let r = Int(i)
                            var p = SparseMatrix.firstEntry(atOrAfter: Int32(lo), in: offsets[r]..<offsets[r + 1], columns: cols)
                            let end = offsets[r + 1]
                            let xr = sourceRow(k)
                            let rawX = UnsafeRawPointer(xr)
                            while p < end {
                                let j = Int(cols[p])
                                if j >= hi { break }
                                let w = a * vals[p]
                                let yr = ys + j * d
                                let rawY = UnsafeMutableRawPointer(yr)
                                var c = 0
                                while c + 16 <= d {
                                    var acc = rawY.loadUnaligned(fromByteOffset: c * stride, as: SIMD16<Scalar>.self)
                                    acc.accumulate(rawX.loadUnaligned(fromByteOffset: c * stride, as: SIMD16<Scalar>.self), w)
                                    rawY.storeBytes(of: acc, toByteOffset: c * stride, as: SIMD16<Scalar>.self)
                                    c += 16
                                }
                                while c < d { yr[c] += w * xr[c]; c += 1 }
                                p += 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// The first position in `range` whose column is ≥ `column` (columns are sorted in a row).
    @inlinable @inline(__always)
    static func firstEntry(atOrAfter column: Int32, in range: Range<Int>, columns: UnsafeBufferPointer<Int32>) -> Int {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            let mid = (lo + hi) >> 1
            if columns[mid] < column { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Dense `y = self · x` by the textbook triple loop: the reference that tests compare
    /// `multiply` against.
    public func referenceMultiply(_ x: [[Scalar]]) -> [[Scalar]] {
        let d = x.first?.count ?? 0
        var y = [[Scalar]](repeating: [Scalar](repeating: 0, count: d), count: rows)
        for r in 0..<rows {
            for p in rowOffsets[r]..<rowOffsets[r + 1] {
                for c in 0..<d { y[r][c] += values[p] * x[Int(columnIndices[p])][c] }
            }
        }
        return y
    }
}
