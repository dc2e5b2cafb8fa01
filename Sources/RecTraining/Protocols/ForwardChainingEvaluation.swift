import Foundation
import RecData
import RecKernels
import RecModels

/// The yearly forward-chaining protocol of the HetRec Last.fm student project
/// (`../shared/reference/lastfm-forward-chaining.md`): per test year a new model is fitted on
/// all earlier years; every (user, test item) case is ranked among all training items minus the
/// user's own training items; users absent from training get the training-popularity ranking.
///
/// Metrics, micro-averaged over cases:
///
///     HitRate@K = #{cases: normalised rank ≤ K} / #cases
///     Recall@K  = #{cases: raw rank ≤ K} / #cases
///     MRR       = mean of 1 / normalised rank over cases with a rank
///
/// where the raw rank is the item's 1-based position in the user's filtered list (none when the
/// item never occurs in training: a miss), and the normalised rank discounts the user's test
/// items processed before it that ranked higher. The usual per-user Recall@K
/// (|top-K ∩ test_u| / |test_u|, averaged over test users) is reported too, as "UserRecall@K".
public struct ForwardChainingEvaluation: Sendable {
    /// Cut-offs.
    public var ks: [Int]

    /// An evaluation at the protocol's cut-offs.
    public init(ks: [Int] = [5, 10, 25, 50, 500]) {
        self.ks = ks.sorted()
    }

    /// Fits a model with `fit` on the fold's training rows and evaluates its test rows.
    public func evaluate(
        _ fold: ForwardChainingFold, fit: (InteractionMatrix) throws -> any Recommender
    ) rethrows -> ForwardChainingYearResult {
        var users = Vocabulary(), items = Vocabulary()
        var pairs: [(user: Int, item: Int)] = []
        pairs.reserveCapacity(fold.train.count)
        for row in fold.train { pairs.append((users.insert(row.user), items.insert(row.item))) }
        let train = InteractionMatrix(userCount: users.count, itemCount: items.count, pairs: pairs)
        // Training popularity, most interacted first (ties: first appearance first).
        let popularity = train.itemPopularity
        let popularityRanking = (0..<items.count).sorted { popularity[$0] > popularity[$1] || (popularity[$0] == popularity[$1] && $0 < $1) }

        let fitStart = Date()
        let model = try fit(train)
        let fitSeconds = Date().timeIntervalSince(fitStart)

        // Test users in order of first appearance, each with its test items in file order.
        var testOrder: [String] = []
        var testItems: [String: [String]] = [:]
        for row in fold.test {
            if testItems[row.user] == nil { testOrder.append(row.user) }
            testItems[row.user, default: []].append(row.item)
        }
        var cases = 0, rankedCases = 0, coldUsers = 0
        var rawHits = [Int](repeating: 0, count: ks.count), normalisedHits = [Int](repeating: 0, count: ks.count)
        var reciprocalSum = 0.0
        var userRecallSum = [Double](repeating: 0, count: ks.count)
        var recommendSeconds = 0.0
        var position = [Int32](repeating: 0, count: items.count)
        for user in testOrder {
            let list: [Int]
            if let u = users.index(of: user) {
                let start = Date()
                list = model.recommend(users: [u], k: items.count, excluding: train.itemsOfUser)[0].map(\.item)
                recommendSeconds += Date().timeIntervalSince(start)
            } else {
                coldUsers += 1
                list = popularityRanking
            }
            for (rank, item) in list.enumerated() { position[item] = Int32(rank + 1) }
            var earlier: [Int] = []
            var userHits = [Int](repeating: 0, count: ks.count)
            let itemsOfUser = testItems[user]!
            for item in itemsOfUser {
                cases += 1
                guard let i = items.index(of: item), position[i] > 0 else { continue }
                let raw = Int(position[i])
                let normalised = raw - earlier.filter { $0 < raw }.count
                earlier.append(raw)
                rankedCases += 1
                reciprocalSum += 1 / Double(normalised)
                for (j, k) in ks.enumerated() {
                    if raw <= k { rawHits[j] += 1; userHits[j] += 1 }
                    if normalised <= k { normalisedHits[j] += 1 }
                }
            }
            for j in ks.indices { userRecallSum[j] += Double(userHits[j]) / Double(itemsOfUser.count) }
            for item in list { position[item] = 0 }
        }
        var metrics: [String: Double] = [:]
        for (j, k) in ks.enumerated() {
            metrics["HitRate@\(k)"] = cases > 0 ? Double(normalisedHits[j]) / Double(cases) : 0
            metrics["Recall@\(k)"] = cases > 0 ? Double(rawHits[j]) / Double(cases) : 0
            metrics["UserRecall@\(k)"] = testOrder.isEmpty ? 0 : userRecallSum[j] / Double(testOrder.count)
        }
        metrics["MRR"] = rankedCases > 0 ? reciprocalSum / Double(rankedCases) : 0
        return ForwardChainingYearResult(
            year: fold.year, trainInteractions: train.interactionCount, cases: cases, rankedCases: rankedCases,
            testUsers: testOrder.count, coldUsers: coldUsers, metrics: metrics, fitSeconds: fitSeconds,
            meanRecommendMilliseconds: testOrder.count == coldUsers ? 0 : 1000 * recommendSeconds / Double(testOrder.count - coldUsers))
    }
}

/// The results of one test year.
public struct ForwardChainingYearResult: Codable, Sendable, Equatable {
    /// The test year.
    public var year: Int
    /// Distinct training (user, item) pairs.
    public var trainInteractions: Int
    /// Test (user, item) cases.
    public var cases: Int
    /// Cases whose item occurs in training (the MRR denominator).
    public var rankedCases: Int
    /// Distinct test users.
    public var testUsers: Int
    /// Test users absent from training (ranked by popularity).
    public var coldUsers: Int
    /// "HitRate@K", "Recall@K", "UserRecall@K" and "MRR".
    public var metrics: [String: Double]
    /// Seconds to fit the fold's model.
    public var fitSeconds: Double
    /// Mean milliseconds the model takes to rank all training items for one test user present
    /// in training (cold users, who get the precomputed popularity list, are not counted).
    public var meanRecommendMilliseconds: Double
}
