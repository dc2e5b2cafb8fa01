import Testing
import RecKernels

@Suite("Symmetric eigensolver and randomised SVD")
struct SpectralTests {
    @Test("eigendecomposition reconstructs A, with orthonormal vectors", arguments: [1, 2, 5, 40])
    func eigen(n: Int) {
        let a = DenseTestData.doubles(DenseTestData.matrix(rows: n, columns: n, seed: UInt64(n)))
        var sym = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { sym[i * n + j] = a[i][j] + a[j][i] } }
        let e = SymmetricEigensolver(sym, order: n)
        #expect(zip(e.eigenvalues, e.eigenvalues.dropFirst()).allSatisfy { $0 >= $1 })
        for i in 0..<n {
            for j in 0..<n {
                var reconstructed = 0.0, gram = 0.0
                for k in 0..<n {
                    reconstructed += e.eigenvectors[i * n + k] * e.eigenvalues[k] * e.eigenvectors[j * n + k]
                    gram += e.eigenvectors[k * n + i] * e.eigenvectors[k * n + j]
                }
                #expect(abs(reconstructed - sym[i * n + j]) < 1e-9)
                #expect(abs(gram - (i == j ? 1 : 0)) < 1e-9)
            }
        }
    }

    @Test("eigenvalues of a known diagonal-plus-rotation matrix")
    func knownSpectrum() {
        // [[2, 1], [1, 2]] has eigenvalues 3 and 1.
        let e = SymmetricEigensolver([2, 1, 1, 2], order: 2)
        #expect(abs(e.eigenvalues[0] - 3) < 1e-12 && abs(e.eigenvalues[1] - 1) < 1e-12)
    }

    /// A = U·diag(σ)·Vᵀ of rank 6 with known σ, stored as a (dense) sparse matrix.
    @Test("randomised SVD recovers the singular values and subspace of a low-rank matrix")
    func lowRank() throws {
        let (m, n, r) = (120, 90, 6)
        let sigma: [Double] = [10, 7, 5, 3, 2, 1]
        var g = SeededGenerator(seed: 77)
        func orthonormalColumns(_ rows: Int) -> [[Double]] {
            let y = Matrix<Float>(rows: rows, columns: r, values: (0..<(rows * r)).map { _ in Float(g.nextGaussian()) })
            let q = RandomizedSVD.orthonormalized(y)
            return (0..<rows).map { i in (0..<r).map { Double(q[i, $0]) } }
        }
        let u = orthonormalColumns(m), v = orthonormalColumns(n)
        var rowsIdx: [Int] = [], colsIdx: [Int] = [], values: [Float] = []
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for k in 0..<r { s += u[i][k] * sigma[k] * v[j][k] }
                rowsIdx.append(i); colsIdx.append(j); values.append(Float(s))
            }
        }
        let a = SparseMatrix(rows: m, columns: n, rowIndices: rowsIdx, columnIndices: colsIdx, values: values)
        var rng = SeededGenerator(seed: 5)
        let svd = RandomizedSVD.decompose(a, rank: 4, oversampling: 4, powerIterations: 2, generator: &rng)
        #expect(svd.singularValues.count == 4)
        for k in 0..<4 { #expect(abs(Double(svd.singularValues[k]) - sigma[k]) < 1e-3 * sigma[k]) }
        // Each recovered vector lies in the span of the true leading vectors (|⟨v̂_k, v_k⟩| ≈ 1).
        for k in 0..<4 {
            var dot = 0.0
            for j in 0..<n { dot += Double(svd.rightSingularVectors[j, k]) * v[j][k] }
            #expect(abs(abs(dot) - 1) < 1e-3)
        }
    }

    @Test("orthonormalisation gives QᵀQ = I and keeps the column space")
    func orthonormal() {
        let y = DenseTestData.matrix(rows: 200, columns: 12, seed: 21)
        let q = RandomizedSVD.orthonormalized(y)
        for i in 0..<12 {
            for j in 0..<12 {
                var s = 0.0
                for k in 0..<200 { s += Double(q[k, i]) * Double(q[k, j]) }
                #expect(abs(s - (i == j ? 1 : 0)) < 1e-4)
            }
        }
        // Y = Q·(QᵀY): the projection of Y onto span(Q) is Y itself.
        var worst = 0.0
        for c in 0..<12 {
            var coefficients = [Double](repeating: 0, count: 12)
            for j in 0..<12 { for k in 0..<200 { coefficients[j] += Double(q[k, j]) * Double(y[k, c]) } }
            for k in 0..<200 {
                var s = 0.0
                for j in 0..<12 { s += Double(q[k, j]) * coefficients[j] }
                worst = max(worst, abs(s - Double(y[k, c])))
            }
        }
        #expect(worst < 1e-4)
    }
}
