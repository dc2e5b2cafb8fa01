import Foundation

/// Accumulates per-query ranking metrics at several cutoffs in one pass over each ranked list,
/// with the semantics of PyG's `LinkPredMetric` (unweighted) classes.
///
/// For every query (user) call `add(ranked:relevant:)` with the recommended items, best first,
/// and the query's ground-truth items. Every per-query value defined in ``RankingMetric`` is
/// computed for every cutoff in ``ks``; ``value(_:at:)`` returns its mean
///
///     value(m, k) = Σ_{q counted} m_q@k / queryCount
///
/// Rules (as PyG):
/// * A query with no relevant items is skipped entirely: it adds nothing and is not counted.
/// * Only the first `k` entries of `ranked` are used for cutoff `k`. If `ranked` is shorter than
///   `k`, only what is there is used; precision still divides by `k`, and MAP's and NDCG's
///   normalisers still use `min(|R|, k)`.
/// * F1 is computed per query from that query's precision and recall and then averaged
///   (PyG's `LinkPredF1`), not from the averaged precision and recall: on PyG's fixture
///   (rows with P, R = (1, 2/3) and (1/2, 1/2)) this gives 0.65, not 0.65625.
/// * A ranked item counts as a hit every time it appears (duplicates in `ranked` count twice),
///   and `|R|` is the number of relevant entries given — both exactly as PyG does.
///
/// The accumulator is a value type: give each thread its own and combine them with
/// ``merge(_:)``.
public struct RankingMetricAccumulator: Sendable, Equatable {
    /// The cutoffs, ascending and without duplicates.
    public let ks: [Int]
    /// The metrics reported by ``results`` and ``dictionary`` (all are accumulated).
    public let metrics: [RankingMetric]
    /// The number of queries with at least one relevant item seen so far.
    public private(set) var queryCount: Int = 0

    /// Per-cutoff sums of per-query values, `sums[kIndex * metricCount + metric.ordinal]`.
    private var sums: [Double]
    /// `log2(j + 1)` for 1-based rank `j`, at index `j - 1`.
    private let discounts: [Double]
    /// `idealDCG[n] = Σ_{j≤n} 1 / log2(j + 1)`, for `n` in `0...maxK`.
    private let idealDCG: [Double]

    private static let metricCount = RankingMetric.allCases.count

    /// The largest cutoff: the only part of a ranked list that is ever read.
    public var maxK: Int { ks[ks.count - 1] }

    /// An empty accumulator for the cutoffs `ks` (each ≥ 1; sorted and deduplicated here),
    /// reporting `metrics` in the given order.
    public init(ks: [Int], metrics: [RankingMetric] = RankingMetric.allCases) {
        precondition(!ks.isEmpty, "at least one cutoff k is needed")
        precondition(ks.allSatisfy { $0 > 0 }, "every k must be a positive integer (got \(ks))")
        let sortedKs = Array(Set(ks)).sorted()
        self.ks = sortedKs
        var seen = Set<RankingMetric>()
        self.metrics = metrics.filter { seen.insert($0).inserted }
        let maxK = sortedKs[sortedKs.count - 1]
        sums = [Double](repeating: 0, count: sortedKs.count * Self.metricCount)
        discounts = (0..<maxK).map { log2(Double($0 + 2)) }
        var ideal = [Double](repeating: 0, count: maxK + 1)
        for n in 1...maxK { ideal[n] = ideal[n - 1] + 1 / discounts[n - 1] }
        idealDCG = ideal
    }

    // MARK: Adding queries

    /// Adds one query: `ranked` best first, `relevant` the query's ground-truth items sorted
    /// ascending (for example a row of the test `IndexRows`). Does nothing if `relevant` is empty.
    public mutating func add(ranked: Span<Int>, relevant: ArraySlice<Int32>) {
        let rel = relevant.span
        accumulate(length: ranked.count, relevantCount: rel.count) { j in
            let item = ranked[j]
            return item >= 0 && item <= Int(Int32.max) && Self.sortedContains(rel, Int32(truncatingIfNeeded: item))
        }
    }

    /// Adds one query with 32-bit item ids: `ranked` best first, `relevant` sorted ascending.
    /// Does nothing if `relevant` is empty.
    public mutating func add(ranked: Span<Int32>, relevant: ArraySlice<Int32>) {
        let rel = relevant.span
        accumulate(length: ranked.count, relevantCount: rel.count) { j in
            Self.sortedContains(rel, ranked[j])
        }
    }

    /// Adds one query: `ranked` best first, `relevant` sorted ascending. Does nothing if
    /// `relevant` is empty.
    public mutating func add(ranked: [Int], relevant: ArraySlice<Int32>) {
        add(ranked: ranked.span, relevant: relevant)
    }

    /// Adds one query: `ranked` best first, `relevant` in any order. Does nothing if `relevant`
    /// is empty.
    public mutating func add(ranked: [Int], relevant: Set<Int>) {
        accumulate(length: ranked.count, relevantCount: relevant.count) { j in
            relevant.contains(ranked[j])
        }
    }

    /// Adds the queries of another accumulator with the same cutoffs (per-thread partial
    /// results). The result equals adding all queries to one accumulator, up to rounding.
    public mutating func merge(_ other: RankingMetricAccumulator) {
        precondition(other.ks == ks, "cannot merge accumulators with cutoffs \(ks) and \(other.ks)")
        queryCount += other.queryCount
        for i in sums.indices { sums[i] += other.sums[i] }
    }

    /// Forgets all queries.
    public mutating func reset() {
        queryCount = 0
        for i in sums.indices { sums[i] = 0 }
    }

    // MARK: Results

    /// The mean of `metric@k` over the counted queries; 0 when no query was counted.
    /// `k` must be one of ``ks``.
    public func value(_ metric: RankingMetric, at k: Int) -> Double {
        guard let kIndex = ks.firstIndex(of: k) else {
            preconditionFailure("k = \(k) is not one of the accumulated cutoffs \(ks)")
        }
        return queryCount == 0 ? 0 : sums[kIndex * Self.metricCount + metric.ordinal] / Double(queryCount)
    }

    /// The sum of the per-query values of `metric@k` (the numerator of ``value(_:at:)``).
    public func sum(_ metric: RankingMetric, at k: Int) -> Double {
        guard let kIndex = ks.firstIndex(of: k) else {
            preconditionFailure("k = \(k) is not one of the accumulated cutoffs \(ks)")
        }
        return sums[kIndex * Self.metricCount + metric.ordinal]
    }

    /// Every reported metric at every cutoff, metric by metric in ``metrics`` order, `k` ascending.
    public var results: [MetricValue] {
        metrics.flatMap { m in ks.map { MetricValue(metric: m, k: $0, value: value(m, at: $0)) } }
    }

    /// ``results`` keyed like `"Recall@20"`, for JSON output.
    public var dictionary: [String: Double] {
        Dictionary(uniqueKeysWithValues: results.map { ($0.name, $0.value) })
    }

    // MARK: Core

    /// Binary search in an ascending buffer.
    @inline(__always)
    private static func sortedContains(_ buffer: Span<Int32>, _ value: Int32) -> Bool {
        var lo = 0, hi = buffer.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            let v = buffer[mid]
            if v == value { return true }
            if v < value { lo = mid + 1 } else { hi = mid }
        }
        return false
    }

    /// One pass over the first `min(length, maxK)` ranks; `isHit(j)` tells whether the entry at
    /// 0-based position `j` is relevant. Records the running statistics at every cutoff.
    @inline(__always)
    private mutating func accumulate(length: Int, relevantCount: Int, isHit: (Int) -> Bool) {
        guard relevantCount > 0 else { return }
        queryCount += 1
        let ks = self.ks, discounts = self.discounts, idealDCG = self.idealDCG
        let n = Swift.min(length, ks[ks.count - 1])
        let labels = Double(relevantCount)
        let stride = Self.metricCount
        var hits = 0
        var averagePrecision = 0.0, dcg = 0.0, reciprocalRank = 0.0
        var kIndex = 0
        // The sums are moved out for the pass (no copy) and put back after it.
        var s: [Double] = []
        swap(&s, &sums)
        @inline(__always) func record(_ kIndex: Int) {
            let k = ks[kIndex]
            let h = Double(hits)
            let precision = h / Double(k)
            let recall = h / labels
            let normaliser = Swift.min(relevantCount, k)
            let base = kIndex * stride
            s[base + 0] += precision
            s[base + 1] += recall
            s[base + 2] += 2 * precision * recall / Swift.max(precision + recall, 1e-7)
            s[base + 3] += averagePrecision / Double(normaliser)
            s[base + 4] += dcg / idealDCG[normaliser]
            s[base + 5] += reciprocalRank
            s[base + 6] += hits > 0 ? 1 : 0
        }
        for j in 0..<n {
            if isHit(j) {
                hits += 1
                averagePrecision += Double(hits) / Double(j + 1)
                dcg += 1 / discounts[j]
                if hits == 1 { reciprocalRank = 1 / Double(j + 1) }
            }
            while kIndex < ks.count && ks[kIndex] == j + 1 {
                record(kIndex)
                kIndex += 1
            }
        }
        while kIndex < ks.count {
            record(kIndex)
            kIndex += 1
        }
        sums = s
    }
}
