import Foundation
import RecData
import RecModels
import RecStore

/// The comparison that decides whether a retrained model replaces the served one.
///
/// **Hold-out.** From a snapshot's positive pairs (``TrainingInput``), each user with at least
/// two pairs gives up their most recent pair (newest positive event; ties: the later pair),
/// provided the served model did not train on it (a pair the served model has seen cannot be
/// recommended to that user, which would bias the comparison against it). The candidate trains
/// on every other pair.
///
/// **Metric.** For each held-out `(u, h)`, both models rank all items for `u` knowing every
/// other pair of `u` (and never recommending `u`'s negative items): the candidate with its own
/// ranking, the served model as the server would answer (``ServingModel/liveRequest``: its
/// training items of `u` plus the other pairs folded in). With one held-out item per user,
///
///     Recall@K = (1/|H|) Σ_u 1[rank_u(h) ≤ K],   NDCG@K = (1/|H|) Σ_u 1[rank_u(h) ≤ K] / log₂(rank_u(h) + 1)
///
/// A user the served model cannot rank at all counts as a miss for it.
struct HoldoutComparison: Sendable {
    /// The held-out pair of each user, as indices of the snapshot's vocabularies.
    var heldOut: [(user: Int, item: Int)]
    /// The pairs the candidate trains on.
    var train: InteractionMatrix

    /// Splits `log` (one record per pair, timestamps = newest positive event); `servedPair`
    /// says whether the served model trained on a pair (external ids).
    init(log: InteractionLog, servedPair: (String, String) -> Bool) {
        var pairsOfUser = [[Int]](repeating: [], count: log.userCount)
        for record in 0..<log.count { pairsOfUser[Int(log.users[record])].append(record) }
        let times = log.timestamps
        var held = Set<Int>()
        var heldOut: [(user: Int, item: Int)] = []
        for (user, records) in pairsOfUser.enumerated() where records.count >= 2 {
            var newest = records[0]
            for record in records.dropFirst() where (times?[record] ?? 0) >= (times?[newest] ?? 0) { newest = record }
            let item = Int(log.items[newest])
            if servedPair(log.userVocabulary.id(at: user), log.itemVocabulary.id(at: item)) { continue }
            held.insert(newest)
            heldOut.append((user, item))
        }
        let pairs = (0..<log.count).filter { !held.contains($0) }.map { (user: Int(log.users[$0]), item: Int(log.items[$0])) }
        self.heldOut = heldOut
        train = InteractionMatrix(userCount: log.userCount, itemCount: log.itemCount, pairs: pairs)
    }

    /// Recall@`k` and NDCG@`k` of rankings (`rankings[n]` for `heldOut[n]`; nil: the model
    /// could not rank that user).
    func metrics(_ rankings: [[Int]?], k: Int) -> (recall: Double, ndcg: Double) {
        guard !heldOut.isEmpty else { return (0, 0) }
        var hits = 0.0, gain = 0.0
        for (n, pair) in heldOut.enumerated() {
            guard let ranking = rankings[n], let position = ranking.prefix(k).firstIndex(of: pair.item) else { continue }
            hits += 1
            gain += 1 / log2(Double(position) + 2)
        }
        return (hits / Double(heldOut.count), gain / Double(heldOut.count))
    }
}
