import RecData
import RecKernels
import RecModels
import Testing

@Suite("EASE")
struct EASETests {
    /// Steck's closed form computed naively in Double: G = XᵀX + λI, P = G⁻¹, B = −P/diag(P), diag 0.
    static func naiveWeights(_ train: InteractionMatrix, lambda: Double) -> [[Double]] {
        let x = BaselineTestSupport.dense(train)
        let n = train.itemCount
        var g = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for row in x { for i in 0..<n where row[i] != 0 { for j in 0..<n { g[i][j] += row[i] * row[j] } } }
        for i in 0..<n { g[i][i] += lambda }
        let p = BaselineTestSupport.naiveInverse(g)
        return (0..<n).map { i in (0..<n).map { j in i == j ? 0 : -p[i][j] / p[j][j] } }
    }

    /// 30 items; 20 users (fewer users than items: the user Gram is smaller) and 60 users.
    @Test("both solvers equal the naive Double closed form on 30 items", arguments: [20, 60])
    func matchesNaive(users: Int) throws {
        let train = BaselineTestSupport.randomInteractions(users: users, items: 30, maxItems: 9, seed: UInt64(users))
        let expected = Self.naiveWeights(train, lambda: 3)
        for solver in [EASERecommender.Solver.itemGram, .userGram, .automatic] {
            let model = try EASERecommender.fit(train: train, options: .init(regularization: 3, solver: solver, blockSize: 8))
            var worst = 0.0
            for i in 0..<30 { for j in 0..<30 { worst = max(worst, abs(Double(model.itemWeights[i, j]) - expected[i][j])) } }
            #expect(worst < 1e-4, "solver \(solver): max |ΔB| = \(worst)")
        }
        let automatic = try EASERecommender.fit(train: train, options: .init(regularization: 3))
        #expect(automatic.solverUsed == (users < 30 ? .userGram : .itemGram))
    }

    @Test("recommendations are x_u·B, best first, training items excluded")
    func recommendContract() throws {
        let train = BaselineTestSupport.randomInteractions(users: 25, items: 30, maxItems: 8, seed: 3)
        let model = try EASERecommender.fit(train: train, options: .init(regularization: 2))
        let b = Self.naiveWeights(train, lambda: 2)
        BaselineTestSupport.expectContract(model, excluding: train.itemsOfUser, k: 7) { user in
            (0..<30).map { j in train.items(ofUser: user).reduce(0.0) { $0 + b[Int($1)][j] } }
        }
        let items = Array(train.items(ofUser: 4)).map(Int.init)
        #expect(model.scores(items: items + items) == model.scores(items: items))
    }

    @Test("refuses with a clear error, before allocating, when memory is short")
    func memoryRefusal() throws {
        let train = BaselineTestSupport.randomInteractions(users: 20, items: 30, maxItems: 5, seed: 4)
        let needed = EASERecommender.memoryEstimate(userCount: 20, itemCount: 30, solver: .userGram)
        #expect(throws: BaselineError.self) {
            try EASERecommender.fit(train: train, options: .init(memoryLimitBytes: 1000))
        }
        do {
            _ = try EASERecommender.fit(train: train, options: .init(solver: .userGram, memoryLimitBytes: needed - 1))
            Issue.record("expected a refusal")
        } catch {
            guard case let .insufficientMemory(model, required, available, source, _) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(model == "EASE" && required == needed && available == needed - 1)
            #expect(source == "the configured memory limit")
            #expect(error.description.contains("not enough memory"))
        }
        // Just enough memory: the user Gram is too big, so automatic falls back to the item Gram.
        let itemOnly = EASERecommender.memoryEstimate(userCount: 20, itemCount: 30, solver: .itemGram)
        let fallback = try EASERecommender.fit(train: train, options: .init(memoryLimitBytes: itemOnly))
        #expect(fallback.solverUsed == .itemGram)
        // A catalogue of 500,000 items needs 1 TB: refused against the real system memory.
        // Allocating first would crash the test process instead.
        let huge = InteractionMatrix(userCount: 5, itemCount: 500_000, pairs: [(0, 1), (1, 499_999)])
        #expect(throws: BaselineError.self) { try EASERecommender.fit(train: huge) }
    }

    @Test("rejects a non-positive regularisation")
    func invalidOption() {
        let train = BaselineTestSupport.randomInteractions(users: 5, items: 6, maxItems: 3, seed: 5)
        #expect(throws: BaselineError.self) { try EASERecommender.fit(train: train, options: .init(regularization: 0)) }
    }
}
