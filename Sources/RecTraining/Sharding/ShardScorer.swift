import Foundation
import RecData
import RecKernels
import RecModels

/// Top-K rows for many users of one model, as CSV `user,rank,item,score`: the output of
/// `lightgcn score-shard` and `lightgcn recommend --all`.
///
/// Users are scored ``usersPerBatch`` at a time through `Recommender.recommend(users:k:excluding:)`
/// (LightGCN's `EmbeddingRecommender` scores tiles of 8 users, so a batch is much faster than
/// one call per user, and a user's scores do not depend on the batch it is in; a recommender
/// whose scores did would make shard output differ from `recommend --all`). By default the items a user
/// already has (``ShardModel/train``) are never recommended, exactly as `lightgcn recommend`
/// does, and the business rules of ``rules`` (deny- and allow-lists, attribute filters,
/// `excludeSeen`, `offset`) apply as in `recommend`, inside the top-k.
///
/// Rows: `user` and `item` are the dataset's ids (CSV-quoted when needed), `rank` is 1-based,
/// `score` is the model's `Float` score printed as its shortest round-trip decimal, so parsing
/// it back as a 32-bit float gives exactly the same value. A user with fewer than `k`
/// candidates left gets fewer rows.
public struct ShardScorer: Sendable {
    /// The model that scores.
    public let model: ShardModel
    /// Users per call to the recommender.
    public var usersPerBatch = 256
    /// The business rules, resolved against the model.
    public let policy: CandidatePolicy
    /// Eligible items skipped at the top of each ranking.
    public let offset: Int

    /// The header line of the rows, with its line feed.
    public static let header = "user,rank,item,score\n"

    /// A scorer of `model`'s users that excludes the items each user already has (training
    /// items, and the held-out items and known negatives the model records) unless `includeSeen`.
    public init(model: ShardModel, includeSeen: Bool = false) {
        self.model = model
        policy = CandidatePolicy(seen: includeSeen ? nil : model.knownItems)
        offset = 0
    }

    /// A scorer of `model`'s users under business rules.
    ///
    /// - Throws: ``RecommendationRulesError`` naming the rule at fault.
    public init(model: ShardModel, rules: RecommendationRules) throws(RecommendationRulesError) {
        self.model = model
        policy = try rules.policy(itemCount: model.itemCount, catalog: model.catalog, seen: model.knownItems)
        offset = rules.offset
    }

    /// The top `k` items of each user (dense indices, each `0..<model.userCount`), best first.
    public func recommend(users: [Int], k: Int) -> [[ScoredItem]] {
        model.recommender.recommend(users: users, k: min(k + offset, model.itemCount), candidates: policy)
            .map { Array($0.dropFirst(offset)) }
    }

    /// Scores `users` batch by batch and hands each batch's CSV rows (no header) to `emit`, in
    /// the order of `users`.
    public func writeRows(users: [Int], k: Int, to emit: (Data) throws -> Void) rethrows {
        var offset = 0
        while offset < users.count {
            let batch = Array(users[offset..<min(users.count, offset + max(1, usersPerBatch))])
            let lists = recommend(users: batch, k: k)
            var text = ""
            text.reserveCapacity(batch.count * k * 32)
            for (user, list) in zip(batch, lists) {
                let userField = CSVField.escape(model.userID(at: user))
                for (rank, scored) in list.enumerated() {
                    text += userField
                    text += ","
                    text += String(rank + 1)
                    text += ","
                    text += CSVField.escape(model.itemID(at: scored.item))
                    text += ","
                    text += scored.score.description
                    text += "\n"
                }
            }
            try emit(Data(text.utf8))
            offset += batch.count
        }
    }
}
