import Foundation
import RecData
import RecKernels
import RecModels

/// Full-ranking evaluation: every test user's items are ranked against the whole catalogue,
/// with the user's training items excluded, and Recall, Precision, NDCG, HitRate, MRR, MAP and
/// F1 are computed at every cut-off in one pass (PyG `LinkPredMetric` definitions; users with no
/// test item are not counted).
public struct RankingEvaluator: Sendable {
    /// Interactions excluded from each user's ranking (the training set).
    public let known: InteractionMatrix
    /// The held-out interactions to find.
    public let heldOut: InteractionMatrix
    /// Cut-offs.
    public let ks: [Int]
    /// Users ranked per call to the recommender.
    public var usersPerBatch = 2048

    /// An evaluator of `heldOut` with `known` excluded, at the cut-offs `ks`.
    public init(known: InteractionMatrix, heldOut: InteractionMatrix, ks: [Int]) {
        precondition(!ks.isEmpty && ks.allSatisfy { $0 >= 1 }, "cut-offs must be ≥ 1")
        self.known = known
        self.heldOut = heldOut
        self.ks = ks.sorted()
    }

    /// Users with at least one held-out item (the denominator of every metric).
    public var evaluatedUsers: [Int] {
        (0..<min(heldOut.userCount, known.userCount)).filter { !heldOut.items(ofUser: $0).isEmpty }
    }

    /// Ranks every evaluated user's items with `recommender` and returns the metrics; with
    /// `beyondAccuracy`, also ``BeyondAccuracyMetrics`` of the same top-K lists (coverage, Gini,
    /// novelty, average popularity, Recall and NDCG by item popularity and user activity).
    public func evaluate(_ recommender: any Recommender, beyondAccuracy: Bool = false) -> EvaluationReport {
        let start = Date()
        let users = evaluatedUsers
        let maxK = min(ks.last!, recommender.itemCount)
        var accumulator = RankingMetricAccumulator(ks: ks)
        var kept: [[Int]] = []
        var offset = 0
        while offset < users.count {
            let batch = Array(users[offset..<min(users.count, offset + usersPerBatch)])
            let lists = recommender.recommend(users: batch, k: maxK, excluding: known.itemsOfUser)
            for (user, list) in zip(batch, lists) {
                let ranked = list.map(\.item)
                accumulator.add(ranked: ranked, relevant: heldOut.items(ofUser: user))
                if beyondAccuracy { kept.append(ranked) }
            }
            offset += batch.count
        }
        var metrics = accumulator.dictionary
        if beyondAccuracy {
            metrics.merge(BeyondAccuracyMetrics.compute(lists: kept, users: users, known: known, heldOut: heldOut, ks: ks)) { $1 }
        }
        return EvaluationReport(metrics: metrics, userCount: accumulator.queryCount, seconds: Date().timeIntervalSince(start))
    }
}

/// The outcome of an evaluation.
public struct EvaluationReport: Codable, Sendable, Equatable {
    /// Metric values keyed like "Recall@20".
    public var metrics: [String: Double]
    /// Users that were evaluated (those with ≥ 1 held-out item).
    public var userCount: Int
    /// Wall seconds.
    public var seconds: Double

    /// A report from its parts.
    public init(metrics: [String: Double], userCount: Int, seconds: Double) {
        self.metrics = metrics
        self.userCount = userCount
        self.seconds = seconds
    }
}
