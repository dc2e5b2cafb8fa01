import RecData
import RecKernels
import RecModels
import Testing
@testable import RecTraining

@Suite("Yearly forward-chaining protocol")
struct ForwardChainingEvaluationTests {
    typealias Row = ForwardChainingFold.Row

    static func row(_ user: String, _ item: String) -> Row { Row(user: user, item: item, timestampMilliseconds: 0) }

    /// Training: items a, b, c, d (popularity a 3, b 2, c 1, d 1); users u1, u2, u3.
    static let fold = ForwardChainingFold(
        year: 2009,
        train: [row("u1", "a"), row("u2", "a"), row("u3", "a"), row("u1", "b"), row("u2", "b"), row("u3", "c"), row("u3", "d")],
        test: [row("u1", "d"), row("u1", "c"), row("new", "b"), row("new", "zzz"), row("u1", "unseen")])

    /// Scores items by a fixed per-item value (the same for every user).
    struct FixedItemScores: Recommender {
        let scores: [Float]
        let userCount: Int
        var itemCount: Int { scores.count }
        func recommend(users: [Int], k: Int, masks: (Int) -> CandidateMask) -> [[ScoredItem]] {
            users.indices.map { position in
                let mask = masks(position)
                let allowed: [Int] = scores.indices.filter { mask.admits($0) }
                let ranked: [Int] = allowed.sorted { scores[$0] > scores[$1] }
                return ranked.prefix(k).map { ScoredItem(item: $0, score: scores[$0]) }
            }
        }
    }

    @Test("raw and normalised ranks, popularity for cold users, unseen items as misses")
    func hand() {
        // Item indices by first appearance: a 0, b 1, c 2, d 3. The model prefers d > c > b > a.
        let result = ForwardChainingEvaluation(ks: [1, 2]).evaluate(Self.fold) { train in
            FixedItemScores(scores: [0.1, 0.2, 0.3, 0.4], userCount: train.userCount)
        }
        // u1 (train a, b): list [d, c] → d raw 1 norm 1; c raw 2 norm 1; "unseen" is a miss.
        // new (cold): popularity [a, b, c, d] → b raw 2 norm 2; "zzz" is a miss.
        #expect(result.cases == 5)
        #expect(result.rankedCases == 3)
        #expect(result.coldUsers == 1 && result.testUsers == 2)
        let m = result.metrics
        #expect(m["HitRate@1"] == 0.4)
        #expect(m["Recall@1"] == 0.2)
        #expect(m["Recall@2"] == 0.6)
        let mrr: Double = 2.5 / 3
        #expect(abs(m["MRR"]! - mrr) < 1e-12)
        // Per-user recall@2: u1 2 of 3, new 1 of 2.
        let userRecall: Double = (2.0 / 3.0 + 0.5) / 2.0
        #expect(abs(m["UserRecall@2"]! - userRecall) < 1e-12)
    }
}
