import Foundation
import RecData
import RecModels
import RecTraining
import Testing

/// ``BeyondAccuracyMetrics`` on a case computed by hand.
///
/// Training: u0 {0, 1}, u1 {0, 2}, u2 {0, 1, 3}, u3 {0}; degrees i0 4, i1 2, i2 1, i3 1, i4 0,
/// i5 0, so head = {0, 1}, mid = {2, 3}, tail = {4, 5}. Test: u0 {2, 4}, u1 {5}, u2 {4}, u3 {1}.
/// Top-2 lists: u0 [2, 3], u1 [4, 5], u2 [4, 2], u3 [1, 2].
@Suite("Beyond-accuracy metrics")
struct BeyondAccuracyMetricsTests {
    static let known = InteractionMatrix(userCount: 4, itemCount: 6, pairs: [
        (0, 0), (0, 1), (1, 0), (1, 2), (2, 0), (2, 1), (2, 3), (3, 0),
    ].map { (user: $0.0, item: $0.1) })
    static let heldOut = InteractionMatrix(userCount: 4, itemCount: 6, pairs: [
        (0, 2), (0, 4), (1, 5), (2, 4), (3, 1),
    ].map { (user: $0.0, item: $0.1) })
    static let lists = [[2, 3], [4, 5], [4, 2], [1, 2]]

    @Test("coverage, Gini, novelty and ARP")
    func collection() {
        let m = BeyondAccuracyMetrics.compute(lists: Self.lists, users: [0, 1, 2, 3], known: Self.known, heldOut: Self.heldOut, ks: [2])
        #expect(abs(m["Coverage@2"]! - 5.0 / 6) < 1e-12)
        // counts sorted [0, 1, 1, 1, 2, 3]: Σ (2j − 7)·c = 18, over 6 · 8.
        #expect(abs(m["Gini@2"]! - 0.375) < 1e-12)
        // self-information: i1 1 bit, i2…i5 2 bits (degree 0 counts as 1 of 4 users).
        #expect(abs(m["Novelty@2"]! - 1.875) < 1e-12)
        #expect(abs(m["ARP@2"]! - 0.75) < 1e-12)
    }

    @Test("Recall and NDCG by item popularity and by user activity")
    func groups() {
        #expect(BeyondAccuracyMetrics.itemGroups(popularity: Self.known.itemPopularity) == [0, 0, 1, 1, 2, 2])
        #expect(BeyondAccuracyMetrics.userQuartiles(users: [0, 1, 2, 3]) { Self.known.items(ofUser: $0).count } == [3: 0, 0: 1, 1: 2, 2: 3])
        let m = BeyondAccuracyMetrics.compute(lists: Self.lists, users: [0, 1, 2, 3], known: Self.known, heldOut: Self.heldOut, ks: [2])
        let third = 1 / log2(3.0)
        #expect(abs(m["Recall:head@2"]! - 1) < 1e-9 && abs(m["NDCG:head@2"]! - 1) < 1e-9)     // u3 finds i1
        #expect(abs(m["Recall:mid@2"]! - 1) < 1e-9 && abs(m["NDCG:mid@2"]! - 1) < 1e-9)       // u0 finds i2 first
        #expect(abs(m["Recall:tail@2"]! - 2.0 / 3) < 1e-9)                                      // u0 misses i4; u1, u2 find theirs
        #expect(abs(m["NDCG:tail@2"]! - (0 + third + 1) / 3) < 1e-9)
        #expect(abs(m["Recall:users-Q1@2"]! - 1) < 1e-9)                                        // u3, 1 training item
        #expect(abs(m["Recall:users-Q2@2"]! - 0.5) < 1e-9)                                      // u0: i2 of {2, 4}
        #expect(abs(m["NDCG:users-Q2@2"]! - 1 / (1 + third)) < 1e-9)
        #expect(abs(m["NDCG:users-Q3@2"]! - third) < 1e-9)                                      // u1: i5 second
        #expect(abs(m["Recall:users-Q4@2"]! - 1) < 1e-9)
    }

    @Test("Gini is 0 for equal counts and (n − 1)/n when one item takes every slot")
    func giniBounds() {
        #expect(BeyondAccuracyMetrics.gini([3, 3, 3]) == 0)
        #expect(abs(BeyondAccuracyMetrics.gini([0, 0, 0, 4]) - 0.75) < 1e-12)
        #expect(BeyondAccuracyMetrics.gini([0, 0]) == 0)
    }

    @Test("the evaluator adds them without changing the accuracy metrics")
    func evaluator() {
        let evaluator = RankingEvaluator(known: Self.known, heldOut: Self.heldOut, ks: [2])
        let popularity = PopularityRecommender(itemPopularity: Self.known.itemPopularity, userCount: 4)
        let plain = evaluator.evaluate(popularity), wide = evaluator.evaluate(popularity, beyondAccuracy: true)
        for (key, value) in plain.metrics { #expect(wide.metrics[key] == value) }
        #expect(plain.metrics["Coverage@2"] == nil)
        let lists = popularity.recommend(users: [0, 1, 2, 3], k: 2, excluding: Self.known.itemsOfUser).map { $0.map(\.item) }
        #expect(wide.metrics["Coverage@2"] == CollectionMetrics.coverage(lists, k: 2, itemCount: 6))
        #expect(Set(BeyondAccuracyMetrics.keys(k: 2)).isSubset(of: wide.metrics.keys))
        #expect(BeyondAccuracyMetrics.keys(k: 2).count == 4 + 2 * 7)
    }
}
