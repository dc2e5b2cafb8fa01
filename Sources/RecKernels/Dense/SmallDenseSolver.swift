/// Dense factorisations of small symmetric matrices in `Double` (n up to a few hundred), stored
/// row-major in `[Double]`: the pivot blocks of the blocked kernels, the `f × f` systems of
/// alternating least squares and the Gram matrices of orthonormalisation.
///
/// Plain loops: at these sizes the cost is negligible next to the large `Float` kernels, and
/// `Double` keeps the small solves accurate.
public enum SmallDenseSolver {
    /// Cholesky factorisation `A = L·Lᵀ` of the `n × n` matrix whose lower triangle is in `a`;
    /// on return the lower triangle holds `L` and the strict upper triangle is zero.
    ///
    ///     L_jj = √(A_jj − Σ_{k<j} L_jk²),   L_ij = (A_ij − Σ_{k<j} L_ik·L_jk) / L_jj   (i > j)
    ///
    /// - Throws: ``DenseLinearAlgebraError/notPositiveDefinite(index:value:)`` at the first
    ///   pivot that is not positive.
    public static func choleskyFactor(_ a: inout [Double], n: Int) throws(DenseLinearAlgebraError) {
        precondition(a.count == n * n, "expected \(n * n) entries")
        try a.withUnsafeMutableBufferPointer { (buffer) throws(DenseLinearAlgebraError) in
            let p = buffer.baseAddress!
            for j in 0..<n {
                let rowJ = p + j * n
                var d = rowJ[j]
                for k in 0..<j { d -= rowJ[k] * rowJ[k] }
                guard d > 0, d.isFinite else { throw .notPositiveDefinite(index: j, value: d) }
                let ljj = d.squareRoot()
                rowJ[j] = ljj
                let inv = 1 / ljj
                for i in (j + 1)..<max(j + 1, n) {
                    let rowI = p + i * n
                    var s = rowI[j]
                    for k in 0..<j { s -= rowI[k] * rowJ[k] }
                    rowI[j] = s * inv
                }
                for k in (j + 1)..<max(j + 1, n) { rowJ[k] = 0 }
            }
        }
    }

    /// Replaces the lower-triangular `L` (`n × n`, non-zero diagonal) by `L⁻¹`, in place.
    public static func invertLowerTriangular(_ l: inout [Double], n: Int) {
        precondition(l.count == n * n, "expected \(n * n) entries")
        l.withUnsafeMutableBufferPointer { buffer in
            let p = buffer.baseAddress!
            // X = L⁻¹ row by row, top-down: X_ii = 1/L_ii and, for j < i,
            // X_ij = −(Σ_{j≤k<i} L_ik·X_kj) / L_ii. Rows above are already X; within row i the
            // columns go left to right, so X_ij overwrites L_ij just after its last use.
            for i in 0..<n {
                let rowI = p + i * n
                let inv = 1 / rowI[i]
                for j in 0..<i {
                    var s = 0.0
                    for k in j..<i { s += rowI[k] * p[k * n + j] }
                    rowI[j] = -s * inv
                }
                rowI[i] = inv
            }
        }
    }

    /// The inverse of the symmetric positive-definite `n × n` matrix `a` (lower triangle read),
    /// as a full symmetric matrix: `A⁻¹ = L⁻ᵀ·L⁻¹` from the Cholesky factor.
    public static func inversePositiveDefinite(_ a: [Double], n: Int) throws(DenseLinearAlgebraError) -> [Double] {
        var l = a
        try choleskyFactor(&l, n: n)
        invertLowerTriangular(&l, n: n)
        // (XᵀX)_ij = Σ_k X_ki·X_kj as a sum of rank-one updates by the rows of X = L⁻¹
        // (contiguous inner loops), then mirrored.
        var result = [Double](repeating: 0, count: n * n)
        l.withUnsafeBufferPointer { xb in
            result.withUnsafeMutableBufferPointer { rb in
                let x = xb.baseAddress!, r = rb.baseAddress!
                for k in 0..<n {
                    let row = x + k * n
                    for i in 0...k {
                        let xi = row[i]
                        if xi == 0 { continue }
                        let out = r + i * n
                        for j in 0...i { out[j] += xi * row[j] }
                    }
                }
                for i in 0..<n {
                    for j in 0..<i { r[j * n + i] = r[i * n + j] }
                }
            }
        }
        return result
    }

    /// Solves `A·x = b` for symmetric positive-definite `A` (`n × n`, lower triangle read).
    public static func solvePositiveDefinite(_ a: [Double], n: Int, rhs b: [Double]) throws(DenseLinearAlgebraError) -> [Double] {
        precondition(b.count == n, "right-hand side has \(b.count) entries, expected \(n)")
        var l = a
        try choleskyFactor(&l, n: n)
        var y = b
        for i in 0..<n {
            var s = y[i]
            for k in 0..<i { s -= l[i * n + k] * y[k] }
            y[i] = s / l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<max(i + 1, n) { s -= l[k * n + i] * y[k] }
            y[i] = s / l[i * n + i]
        }
        return y
    }
}
