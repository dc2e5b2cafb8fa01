import Foundation
import RecData
import RecModels

extension RankingEvaluator {
    /// The metrics of each of `users` separately, ranked exactly as ``evaluate(_:)`` ranks them
    /// (same exclusions, same cut-offs, ``usersPerBatch`` users per call), each computed by its
    /// own `RankingMetricAccumulator`.
    ///
    /// Users with no held-out item are skipped, as ``evaluate(_:)`` skips them, so the mean of
    /// each value over the rows returned for all ``evaluatedUsers`` is ``evaluate(_:)``'s metric
    /// (up to the order of the floating-point sum). Users outside the evaluated range are
    /// skipped too.
    public func userMetrics(_ recommender: any Recommender, users: [Int]) -> [UserMetrics] {
        let userLimit = min(heldOut.userCount, known.userCount)
        let evaluated = users.filter { $0 >= 0 && $0 < userLimit && !heldOut.items(ofUser: $0).isEmpty }
        let maxK = min(ks.last!, recommender.itemCount)
        var rows: [UserMetrics] = []
        rows.reserveCapacity(evaluated.count)
        var offset = 0
        while offset < evaluated.count {
            let batch = Array(evaluated[offset..<min(evaluated.count, offset + usersPerBatch)])
            let lists = recommender.recommend(users: batch, k: maxK, excluding: known.itemsOfUser)
            for (user, list) in zip(batch, lists) {
                let relevant = heldOut.items(ofUser: user)
                var accumulator = RankingMetricAccumulator(ks: ks)
                accumulator.add(ranked: list.map(\.item), relevant: relevant)
                rows.append(UserMetrics(user: user, heldOutCount: relevant.count, values: accumulator.results))
            }
            offset += batch.count
        }
        return rows
    }
}
