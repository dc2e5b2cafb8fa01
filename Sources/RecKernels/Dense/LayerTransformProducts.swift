
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
    /// The rows are gathered into a block, multiplied by ``multiply(block:column:_:transposed:intoBlock:column:)``
    /// and scattered back. The listed rows must be distinct.
    @inlinable public static func multiply<Scalar: KernelScalar>(_ x: Matrix<Scalar>, _ w: Matrix<Scalar>, transposed: Bool,
                                               into y: Matrix<Scalar>, rows: [Int32]) {
        precondition(x.columns == w.rows && w.rows == w.columns && y.rows == x.rows && y.columns == x.columns,
                     "layer transform: shape mismatch")
        // Both are overwritten whole (the gather, and the product): no zeroing pass.
        let block = Matrix<Scalar>(uninitializedRows: rows.count, columns: x.columns)
        let product = Matrix<Scalar>(uninitializedRows: rows.count, columns: x.columns)
        x.gatherRows(rows, into: block)
        multiply(block: block, column: 0, w, transposed: transposed, intoBlock: product, column: 0)
        y.scatterRows(rows, from: product)
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
    ///
    /// A slice takes its rows four at a time: each row of the partial sum is loaded once, gets the
    /// four rows' products added one after another (the order of one row at a time, so the same
    /// sums), and is stored once, instead of a load and a store per row.
    @inlinable static func accumulateOuterProducts<Scalar: KernelScalar, Rows: RandomAccessCollection<Int>>(
        _ x: Matrix<Scalar>, _ t: Matrix<Scalar>, rows: Rows, into g: Matrix<Scalar>
    ) {
        let k = x.columns, n = t.columns
        let xs = x.storage, ts = t.storage
        let start = rows.startIndex
        accumulateOuterProducts(count: rows.count, k: k, n: n, into: g,
                                xRow: { xs + rows[rows.index(start, offsetBy: $0)] * k },
                                tRow: { ts + rows[rows.index(start, offsetBy: $0)] * n })
    }

    /// `g = Σ_{m < count} xRow(m)ᵀ tRow(m)` (`k × n`), the rows' pointers given by position in the
    /// list: the engine of the weight gradients, whose order is described above.
    @inlinable static func accumulateOuterProducts<Scalar: KernelScalar>(
        count: Int, k: Int, n: Int, into g: Matrix<Scalar>,
        xRow: (Int) -> UnsafeMutablePointer<Scalar>, tRow: (Int) -> UnsafeMutablePointer<Scalar>
    ) {
        let slices = count * k * n < 1 << 18 ? 1 : 8
        let partials = Matrix<Scalar>(rows: slices * k, columns: n)
        let ps = partials.storage
        withoutActuallyEscaping(xRow) { xRow in
        withoutActuallyEscaping(tRow) { tRow in
        parallelFor(slices) { slice in
            let acc = ps + slice * k * n
            var position = count * slice / slices
            let end = count * (slice + 1) / slices
            while position + 4 <= end {
                let m = position
                addOuterProducts(of: (xRow(m), xRow(m + 1), xRow(m + 2), xRow(m + 3)),
                                 (tRow(m), tRow(m + 1), tRow(m + 2), tRow(m + 3)), k: k, n: n, into: acc)
                position += 4
            }
            while position < end {
                let xr = xRow(position), tr = tRow(position)
                position += 1
                for a in 0..<k {
                    let s = xr[a]
                    if s == 0 { continue }
                    let ga = acc + a * n
                    for c in 0..<n { ga[c] += s * tr[c] }
                }
            }
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

    /// `acc[a] += x₀[a]·t₀ + x₁[a]·t₁ + x₂[a]·t₂ + x₃[a]·t₃` for every `a < k` (rows of `n`),
    /// the four terms added one after another and a term skipped where its `x[a]` is zero: the
    /// sums of four single-row updates, with one load and one store of `acc[a]`.
    @inlinable @inline(__always)
    static func addOuterProducts<Scalar: KernelScalar>(
        of x: (UnsafeMutablePointer<Scalar>, UnsafeMutablePointer<Scalar>, UnsafeMutablePointer<Scalar>, UnsafeMutablePointer<Scalar>),
        _ t: (UnsafeMutablePointer<Scalar>, UnsafeMutablePointer<Scalar>, UnsafeMutablePointer<Scalar>, UnsafeMutablePointer<Scalar>),
        k: Int, n: Int, into acc: UnsafeMutablePointer<Scalar>
    ) {
        let stride = MemoryLayout<Scalar>.stride
        let t0 = UnsafeRawPointer(t.0), t1 = UnsafeRawPointer(t.1), t2 = UnsafeRawPointer(t.2), t3 = UnsafeRawPointer(t.3)
        for a in 0..<k {
            let s0 = x.0[a], s1 = x.1[a], s2 = x.2[a], s3 = x.3[a]
            let ga = acc + a * n
            let raw = UnsafeMutableRawPointer(ga)
            var c = 0
            while c + 16 <= n {
                let o = c * stride
                var v = raw.loadUnaligned(fromByteOffset: o, as: SIMD16<Scalar>.self)
                if s0 != 0 { v += s0 * t0.loadUnaligned(fromByteOffset: o, as: SIMD16<Scalar>.self) }
                if s1 != 0 { v += s1 * t1.loadUnaligned(fromByteOffset: o, as: SIMD16<Scalar>.self) }
                if s2 != 0 { v += s2 * t2.loadUnaligned(fromByteOffset: o, as: SIMD16<Scalar>.self) }
                if s3 != 0 { v += s3 * t3.loadUnaligned(fromByteOffset: o, as: SIMD16<Scalar>.self) }
                raw.storeBytes(of: v, toByteOffset: o, as: SIMD16<Scalar>.self)
                c += 16
            }
            while c < n {
                var v = ga[c]
                if s0 != 0 { v += s0 * t.0[c] }
                if s1 != 0 { v += s1 * t.1[c] }
                if s2 != 0 { v += s2 * t.2[c] }
                if s3 != 0 { v += s3 * t.3[c] }
                ga[c] = v
                c += 1
            }
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
