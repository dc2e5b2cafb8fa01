import RecData
import RecKernels
import RecModels
import Testing

/// Shared data and checks for the baseline tests.
enum BaselineTestSupport {
    /// The planted-community synthetic set used by the quality tests (small enough for debug builds).
    static let synthetic = SyntheticDataset.generate(userCount: 400, itemCount: 240, communities: 6,
                                                     interactionsPerUser: 8...30, seed: 7)

    /// A tiny random interaction matrix: each user gets 1…`maxItems` distinct random items.
    static func randomInteractions(users: Int, items: Int, maxItems: Int, seed: UInt64) -> InteractionMatrix {
        var g = SeededGenerator(seed: seed)
        var pairs: [(user: Int, item: Int)] = []
        for u in 0..<users {
            for _ in 0..<(1 + g.nextIndex(below: maxItems)) { pairs.append((u, g.nextIndex(below: items))) }
        }
        return InteractionMatrix(userCount: users, itemCount: items, pairs: pairs)
    }

    /// Recall@k averaged over users with test items: `|top-k ∩ test_u| / |test_u|`, training
    /// items excluded from the ranking (the LightGCN authors' definition).
    static func recall(_ model: some Recommender, train: InteractionMatrix, test: InteractionMatrix, k: Int = 20) -> Double {
        let users = (0..<test.userCount).filter { test.itemsOfUser.count(ofRow: $0) > 0 }
        let lists = model.recommend(users: users, k: k, excluding: train.itemsOfUser)
        var total = 0.0
        for (user, list) in zip(users, lists) {
            let hits = list.filter { test.contains(user: user, item: $0.item) }.count
            total += Double(hits) / Double(test.itemsOfUser.count(ofRow: user))
        }
        return total / Double(max(users.count, 1))
    }

    /// Checks the `Recommender` contract on every user: at most k items, distinct, sorted by
    /// descending score, none excluded, and the scores equal `expected(user)` (when given).
    static func expectContract(_ model: some Recommender, excluding: IndexRows, k: Int,
                               expected: ((Int) -> [Double])? = nil, tolerance: Double = 1e-4,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        let users = Array(0..<model.userCount)
        func excluded(_ user: Int, _ item: Int) -> Bool {
            user < excluding.rowCount && excluding.contains(row: user, Int32(item))
        }
        let lists = model.recommend(users: users, k: k, excluding: excluding)
        #expect(lists.count == users.count, sourceLocation: sourceLocation)
        for (user, list) in zip(users, lists) {
            #expect(list.count <= k, sourceLocation: sourceLocation)
            #expect(Set(list.map(\.item)).count == list.count, sourceLocation: sourceLocation)
            #expect(zip(list, list.dropFirst()).allSatisfy { $0.score >= $1.score }, sourceLocation: sourceLocation)
            #expect(list.allSatisfy { !excluded(user, $0.item) }, sourceLocation: sourceLocation)
            guard let expected else { continue }
            let scores = expected(user)
            for entry in list where abs(Double(entry.score) - scores[entry.item]) > tolerance * max(1, abs(scores[entry.item])) {
                Issue.record("user \(user) item \(entry.item): score \(entry.score), expected \(scores[entry.item])",
                             sourceLocation: sourceLocation)
                return
            }
            // Nothing left out scores clearly higher than the last returned item.
            if let last = list.last, list.count == k {
                let chosen = Set(list.map(\.item))
                let better = scores.indices.filter {
                    !chosen.contains($0) && !excluded(user, $0)
                        && scores[$0] > Double(last.score) + tolerance * max(1, abs(scores[$0]))
                }
                #expect(better.isEmpty, "user \(user): items \(better) outrank the returned list",
                        sourceLocation: sourceLocation)
            }
        }
    }

    /// Dense binary `X` (users × items) as `Double`.
    static func dense(_ m: InteractionMatrix) -> [[Double]] {
        var x = [[Double]](repeating: [Double](repeating: 0, count: m.itemCount), count: m.userCount)
        for (u, i) in m.pairs { x[u][i] = 1 }
        return x
    }

    /// Inverse of a symmetric positive-definite matrix by Gauss–Jordan with partial pivoting, in
    /// `Double` (the naive reference, independent of the kernels under test).
    static func naiveInverse(_ a: [[Double]]) -> [[Double]] {
        let n = a.count
        var m = a
        var inv = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        for col in 0..<n {
            let pivot = (col..<n).max { abs(m[$0][col]) < abs(m[$1][col]) }!
            m.swapAt(col, pivot)
            inv.swapAt(col, pivot)
            let d = m[col][col]
            for j in 0..<n { m[col][j] /= d; inv[col][j] /= d }
            for r in 0..<n where r != col {
                let f = m[r][col]
                if f == 0 { continue }
                for j in 0..<n { m[r][j] -= f * m[col][j]; inv[r][j] -= f * inv[col][j] }
            }
        }
        return inv
    }
}
