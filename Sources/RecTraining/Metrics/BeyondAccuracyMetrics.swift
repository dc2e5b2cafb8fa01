import Foundation
import RecData

/// Metrics of a model's top-K lists beyond accuracy, and accuracy broken down by item
/// popularity and user activity. Popularity and activity are training degrees (`known`).
///
/// With `L_u` the first `K` items recommended to evaluated user `u`, `U_e` the evaluated users,
/// `I` the catalogue, `d_i` item `i`'s training degree and `n_U` the number of training users:
///
/// - **Coverage@K** = |⋃_u L_u| / |I|: the share of the catalogue recommended to anyone.
/// - **Gini@K** of the recommendation counts `c_i = |{u : i ∈ L_u}|`, sorted ascending
///   `c_(1) ≤ … ≤ c_(n)` over all `n = |I|` items:
///   `G = Σ_j (2j − n − 1) · c_(j) / (n · Σ_j c_(j))`; 0 when every item is recommended
///   equally often, (n − 1)/n when one item takes every slot.
/// - **Novelty@K** = mean_u mean_{i∈L_u} −log₂ p_i with `p_i = max(d_i, 1) / n_U` (an item nobody
///   had in training counts as had by one user), in bits: higher means less popular items.
/// - **ARP@K** = mean_u mean_{i∈L_u} d_i (average recommendation popularity).
/// - **Recall:head@K**, **Recall:mid@K**, **Recall:tail@K**, **NDCG:…@K**: items are sorted by `d_i` descending (ties: lower
///   index first) and cut into three thirds of (nearly) equal size; for group `g`, each user with
///   at least one test item in `g` counts, with only those test items relevant (the ranking is
///   the full ranking). The mean is over those users.
/// - **Recall:users-Q1@K** … **Recall:users-Q4@K**, **NDCG:…@K**: evaluated users sorted by training interactions
///   ascending (ties: lower index first) and cut into four quarters; Q1 is the least active.
public enum BeyondAccuracyMetrics {
    /// The item groups' names, by popularity (head: the most popular third).
    public static let itemGroupNames = ["head", "mid", "tail"]

    /// The families of the collection metrics (`Coverage@20`, …).
    public static let collectionFamilies = ["Coverage", "Gini", "Novelty", "ARP"]

    /// Whether a metric family (the part of a key before `@`) is one of these metrics.
    public static func isBeyondAccuracy(family: String) -> Bool {
        collectionFamilies.contains(family) || family.hasPrefix("Recall:") || family.hasPrefix("NDCG:")
    }

    /// The keys of `compute` at cut-off `k`, in display order.
    public static func keys(k: Int) -> [String] {
        collectionFamilies.map { "\($0)@\(k)" } + ["Recall", "NDCG"].flatMap { metric in
            (itemGroupNames + (1...4).map { "users-Q\($0)" }).map { "\(metric):\($0)@\(k)" }
        }
    }

    /// The group (0 head, 1 mid, 2 tail) of each item by training degree.
    public static func itemGroups(popularity: [Int]) -> [Int] {
        let order = popularity.indices.sorted { (popularity[$0], -$0) > (popularity[$1], -$1) }
        var groups = [Int](repeating: 0, count: popularity.count)
        for (rank, item) in order.enumerated() { groups[item] = rank * 3 / max(popularity.count, 1) }
        return groups
    }

    /// The quartile (0 = Q1, least active … 3 = Q4) of each of `users`, by `activity[user]`.
    public static func userQuartiles(users: [Int], activity: (Int) -> Int) -> [Int: Int] {
        let order = users.sorted { (activity($0), $0) < (activity($1), $1) }
        var quartiles: [Int: Int] = [:]
        for (rank, user) in order.enumerated() { quartiles[user] = rank * 4 / max(order.count, 1) }
        return quartiles
    }

    /// Gini index of `counts` (see the type's documentation); 0 when all counts are 0.
    public static func gini(_ counts: [Int]) -> Double {
        let sorted = counts.sorted()
        let n = Double(sorted.count)
        let total = Double(sorted.reduce(0, +))
        guard total > 0 else { return 0 }
        var weighted = 0.0
        for (j, count) in sorted.enumerated() { weighted += (2 * Double(j + 1) - n - 1) * Double(count) }
        return weighted / (n * total)
    }

    /// Novelty@`k` in bits (see the type's documentation); 0 when no list has an entry.
    public static func novelty(_ rows: [[Int]], k: Int, popularity: [Int], userCount: Int) -> Double {
        var total = 0.0, counted = 0
        for row in rows where !row.isEmpty {
            let top = row.prefix(k)
            total += top.reduce(0.0) { $0 - log2(Double(max(popularity[$1], 1)) / Double(max(userCount, 1))) } / Double(top.count)
            counted += 1
        }
        return counted == 0 ? 0 : total / Double(counted)
    }

    /// Every metric above at every cut-off of `ks`, keyed like `Coverage@20`, `Recall:tail@20`,
    /// `NDCG:users-Q1@20` (the family before `@`, as ``MetricKey`` in the reports reads keys). `lists[n]` is the ranking (best first, at least `max(ks)` long
    /// when the catalogue allows) of `users[n]`, who has at least one item in `heldOut`.
    public static func compute(lists: [[Int]], users: [Int], known: InteractionMatrix, heldOut: InteractionMatrix,
                               ks: [Int]) -> [String: Double] {
        precondition(lists.count == users.count, "one list per user")
        let popularity = known.itemPopularity
        var metrics: [String: Double] = [:]
        for k in ks {
            var counts = [Int](repeating: 0, count: known.itemCount)
            for list in lists { for item in list.prefix(k) where item >= 0 && item < counts.count { counts[item] += 1 } }
            metrics["Coverage@\(k)"] = CollectionMetrics.coverage(lists, k: k, itemCount: known.itemCount)
            metrics["Gini@\(k)"] = gini(counts)
            metrics["Novelty@\(k)"] = novelty(lists, k: k, popularity: popularity, userCount: known.userCount)
            metrics["ARP@\(k)"] = CollectionMetrics.averagePopularity(lists, k: k, popularity: popularity.map(Double.init))
        }
        let groups = itemGroups(popularity: popularity)
        var byGroup = [RankingMetricAccumulator](repeating: RankingMetricAccumulator(ks: ks), count: 3)
        let quartiles = userQuartiles(users: users) { known.items(ofUser: $0).count }
        var byQuartile = [RankingMetricAccumulator](repeating: RankingMetricAccumulator(ks: ks), count: 4)
        for (user, list) in zip(users, lists) {
            let relevant = heldOut.items(ofUser: user)
            for group in 0..<3 {
                let inGroup = relevant.filter { Int($0) < groups.count && groups[Int($0)] == group }
                byGroup[group].add(ranked: list, relevant: inGroup[...])
            }
            byQuartile[quartiles[user]!].add(ranked: list, relevant: relevant)
        }
        for k in ks {
            for metric in ["Recall", "NDCG"] {
                for (group, name) in itemGroupNames.enumerated() {
                    metrics["\(metric):\(name)@\(k)"] = byGroup[group].dictionary["\(metric)@\(k)"]
                }
                for quartile in 0..<4 {
                    metrics["\(metric):users-Q\(quartile + 1)@\(k)"] = byQuartile[quartile].dictionary["\(metric)@\(k)"]
                }
            }
        }
        return metrics
    }
}
