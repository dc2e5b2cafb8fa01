
/// The dense products of a layer transform: an `N × d` layer against a `d × d` weight.
///
///     Y = X·W  or  X·Wᵀ          (forward, and the backward T·Wᵀ)
///     G = Xᵀ·T                   (the weight gradient, a d × d reduction over the rows)
///
/// `Float` products `Y` run on the packed ``DenseMultiply`` kernel (those restricted to a batch's
/// rows gather the rows into a compact block first and scatter the result back); small products
/// and every product in other scalar types (the `Double` of the gradient checks) run on a plain
/// row loop, parallel over rows. `G` restricted to listed rows (and every `G` outside `Float`)
/// is summed from per-slice partials, parallel over fixed slices of the rows.
public enum LayerTransformProducts {
    /// `y = x·w` (`transposed: false`) or `y = x·wᵀ`, every row; `y` is overwritten.
    @inlinable public static func multiply<Scalar: KernelScalar>(_ x: Matrix<Scalar>, _ w: Matrix<Scalar>, transposed: Bool,
                                               into y: Matrix<Scalar>) {
        precondition(x.columns == w.rows && w.rows == w.columns && y.rows == x.rows && y.columns == x.columns,
                     "layer transform: \(x.rows)×\(x.columns) · \(w.rows)×\(w.columns) into \(y.rows)×\(y.columns)")
        if let xf = x as? Matrix<Float>, let wf = w as? Matrix<Float>, let yf = y as? Matrix<Float> {
            let weight = transposed ? MatrixView(wf).transposed : MatrixView(wf)
            DenseMultiply.multiply(MatrixView(xf), weight, into: MatrixView(yf))
            return
        }
        let rows = x.rows
        let chunks = rows * x.columns < 1 << 14 ? 1 : defaultParallelChunks
        let weight = transposed ? transpose(w) : w
        parallelFor(chunks) { c in
            multiplyRows((rows * c / chunks)..<(rows * (c + 1) / chunks), x, weight, y)
        }
    }

    /// `y[r] = x[r]·w` (or `x[r]·wᵀ`) for the listed rows only; other rows of `y` are untouched.
    @inlinable public static func multiply<Scalar: KernelScalar>(_ x: Matrix<Scalar>, _ w: Matrix<Scalar>, transposed: Bool,
                                               into y: Matrix<Scalar>, rows: [Int32]) {
        precondition(x.columns == w.rows && w.rows == w.columns && y.rows == x.rows && y.columns == x.columns,
                     "layer transform: shape mismatch")
        if rows.count >= compactThreshold, let xf = x as? Matrix<Float>, let wf = w as? Matrix<Float>, let yf = y as? Matrix<Float> {
            let block = Matrix<Float>(rows: rows.count, columns: x.columns)
            let product = Matrix<Float>(rows: rows.count, columns: x.columns)
            xf.gatherRows(rows, into: block)
            DenseMultiply.multiply(MatrixView(block), transposed ? MatrixView(wf).transposed : MatrixView(wf),
                                   into: MatrixView(product))
            yf.scatterRows(rows, from: product)
            return
        }
        let weight = transposed ? transpose(w) : w
        let chunks = rows.count < 256 ? 1 : 8
        parallelFor(chunks) { c in
            let lo = rows.count * c / chunks, hi = rows.count * (c + 1) / chunks
            multiplyRows(rows[lo..<hi].lazy.map { Int($0) }, x, weight, y)
        }
    }

    /// `g = xᵀ·t` (`d × d`), summing over every row; `g` is overwritten.
    @inlinable public static func transposedProduct<Scalar: KernelScalar>(_ x: Matrix<Scalar>, _ t: Matrix<Scalar>,
                                                        into g: Matrix<Scalar>) {
        precondition(x.rows == t.rows && g.rows == x.columns && g.columns == t.columns, "layer gradient: shape mismatch")
        if let xf = x as? Matrix<Float>, let tf = t as? Matrix<Float>, let gf = g as? Matrix<Float> {
            DenseMultiply.multiply(MatrixView(xf).transposed, MatrixView(tf), into: MatrixView(gf))
            return
        }
        accumulateOuterProducts(x, t, rows: 0..<x.rows, into: g)
    }

    /// `g = Σ_{r ∈ rows} x[r]ᵀ·t[r]` (`d × d`): the weight gradient when `t` is zero outside `rows`.
    @inlinable public static func transposedProduct<Scalar: KernelScalar>(_ x: Matrix<Scalar>, _ t: Matrix<Scalar>, rows: [Int32],
                                                        into g: Matrix<Scalar>) {
        precondition(x.rows == t.rows && g.rows == x.columns && g.columns == t.columns, "layer gradient: shape mismatch")
        accumulateOuterProducts(x, t, rows: rows.lazy.map { Int($0) }, into: g)
    }

    /// Rows from which a `Float` product on listed rows is gathered and run on the GEMM kernel.
    @usableFromInline static let compactThreshold = 64

    /// `g = Σ_r x[r]ᵀ t[r]` over `rows`: fixed slices of the rows accumulate private `k × n`
    /// partial sums in parallel (each stays in L1 while its rows stream by), added in slice order,
    /// so the result does not depend on the thread count.
    @inlinable static func accumulateOuterProducts<Scalar: KernelScalar, Rows: RandomAccessCollection<Int>>(
        _ x: Matrix<Scalar>, _ t: Matrix<Scalar>, rows: Rows, into g: Matrix<Scalar>
    ) {
        let k = x.columns, n = t.columns, count = rows.count
        let slices = count * k * n < 1 << 18 ? 1 : 8
        let partials = Matrix<Scalar>(rows: slices * k, columns: n)
        let xs = x.storage, ts = t.storage, ps = partials.storage
        parallelFor(slices) { slice in
            let acc = ps + slice * k * n
            var position = rows.index(rows.startIndex, offsetBy: count * slice / slices)
            for _ in (count * slice / slices)..<(count * (slice + 1) / slices) {
                let r = rows[position]
                position = rows.index(after: position)
                let xr = xs + r * k, tr = ts + r * n
                for a in 0..<k {
                    let s = xr[a]
                    if s == 0 { continue }
                    let ga = acc + a * n
                    for c in 0..<n { ga[c] += s * tr[c] }
                }
            }
        }
        g.zero()
        let gs = g.storage
        for slice in 0..<slices {
            let acc = ps + slice * k * n
            for e in 0..<(k * n) { gs[e] += acc[e] }
        }
    }

    /// `y[r] = x[r]·w` for `r` in `rows` (row-vector times matrix, contiguous inner loop).
    @inlinable static func multiplyRows<Scalar: KernelScalar, Rows: Sequence<Int>>(
        _ rows: Rows, _ x: Matrix<Scalar>, _ w: Matrix<Scalar>, _ y: Matrix<Scalar>
    ) {
        let d = x.columns
        for r in rows {
            let xr = x.row(r), yr = y.row(r)
            yr.update(repeating: 0, count: d)
            for a in 0..<d {
                let s = xr[a]
                if s == 0 { continue }
                let wa = w.row(a)
                for c in 0..<d { yr[c] += s * wa[c] }
            }
        }
    }

    /// A transposed copy of a square matrix.
    @inlinable static func transpose<Scalar: KernelScalar>(_ w: Matrix<Scalar>) -> Matrix<Scalar> {
        let t = Matrix<Scalar>(rows: w.columns, columns: w.rows)
        for r in 0..<w.rows { for c in 0..<w.columns { t[c, r] = w[r, c] } }
        return t
    }
}
