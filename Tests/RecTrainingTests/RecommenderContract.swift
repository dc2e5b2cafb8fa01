import RecData
import RecKernels
import RecModels
import RecTraining
import Testing

/// Checks of the `Recommender` contract and a popularity yardstick for trained models.
enum RecommenderContract {
    /// Every user: one row each, at most k distinct items, sorted by descending score, no
    /// excluded item, and no eligible item outscoring the last one returned (from `scores`).
    static func expect(_ model: some Recommender, excluding: IndexRows, k: Int, scores: (Int) -> [Float],
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let users = Array(0..<model.userCount)
        let lists = model.recommend(users: users, k: k, excluding: excluding)
        #expect(lists.count == users.count, sourceLocation: sourceLocation)
        for (user, list) in zip(users, lists) {
            let known = Set(excluding.row(user).map(Int.init))
            let eligible = model.itemCount - known.count
            #expect(list.count == min(k, eligible), "user \(user): \(list.count) items", sourceLocation: sourceLocation)
            #expect(Set(list.map(\.item)).count == list.count, sourceLocation: sourceLocation)
            #expect(zip(list, list.dropFirst()).allSatisfy { $0.score >= $1.score }, sourceLocation: sourceLocation)
            #expect(list.allSatisfy { !known.contains($0.item) }, "user \(user) got a known item", sourceLocation: sourceLocation)
            let all = scores(user)
            let chosen = Set(list.map(\.item))
            for entry in list where abs(entry.score - all[entry.item]) > 1e-4 * max(1, abs(all[entry.item])) {
                Issue.record("user \(user) item \(entry.item): score \(entry.score), expected \(all[entry.item])",
                             sourceLocation: sourceLocation)
            }
            if let last = list.last {
                let better = all.indices.filter { !chosen.contains($0) && !known.contains($0) && all[$0] > last.score + 1e-5 }
                #expect(better.isEmpty, "user \(user): items \(better) outrank the list", sourceLocation: sourceLocation)
            }
        }
        #expect(model.recommend(users: [0, 0], k: 0, excluding: excluding) == [[], []], sourceLocation: sourceLocation)
    }

    /// Recall@20 of popularity on `data` (training items excluded).
    static func popularityRecall(_ data: RecommendationDataset, evaluator: RankingEvaluator) -> Double {
        evaluator.evaluate(PopularityRecommender(itemPopularity: data.train.itemPopularity, userCount: data.userCount))
            .metrics["Recall@20"]!
    }
}
