/// The leading singular triplets of a matrix: `A ≈ U·diag(σ)·Vᵀ` with the `k` largest `σ`.
public struct TruncatedSVD: @unchecked Sendable {
    /// `σ₁ ≥ σ₂ ≥ … ≥ σ_k ≥ 0`.
    public let singularValues: [Float]
    /// `V`, `columns(A) × k` with orthonormal columns (right singular vectors).
    public let rightSingularVectors: Matrix<Float>
}

/// Truncated SVD of a sparse matrix by randomised subspace iteration (Halko, Martinsson & Tropp
/// 2011, Algorithms 4.4 and 5.1), for the right singular vectors:
///
///     Q ← orth(Aᵀ·Ω)                          Ω: rows(A) × ℓ Gaussian, ℓ = k + oversampling
///     repeat q times:  Q ← orth(Aᵀ·orth(A·Q))  (power iterations)
///     Z = A·Q;  ZᵀZ = W·diag(σ²)·Wᵀ            (ℓ × ℓ eigenproblem in Double)
///     V = Q·W[:, :k],  σ = √eig
///
/// `orth` is CholeskyQR2 (two passes of `Y ← Y·R⁻¹` with `RᵀR = YᵀY`, shifted if the Gram matrix
/// is numerically singular). The error shrinks like `(σ_{ℓ+1}/σ_k)^{2q+1}`, so slowly decaying
/// spectra need more power iterations or oversampling. Products with `A` and `Aᵀ` are sparse
/// (`SparseMatrix.multiply`), the rest runs on ``DenseMultiply``.
public enum RandomizedSVD {
    /// The `rank` leading right singular vectors and singular values of `a`.
    ///
    /// - Parameters:
    ///   - transpose: `aᵀ` if the caller has it (computed otherwise).
    ///   - oversampling: extra sample columns beyond `rank` (default 32).
    ///   - powerIterations: `q` (default 4).
    ///   - generator: the source of the Gaussian test matrix.
    public static func decompose(
        _ a: SparseMatrix<Float>, transpose: SparseMatrix<Float>? = nil, rank: Int,
        oversampling: Int = 32, powerIterations: Int = 4, generator: inout SeededGenerator
    ) -> TruncatedSVD {
        let m = a.rows, n = a.columns
        let k = max(0, min(rank, min(m, n)))
        let l = min(k + max(0, oversampling), min(m, n))
        let at = transpose ?? a.transposed()
        precondition(at.rows == n && at.columns == m, "transpose has the wrong shape")
        if k == 0 {
            return TruncatedSVD(singularValues: [], rightSingularVectors: Matrix(rows: n, columns: 0))
        }
        let omega = Matrix<Float>(rows: m, columns: l)
        for i in 0..<(m * l) { omega.storage[i] = Float(generator.nextGaussian()) }
        var q = Matrix<Float>(rows: n, columns: l)
        at.multiply(omega, into: q)
        q = orthonormalized(q)
        let z = Matrix<Float>(rows: m, columns: l)
        for _ in 0..<powerIterations {
            a.multiply(q, into: z)
            let zq = orthonormalized(z)
            at.multiply(zq, into: q)
            q = orthonormalized(q)
        }
        a.multiply(q, into: z)
        // Eigenvectors of ZᵀZ rotate Q onto the right singular vectors.
        let gram = Matrix<Float>(rows: l, columns: l)
        DenseMultiply.multiply(MatrixView(z).transposed, MatrixView(z), into: MatrixView(gram))
        var symmetric = [Double](repeating: 0, count: l * l)
        for i in 0..<l { for j in 0..<l { symmetric[i * l + j] = 0.5 * (Double(gram[i, j]) + Double(gram[j, i])) } }
        let eigen = SymmetricEigensolver(symmetric, order: l)
        let rotation = Matrix<Float>(rows: l, columns: k)
        for i in 0..<l { for j in 0..<k { rotation[i, j] = Float(eigen.eigenvectors[i * l + j]) } }
        let v = Matrix<Float>(rows: n, columns: k)
        DenseMultiply.multiply(MatrixView(q), MatrixView(rotation), into: MatrixView(v))
        let sigma = (0..<k).map { Float(max(0, eigen.eigenvalues[$0]).squareRoot()) }
        return TruncatedSVD(singularValues: sigma, rightSingularVectors: v)
    }

    /// An orthonormal basis of the columns of `y` (same shape), by CholeskyQR2: twice
    /// `Y ← Y·R⁻¹` where `YᵀY = RᵀR`. A Gram matrix that is not numerically positive definite
    /// gets a small ridge (`10⁻⁶·trace/ℓ`) and a third pass.
    public static func orthonormalized(_ y: Matrix<Float>) -> Matrix<Float> {
        var current = y
        var passes = 2
        var pass = 0
        while pass < passes {
            let l = current.columns
            let gram = Matrix<Float>(rows: l, columns: l)
            DenseMultiply.multiply(MatrixView(current).transposed, MatrixView(current), into: MatrixView(gram))
            var g = [Double](repeating: 0, count: l * l)
            var trace = 0.0
            for i in 0..<l {
                for j in 0...i { g[i * l + j] = Double(gram[i, j]) }
                trace += Double(gram[i, i])
            }
            var factor = g
            do { try SmallDenseSolver.choleskyFactor(&factor, n: l) } catch {
                let shift = max(1e-30, 1e-6 * trace / Double(max(l, 1)))
                factor = g
                for i in 0..<l { factor[i * l + i] += shift }
                if (try? SmallDenseSolver.choleskyFactor(&factor, n: l)) == nil {
                    // Degenerate (for example an all-zero block): leave it as it is.
                    return current
                }
                passes = 3
            }
            SmallDenseSolver.invertLowerTriangular(&factor, n: l)
            // Y·R⁻¹ with R = Lᵀ, so R⁻¹ = (L⁻¹)ᵀ.
            let inverseR = Matrix<Float>(rows: l, columns: l)
            for i in 0..<l { for j in 0...i { inverseR[j, i] = Float(factor[i * l + j]) } }
            let next = Matrix<Float>(rows: current.rows, columns: l)
            DenseMultiply.multiply(MatrixView(current), MatrixView(inverseR), into: MatrixView(next))
            current = next
            pass += 1
        }
        return current
    }
}
