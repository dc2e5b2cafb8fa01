import RecData
import RecKernels
import RecModels
import Testing

@Suite("ItemKNN")
struct ItemKNNTests {
    /// Brute-force shrunk cosine: sim(i, j) = |U_i ∩ U_j| / (√|U_i|·√|U_j| + s).
    static func bruteForce(_ train: InteractionMatrix, shrinkage: Double) -> [[Double]] {
        let n = train.itemCount
        let users = (0..<n).map { Set(train.usersOfItem.row($0).map(Int.init)) }
        return (0..<n).map { i in
            (0..<n).map { j in
                if i == j || users[i].isEmpty || users[j].isEmpty { return 0 }
                let common = Double(users[i].intersection(users[j]).count)
                return common / ((Double(users[i].count) * Double(users[j].count)).squareRoot() + shrinkage)
            }
        }
    }

    @Test("kept neighbours are the k most similar items with brute-force similarities")
    func similaritiesMatchBruteForce() throws {
        let train = BaselineTestSupport.randomInteractions(users: 60, items: 40, maxItems: 10, seed: 11)
        let k = 6
        let model = try ItemKNNRecommender.fit(train: train, options: .init(neighbors: k, shrinkage: 2))
        let sim = Self.bruteForce(train, shrinkage: 2)
        let s = model.similarities
        for i in 0..<40 {
            let kept = (s.rowOffsets[i]..<s.rowOffsets[i + 1]).map { (Int(s.columnIndices[$0]), Double(s.values[$0])) }
            for (j, value) in kept { #expect(abs(value - sim[i][j]) < 1e-5, "sim(\(i), \(j))") }
            let expected = (0..<40).filter { sim[i][$0] > 0 }
                .sorted { (sim[i][$0], -$0) > (sim[i][$1], -$1) }.prefix(k)
            #expect(Set(kept.map(\.0)) == Set(expected), "neighbours of item \(i)")
        }
    }

    @Test("scores are sums of neighbour similarities; training items excluded")
    func recommendContract() throws {
        let train = BaselineTestSupport.randomInteractions(users: 30, items: 40, maxItems: 8, seed: 12)
        let model = try ItemKNNRecommender.fit(train: train, options: .init(neighbors: 5, shrinkage: 1))
        let s = model.similarities
        BaselineTestSupport.expectContract(model, excluding: train.itemsOfUser, k: 10) { user in
            var scores = [Double](repeating: 0, count: 40)
            for item in train.items(ofUser: user) {
                for p in s.rowOffsets[Int(item)]..<s.rowOffsets[Int(item) + 1] {
                    scores[Int(s.columnIndices[p])] += Double(s.values[p])
                }
            }
            return scores
        }
    }

    @Test("rejects k = 0")
    func invalidOption() {
        let train = BaselineTestSupport.randomInteractions(users: 5, items: 6, maxItems: 3, seed: 5)
        #expect(throws: BaselineError.self) { try ItemKNNRecommender.fit(train: train, options: .init(neighbors: 0)) }
    }
}
