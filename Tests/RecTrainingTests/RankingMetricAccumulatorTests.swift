import Foundation
import Testing
@testable import RecTraining

@Suite("Ranking metric accumulator")
struct RankingMetricAccumulatorTests {
    /// The authors' evaluation (gusye1234/LightGCN-PyTorch `utils.RecallPrecision_ATk` and
    /// `NDCGatK_r`) transcribed: per user recall = hits/|test_u|, precision = hits/K,
    /// NDCG = Σ_{j≤K} hit_j/log2(j+1) ÷ Σ_{j≤min(K,|test_u|)} 1/log2(j+1); sums ÷ #test users.
    static func authorsMetrics(_ users: [(ranked: [Int], test: [Int])], k: Int) -> (recall: Double, precision: Double, ndcg: Double) {
        var recall = 0.0, precision = 0.0, ndcg = 0.0
        let tested = users.filter { !$0.test.isEmpty }
        for u in tested {
            let r = u.ranked.prefix(k).map { u.test.contains($0) ? 1.0 : 0.0 }
            let right = r.reduce(0, +)
            recall += right / Double(u.test.count)
            precision += right / Double(k)
            var idcg = 0.0
            for j in 0..<min(k, u.test.count) { idcg += 1 / log2(Double(j + 2)) }
            var dcg = 0.0
            for (j, hit) in r.enumerated() { dcg += hit / log2(Double(j + 2)) }
            ndcg += idcg == 0 ? 0 : dcg / idcg
        }
        let n = Double(tested.count)
        return (recall / n, precision / n, ndcg / n)
    }

    /// User A: hits at ranks 2 and 5 of 5, 3 test items. User B: hits at ranks 1–3, 7 test
    /// items (more than K). User C: no test items (not evaluated).
    static let handUsers: [(ranked: [Int], test: [Int])] = [
        ([5, 3, 9, 1, 7], [3, 7, 8]),
        ([2, 4, 6, 8, 10], [1, 2, 3, 4, 5, 6, 7]),
        ([1, 2, 3, 4, 5], []),
    ]

    @Test("authors' D.1 recall, precision and NDCG on a hand-computed example")
    func authorsFormulas() {
        var acc = RankingMetricAccumulator(ks: [5])
        for u in Self.handUsers { acc.add(ranked: u.ranked, relevant: Set(u.test)) }
        #expect(acc.queryCount == 2)
        // By hand: recall (2/3 + 3/7)/2, precision (2/5 + 3/5)/2,
        // NDCG A = (1/log2 3 + 1/log2 6)/(1 + 1/log2 3 + 1/log2 4) = 0.4776237035032179,
        // NDCG B = (1 + 1/log2 3 + 1/log2 4)/Σ_{j=1..5} 1/log2(j+1) = 0.7227265726449519.
        #expect(isClose(acc.value(.recall, at: 5), 0.5476190476190476))
        #expect(isClose(acc.value(.precision, at: 5), 0.5))
        #expect(isClose(acc.value(.ndcg, at: 5), 0.600175138074085))
        // MAP A = (1/2 + 2/5)/3 = 0.3, B = 3/5; MRR A = 1/2, B = 1; both users hit.
        #expect(isClose(acc.value(.map, at: 5), 0.45))
        #expect(isClose(acc.value(.mrr, at: 5), 0.75))
        #expect(acc.value(.hitRate, at: 5) == 1)
        let authors = Self.authorsMetrics(Self.handUsers, k: 5)
        #expect(isClose(acc.value(.recall, at: 5), authors.recall))
        #expect(isClose(acc.value(.precision, at: 5), authors.precision))
        #expect(isClose(acc.value(.ndcg, at: 5), authors.ndcg))
    }

    @Test("authors' formulas on random users at several cutoffs in one pass")
    func authorsFormulasRandom() {
        var g = SplitMix(state: 42)
        let users: [(ranked: [Int], test: [Int])] = (0..<300).map { _ in
            let test = Array(Set((0..<Int.random(in: 0...12, using: &g)).map { _ in Int.random(in: 0..<80, using: &g) }))
            let ranked = Array((0..<80).shuffled(using: &g).prefix(20))
            return (ranked, test)
        }
        var acc = RankingMetricAccumulator(ks: [20, 5, 10], metrics: [.recall, .precision, .ndcg])
        for u in users { acc.add(ranked: u.ranked, relevant: ArraySlice(u.test.sorted().map { Int32($0) })) }
        for k in [5, 10, 20] {
            let authors = Self.authorsMetrics(users, k: k)
            #expect(isClose(acc.value(.recall, at: k), authors.recall))
            #expect(isClose(acc.value(.precision, at: k), authors.precision))
            #expect(isClose(acc.value(.ndcg, at: k), authors.ndcg))
        }
    }

    /// Random queries: a ranked list of 0...25 items over 60 and 0...9 relevant items.
    static func randomQueries(seed: UInt64, count: Int) -> [(ranked: [Int], relevant: Set<Int>)] {
        var g = SplitMix(state: seed)
        return (0..<count).map { _ in
            let ranked = Array((0..<60).shuffled(using: &g).prefix(Int.random(in: 0...25, using: &g)))
            let relevant = Set((0..<Int.random(in: 0...9, using: &g)).map { _ in Int.random(in: 0..<60, using: &g) })
            return (ranked, relevant)
        }
    }

    @Test("merging per-thread accumulators equals adding sequentially")
    func mergeEqualsSequential() {
        let queries = Self.randomQueries(seed: 7, count: 500)
        let ks = [1, 3, 10, 20]
        var sequential = RankingMetricAccumulator(ks: ks)
        for q in queries { sequential.add(ranked: q.ranked, relevant: q.relevant) }
        var parts = [RankingMetricAccumulator](repeating: RankingMetricAccumulator(ks: ks), count: 3)
        for (i, q) in queries.enumerated() { parts[i % 3].add(ranked: q.ranked, relevant: q.relevant) }
        var merged = RankingMetricAccumulator(ks: ks)
        for p in parts { merged.merge(p) }
        #expect(merged.queryCount == sequential.queryCount)
        #expect(merged.queryCount == parts.map(\.queryCount).reduce(0, +))
        for metric in RankingMetric.allCases {
            for k in ks {
                #expect(isClose(merged.value(metric, at: k), sequential.value(metric, at: k), relative: 1e-12))
                #expect(isClose(merged.sum(metric, at: k), sequential.sum(metric, at: k), relative: 1e-12))
            }
        }
        for metric in RankingMetric.allCases {
            let naive = queries.compactMap { naiveMetrics(ranked: $0.ranked, relevant: $0.relevant, k: 10) }
            #expect(isClose(sequential.value(metric, at: 10), naive.map { $0[metric]! }.reduce(0, +) / Double(naive.count)))
        }
    }

    @Test("queries without relevant items are skipped, not counted as zeros")
    func emptyRelevanceSkipped() {
        var acc = RankingMetricAccumulator(ks: [2])
        acc.add(ranked: [4, 5], relevant: Set([5]))
        let before = acc
        acc.add(ranked: [4, 5], relevant: Set<Int>())
        acc.add(ranked: [1, 2], relevant: ArraySlice<Int32>())
        let ranked32: [Int32] = [1, 2]
        acc.add(ranked: ranked32.span, relevant: ArraySlice<Int32>())
        #expect(acc == before)
        #expect(acc.queryCount == 1)
        #expect(acc.value(.hitRate, at: 2) == 1)
        #expect(acc.value(.mrr, at: 2) == 0.5)
        #expect(acc.value(.precision, at: 2) == 0.5)
        #expect(RankingMetricAccumulator(ks: [2]).value(.recall, at: 2) == 0)
    }

    @Test("ranked lists shorter than k: precision divides by k, MAP/NDCG normalise by min(|R|, k)")
    func shortRankedLists() {
        var acc = RankingMetricAccumulator(ks: [5, 1, 3])
        acc.add(ranked: [7], relevant: Set([7, 8]))
        #expect(acc.value(.precision, at: 1) == 1)
        #expect(isClose(acc.value(.precision, at: 3), 1.0 / 3.0))
        #expect(isClose(acc.value(.precision, at: 5), 0.2))
        #expect(acc.value(.recall, at: 5) == 0.5)
        #expect(acc.value(.map, at: 1) == 1)
        #expect(acc.value(.map, at: 5) == 0.5)
        #expect(acc.value(.ndcg, at: 1) == 1)
        #expect(isClose(acc.value(.ndcg, at: 5), 1 / (1 + 1 / log2(3.0))))
        #expect(isClose(acc.value(.f1, at: 5), 2 * 0.2 * 0.5 / 0.7))
        #expect(acc.value(.mrr, at: 5) == 1)
        #expect(acc.value(.hitRate, at: 5) == 1)
        // An empty ranked list counts as a query with all zeros.
        acc.add(ranked: [], relevant: Set([1]))
        #expect(acc.queryCount == 2)
        #expect(acc.value(.hitRate, at: 3) == 0.5)
    }

    @Test("entries past the largest cutoff are ignored; duplicates count as in PyG")
    func cutoffAndDuplicates() {
        var acc = RankingMetricAccumulator(ks: [2])
        acc.add(ranked: [0, 1, 2, 3], relevant: Set([2, 3]))
        #expect(acc.value(.hitRate, at: 2) == 0)
        var dup = RankingMetricAccumulator(ks: [2])
        dup.add(ranked: [3, 3], relevant: Set([3]))
        #expect(dup.value(.precision, at: 2) == 1)
        #expect(dup.value(.recall, at: 2) == 2)
    }

    @Test("all input forms agree")
    func inputFormsAgree() {
        let queries = Self.randomQueries(seed: 11, count: 200)
        let ks = [1, 5, 20]
        var bySet = RankingMetricAccumulator(ks: ks)
        var bySlice = RankingMetricAccumulator(ks: ks)
        var byInt32 = RankingMetricAccumulator(ks: ks)
        var bySpan = RankingMetricAccumulator(ks: ks)
        for q in queries {
            let sorted = ArraySlice(q.relevant.sorted().map { Int32($0) })
            bySet.add(ranked: q.ranked, relevant: q.relevant)
            bySlice.add(ranked: q.ranked, relevant: sorted)
            let ranked32 = q.ranked.map { Int32($0) }, rankedPadded = q.ranked + [-1]
            byInt32.add(ranked: ranked32.span, relevant: sorted)
            bySpan.add(ranked: rankedPadded.span, relevant: sorted)
        }
        #expect(bySet == bySlice)
        #expect(bySet == byInt32)
        #expect(bySet == bySpan)  // -1 padding is never a hit
        #expect(bySet.queryCount > 0)
    }

    @Test("results and dictionary keys")
    func resultKeys() {
        var acc = RankingMetricAccumulator(ks: [20, 10], metrics: [.recall, .ndcg, .recall])
        acc.add(ranked: [1, 2, 3], relevant: Set([3]))
        #expect(acc.metrics == [.recall, .ndcg])
        #expect(acc.results.map(\.name) == ["Recall@10", "Recall@20", "NDCG@10", "NDCG@20"])
        #expect(acc.dictionary["Recall@20"] == 1)
        #expect(isClose(acc.dictionary["NDCG@10"]!, 0.5))
        #expect(acc.maxK == 20)
        acc.reset()
        #expect(acc.queryCount == 0)
        #expect(acc.value(.recall, at: 20) == 0)
    }

    @Test("metric names")
    func metricNames() {
        #expect(RankingMetric.allCases.map(\.displayName) == ["Precision", "Recall", "F1", "MAP", "NDCG", "MRR", "HitRate"])
        #expect(RankingMetric.allCases.map(\.ordinal) == Array(0..<7))
        #expect(RankingMetric(name: "ndcg") == .ndcg)
        #expect(RankingMetric(name: "HitRate") == .hitRate)
        #expect(RankingMetric(name: "hr") == .hitRate)
        #expect(RankingMetric(name: "nope") == nil)
        #expect(RankingMetric.recall.key(at: 20) == "Recall@20")
    }
}
