import RecKernels
import RecModels

extension ColdStartEvaluation {
    /// The ``ColdStartBlend`` of `candidates` that ranks best on the cold users' revealed items
    /// alone (no test item is looked at): each cold user with at least 2 revealed items keeps the
    /// first half of them (at least one) as its known items, and the other half is what it should
    /// find; the candidate with the highest mean Recall@K (K the largest cut-off) wins, the
    /// smaller κ on ties.
    ///
    /// - Returns: the chosen rule and every candidate's validation Recall@K, in `candidates` order.
    public func chooseBlend(_ split: ColdUserSplit, coldStart: ColdStartRecommender, coldFeatures: NodeFeatures,
                            candidates: [ColdStartBlend] = ColdStartBlend.grid)
        -> (blend: ColdStartBlend, recalls: [Double]) {
        precondition(!candidates.isEmpty, "ColdStartEvaluation: no blend to choose from")
        let k = min(ks.last!, split.itemCount)
        var recalls: [Double] = []
        for blend in candidates {
            var accumulator = RankingMetricAccumulator(ks: [k], metrics: [.recall])
            for c in 0..<split.coldUsers.count {
                let revealed = split.coldRevealed.row(c).map(Int.init)
                guard revealed.count >= 2 else { continue }
                let known = Array(revealed[..<(revealed.count / 2)])
                let hidden = ArraySlice(revealed[(revealed.count / 2)...].map { Int32($0) }.sorted())
                let embedding = coldStart.userEmbedding(userFeatures: coldFeatures.subset([c]), items: known, blend: blend)
                accumulator.add(ranked: coldStart.recommend(userEmbedding: embedding, k: k, excluding: known).map(\.item),
                                relevant: hidden)
            }
            recalls.append(accumulator.dictionary["Recall@\(k)"] ?? 0)
        }
        let best = recalls.indices.max { (recalls[$0], -$0) < (recalls[$1], -$1) }!
        return (candidates[best], recalls)
    }

    /// How the learned popularity-prior weight `w` compares with its multiples, on the cold
    /// users' revealed items alone (no test item is looked at): every cold user with a revealed
    /// item is ranked from its features only (its revealed items are not an input then), with
    /// the prior's weight scaled to `s · w` for each `s` in `scales`; the revealed items are what
    /// it should find. A sensible learned weight has its best Recall@K (K the largest cut-off)
    /// near `s = 1`.
    ///
    /// - Returns: Recall@K for each scale, in `scales` order (empty without a prior).
    public func priorWeightCheck(_ split: ColdUserSplit, coldStart: ColdStartRecommender, coldFeatures: NodeFeatures,
                                 scales: [Float] = ColdStartEvaluation.priorScales) -> [Double] {
        guard coldStart.model.popularityPrior != nil else { return [] }
        let k = min(ks.last!, split.itemCount)
        return scales.map { scale in
            var accumulator = RankingMetricAccumulator(ks: [k], metrics: [.recall])
            for c in 0..<split.coldUsers.count {
                let revealed = ArraySlice(split.coldRevealed.row(c).map { Int32($0) }.sorted())
                guard !revealed.isEmpty else { continue }
                let embedding = coldStart.userEmbedding(userFeatures: coldFeatures.subset([c]))
                accumulator.add(ranked: coldStart.recommend(userEmbedding: embedding, k: k, priorScale: scale).map(\.item),
                                relevant: revealed)
            }
            return accumulator.dictionary["Recall@\(k)"] ?? 0
        }
    }

    /// The multiples of the learned prior weight ``priorWeightCheck(_:coldStart:coldFeatures:scales:)`` tries.
    public static let priorScales: [Float] = [0, 0.5, 1, 1.5, 2, 3, 5]

    /// The cold users ranked with `blend` (their features and revealed items, weighed by the
    /// number of revealed items), revealed items excluded.
    public func evaluateColdUsers(_ split: ColdUserSplit, coldStart: ColdStartRecommender, coldFeatures: NodeFeatures,
                                  blend: ColdStartBlend) -> EvaluationReport {
        precondition(coldFeatures.rowCount == split.coldUsers.count, "ColdStartEvaluation: one feature row per cold user")
        return evaluateColdUsers(split) { query in
            let embedding = coldStart.userEmbedding(userFeatures: coldFeatures.subset([query.index]), items: query.revealed,
                                                    blend: blend)
            return coldStart.recommend(userEmbedding: embedding, k: query.k, excluding: query.revealed)
        }
    }
}
