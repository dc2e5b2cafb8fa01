/// The Cholesky factorisation `A = L·Lᵀ` of a symmetric positive-definite `Float` matrix,
/// computed by a blocked right-looking algorithm:
///
///     for each diagonal block k (``blockSize`` wide):
///         L_kk = chol(A_kk)                     (in Double, SmallDenseSolver)
///         L_ik = A_ik · L_kk⁻ᵀ                  for the blocks below (one GEMM)
///         A_ij ← A_ij − L_ik · L_jkᵀ            lower triangle of the trailing matrix (GEMM)
///
/// The trailing update, `n³/3` of the `n³/3 + O(n²·b)` flops, runs on ``DenseMultiply``.
public struct CholeskyFactorization: @unchecked Sendable {
    /// `L`, lower triangular (`n × n`, zeros above the diagonal).
    public let factor: Matrix<Float>

    /// Factors the matrix whose lower triangle is in `a` (`a` itself is not modified).
    ///
    /// - Throws: ``DenseLinearAlgebraError/notPositiveDefinite(index:value:)``.
    public init(_ a: Matrix<Float>, blockSize: Int = 256) throws(DenseLinearAlgebraError) {
        precondition(a.rows == a.columns, "Cholesky needs a square matrix, got \(a.rows) × \(a.columns)")
        let l = a.copy()
        try Self.factorInPlace(MatrixView(l), blockSize: blockSize)
        for i in 0..<l.rows { (l.row(i) + i + 1).update(repeating: 0, count: l.columns - i - 1) }
        factor = l
    }

    /// Order `n` of the factored matrix.
    public var order: Int { factor.rows }

    /// Overwrites the lower triangle of the square view `a` with `L` (the strict upper triangle is
    /// neither read nor written).
    public static func factorInPlace(_ a: MatrixView<Float>, blockSize: Int = 256) throws(DenseLinearAlgebraError) {
        precondition(a.rows == a.columns && a.columnStride == 1, "a square view with unit column stride")
        precondition(blockSize >= 1, "block size must be positive")
        let n = a.rows
        var k0 = 0
        while k0 < n {
            let b = min(blockSize, n - k0), k1 = k0 + b
            // Diagonal block in Double.
            var block = [Double](repeating: 0, count: b * b)
            for r in 0..<b { for c in 0...r { block[r * b + c] = Double(a[k0 + r, k0 + c]) } }
            do { try SmallDenseSolver.choleskyFactor(&block, n: b) } catch {
                if case .notPositiveDefinite(let index, let value) = error {
                    throw .notPositiveDefinite(index: k0 + index, value: value)
                }
            }
            for r in 0..<b { for c in 0...r { a[k0 + r, k0 + c] = Float(block[r * b + c]) } }
            if k1 < n {
                // Panel: L_ik = A_ik · L_kk⁻ᵀ, through a copy (the product cannot run in place).
                SmallDenseSolver.invertLowerTriangular(&block, n: b)
                let inverseTransposed = Matrix<Float>(rows: b, columns: b)
                for r in 0..<b { for c in 0...r { inverseTransposed[c, r] = Float(block[r * b + c]) } }
                let panel = a.block(rows: k1..<n, columns: k0..<k1)
                let copy = Matrix<Float>(rows: n - k1, columns: b)
                for r in 0..<(n - k1) { copy.row(r).update(from: panel.base + r * panel.rowStride, count: b) }
                DenseMultiply.multiply(MatrixView(copy), MatrixView(inverseTransposed), into: panel)
                // Trailing update of the lower triangle.
                let trailing = a.block(rows: k1..<n, columns: k1..<n)
                DenseMultiply.multiply(panel, panel.transposed, into: trailing, alpha: -1, beta: 1, region: .lowerTriangle)
            }
            k0 = k1
        }
    }

    /// Solves `A·x = b` by forward and back substitution with `L` (accumulating in `Double`).
    public func solve(_ b: [Float]) -> [Float] {
        let n = order
        precondition(b.count == n, "right-hand side has \(b.count) entries, expected \(n)")
        var y = b.map(Double.init)
        for i in 0..<n {
            let row = factor.row(i)
            var s = y[i]
            for k in 0..<i { s -= Double(row[k]) * y[k] }
            y[i] = s / Double(row[i])
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<max(i + 1, n) { s -= Double(factor[k, i]) * y[k] }
            y[i] = s / Double(factor[i, i])
        }
        return y.map { Float($0) }
    }
}
