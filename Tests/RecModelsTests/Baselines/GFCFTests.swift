import RecData
import RecKernels
import RecModels
import Testing

@Suite("GF-CF")
struct GFCFTests {
    /// The GF-CF scores computed densely in Double, with V from an eigendecomposition of R̃ᵀR̃.
    static func naiveScores(_ train: InteractionMatrix, rank: Int, alpha: Double) -> [[Double]] {
        let x = BaselineTestSupport.dense(train)
        let (m, n) = (train.userCount, train.itemCount)
        let du = x.map { row in row.reduce(0, +) }
        let di = (0..<n).map { i in x.reduce(0) { $0 + $1[i] } }
        let r = (0..<m).map { u in
            (0..<n).map { i in x[u][i] == 0 ? 0 : x[u][i] / (du[u] * di[i]).squareRoot() }
        }
        var p = [Double](repeating: 0, count: n * n)
        for u in 0..<m { for i in 0..<n where r[u][i] != 0 { for j in 0..<n { p[i * n + j] += r[u][i] * r[u][j] } } }
        let eigen = SymmetricEigensolver(p, order: n)
        // Low-pass filter D^{-1/2} V Vᵀ D^{1/2}.
        var ideal = [Double](repeating: 0, count: n * n)
        for i in 0..<n where di[i] > 0 {
            for j in 0..<n where di[j] > 0 {
                var s = 0.0
                for c in 0..<rank { s += eigen.eigenvectors[i * n + c] * eigen.eigenvectors[j * n + c] }
                ideal[i * n + j] = s / di[i].squareRoot() * di[j].squareRoot()
            }
        }
        return (0..<m).map { u in
            (0..<n).map { j in
                var s = 0.0
                for i in 0..<n where x[u][i] != 0 { s += p[i * n + j] + alpha * ideal[i * n + j] }
                return s
            }
        }
    }

    /// With ℓ = k + oversampling ≥ I the randomised SVD spans everything, so V·Vᵀ is exact.
    @Test("scores equal a naive dense computation")
    func matchesNaive() throws {
        let train = BaselineTestSupport.randomInteractions(users: 45, items: 30, maxItems: 8, seed: 21)
        let model = try GFCFRecommender.fit(train: train, options: .init(rank: 8, idealFilterWeight: 0.3, oversampling: 30,
                                                                        powerIterations: 2))
        let expected = Self.naiveScores(train, rank: 8, alpha: 0.3)
        BaselineTestSupport.expectContract(model, excluding: train.itemsOfUser, k: 10, expected: { expected[$0] },
                                           tolerance: 1e-4)
        #expect(abs(model.singularValues[0] - 1) < 1e-4, "σ₁ of the normalised matrix is 1")
        // Without exclusions every item is ranked, including the user's own.
        BaselineTestSupport.expectContract(model, excluding: IndexRows(offsets: [0], indices: []), k: 30,
                                           expected: { expected[$0] }, tolerance: 1e-4)
    }

    @Test("linear filter alone (α = 0) needs no SVD rank")
    func linearFilterOnly() throws {
        let train = BaselineTestSupport.randomInteractions(users: 20, items: 15, maxItems: 5, seed: 22)
        let model = try GFCFRecommender.fit(train: train, options: .init(rank: 0, idealFilterWeight: 0))
        let expected = Self.naiveScores(train, rank: 0, alpha: 0)
        BaselineTestSupport.expectContract(model, excluding: train.itemsOfUser, k: 5, expected: { expected[$0] })
    }
}
