import RecData
import RecKernels
import RecModels
import Testing
@testable import RecTraining

/// A recommender with fixed scores: item i scores `scores[user][i]`.
struct FixedScores: Recommender {
    let scores: [[Float]]
    var userCount: Int { scores.count }
    var itemCount: Int { scores[0].count }
    func recommend(users: [Int], k: Int, masks: (Int) -> CandidateMask) -> [[ScoredItem]] {
        users.enumerated().map { position, u in
            let mask = masks(position)
            return scores[u].indices.filter { mask.admits($0) }
                .sorted { scores[u][$0] > scores[u][$1] || (scores[u][$0] == scores[u][$1] && $0 < $1) }
                .prefix(k).map { ScoredItem(item: $0, score: scores[u][$0]) }
        }
    }
}

@Suite("Full-ranking evaluator")
struct RankingEvaluatorTests {
    @Test("training items are excluded and users without test items are not counted")
    func exclusionAndDenominator() {
        // Item 0 scores highest for everyone but is a training item of user 0.
        let scores: [[Float]] = [[9, 1, 5, 3], [9, 1, 5, 3], [9, 1, 5, 3]]
        let train = InteractionMatrix(userCount: 3, itemCount: 4, pairs: [(0, 0), (1, 2)])
        let test = InteractionMatrix(userCount: 3, itemCount: 4, pairs: [(0, 2), (1, 0), (1, 1)])
        let report = RankingEvaluator(known: train, heldOut: test, ks: [1, 2]).evaluate(FixedScores(scores: scores))
        #expect(report.userCount == 2)
        // user 0 ranks [2, 3, 1] → hit at 1; user 1 ranks [0, 3, 1] → hit at 1, second hit at 3.
        #expect(report.metrics["HitRate@1"] == 1)
        #expect(report.metrics["Recall@1"] == (1 + 0.5) / 2)
        #expect(report.metrics["Precision@2"] == (0.5 + 0.5) / 2)
        #expect(report.metrics["MRR@2"] == 1)
    }
}
