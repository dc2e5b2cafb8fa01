/// The layer-transform products of a training step on a batch's rows kept together: row `k` of a
/// *block* belongs to node `rows[k]`, and a layer's `d` columns start at some column of the block
/// (the loss's batch of score vectors `[X⁰ | X¹ | … | X^L]` and its gradient). They give the same
/// numbers as the row-listed products of ``LayerTransformProducts`` on the same rows, without
/// scattering results into `N × d` tables and gathering them back.
extension LayerTransformProducts {
    /// `y[k][yColumn ..< yColumn + d] = a[k][aColumn ..< aColumn + d] · w` (or `· wᵀ`) for every
    /// row `k` of the blocks `a` and `y` (same number of rows, `w` is `d × d`). The arithmetic of
    /// ``multiply(_:_:transposed:into:rows:)`` on the same rows: the packed GEMM kernel from
    /// ``compactThreshold`` rows up in `Float`, the plain row loop otherwise.
    @inlinable public static func multiply<Scalar: KernelScalar>(block a: Matrix<Scalar>, column aColumn: Int, _ w: Matrix<Scalar>,
                                                                   transposed: Bool, intoBlock y: Matrix<Scalar>, column yColumn: Int) {
        let d = w.rows, n = a.rows
        precondition(w.columns == d && y.rows == n && aColumn >= 0 && aColumn + d <= a.columns
                     && yColumn >= 0 && yColumn + d <= y.columns, "layer transform of blocks: shape mismatch")
        if n >= compactThreshold, let af = a as? Matrix<Float>, let wf = w as? Matrix<Float>, let yf = y as? Matrix<Float> {
            let left = MatrixView(base: af.storage + aColumn, rows: n, columns: d, rowStride: af.columns)
            let out = MatrixView(base: yf.storage + yColumn, rows: n, columns: d, rowStride: yf.columns)
            DenseMultiply.multiply(left, transposed ? MatrixView(wf).transposed : MatrixView(wf), into: out)
            return
        }
        let weight = transposed ? transpose(w) : w
        let chunks = n < 256 ? 1 : 8
        let ys = y.storage, xs = a.storage, ws = weight.storage
        parallelFor(chunks) { c in
            for k in (n * c / chunks)..<(n * (c + 1) / chunks) {
                let xr = xs + k * a.columns + aColumn, yr = ys + k * y.columns + yColumn
                yr.update(repeating: 0, count: d)
                for i in 0..<d {
                    let s = xr[i]
                    if s == 0 { continue }
                    let wi = ws + i * d
                    for j in 0..<d { yr[j] += s * wi[j] }
                }
            }
        }
    }

    /// `g = Σ_k x[rows[k]]ᵀ · t[k][column ..< column + n]` (`d × n`): the weight gradient of
    /// ``transposedProduct(_:_:rows:into:)`` with `t`'s rows in a block. The same sums in the same
    /// order (fixed slices of the list, four rows at a time).
    @inlinable public static func transposedProduct<Scalar: KernelScalar>(_ x: Matrix<Scalar>, rows: [Int32], block t: Matrix<Scalar>,
                                                                           column: Int, into g: Matrix<Scalar>) {
        precondition(t.rows == rows.count && g.rows == x.columns && column >= 0 && column + g.columns <= t.columns,
                     "layer gradient of a block: shape mismatch")
        let xs = x.storage, ts = t.storage, k = x.columns, wide = t.columns
        accumulateOuterProducts(count: rows.count, k: k, n: g.columns, into: g,
                                xRow: { xs + Int(rows[$0]) * k }, tRow: { ts + $0 * wide + column })
    }
}

extension Matrix {
    /// `self[rows[k]] += a · block[k][column ..< column + columns]` for every `k`, element by
    /// element: ``addRows(_:scaledBy:rows:)`` with the source rows kept together in a block.
    @inlinable
    public func addRows(fromBlock block: Matrix<Scalar>, column: Int, scaledBy a: Scalar, rows: [Int32]) {
        precondition(block.rows == rows.count && column >= 0 && column + columns <= block.columns,
                     "addRows(fromBlock:): shape mismatch")
        let d = columns, wide = block.columns
        for (k, r) in rows.enumerated() {
            precondition(r >= 0 && Int(r) < self.rows, "addRows(fromBlock:): row \(r) outside 0..<\(self.rows)")
            let src = block.storage + k * wide + column, dst = row(Int(r))
            for c in 0..<d { dst[c] += a * src[c] }
        }
    }
}
