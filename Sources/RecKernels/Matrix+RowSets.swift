extension Matrix {
    /// `self[r] = a · source[r]` for each listed row `r`; other rows are left as they are.
    @inlinable
    public func setRows(_ source: Matrix<Scalar>, scaledBy a: Scalar, rows: [Int32]) {
        precondition(source.columns == columns && source.rows == self.rows, "setRows: shape mismatch")
        let d = columns
        for r in rows {
            let src = source.row(Int(r)), dst = row(Int(r))
            for c in 0..<d { dst[c] = a * src[c] }
        }
    }

    /// `self[r] += a · source[r]` for each listed row `r`, element by element.
    @inlinable
    public func addRows(_ source: Matrix<Scalar>, scaledBy a: Scalar, rows: [Int32]) {
        precondition(source.columns == columns && source.rows == self.rows, "addRows: shape mismatch")
        let d = columns
        for r in rows {
            let src = source.row(Int(r)), dst = row(Int(r))
            for c in 0..<d { dst[c] += a * src[c] }
        }
    }

    /// Sets the listed rows to zero.
    @inlinable
    public func clearRows(_ rows: [Int32]) {
        for r in rows { zeroRow(Int(r)) }
    }

    /// Sets every element to zero, in parallel chunks when the matrix is large (a write-only pass).
    @inlinable
    public func clearInParallel() {
        let n = count
        let chunks = n < 1 << 16 ? 1 : defaultParallelChunks
        let base = storage
        parallelFor(chunks) { c in
            let lo = n * c / chunks, hi = n * (c + 1) / chunks
            (base + lo).update(repeating: 0, count: hi - lo)
        }
    }
}
