import RecData
import RecKernels
import RecModels

extension ColdStartEvaluation {
    /// The whole user cold-start protocol on one split: an ID-only LightGCN and (with features) a
    /// feature-aware LightGCN are fitted on `split.train` with `configuration` (``BPRTrainer``,
    /// ``FeatureBPRTrainer``; user features of the warm rows only), then every group is
    /// evaluated:
    ///
    /// | group       | methods                                                                         |
    /// |-------------|---------------------------------------------------------------------------------|
    /// | cold users  | popularity; ID LightGCN fold-in; feature LightGCN features only, fold-in, fold-in + features |
    /// | warm users  | popularity; ID LightGCN; feature LightGCN                                      |
    ///
    /// The fold-in rows need revealed items (`split.revealedFraction > 0`) and are left out
    /// otherwise; the feature rows need `userFeatures` (one row per original user).
    public func runUserProtocol(_ split: ColdUserSplit, userFeatures: NodeFeatures?, itemFeatures: NodeFeatures?,
                                configuration: TrainingConfiguration) throws -> [ColdStartResult] {
        var results: [ColdStartResult] = []
        let popularity = popularity(split)
        results.append(ColdStartResult(group: .coldUsers, method: "popularity", report: popularity.cold))
        results.append(ColdStartResult(group: .warmUsers, method: "popularity", report: popularity.warm))

        let idTrainer = try BPRTrainer(train: split.train, configuration: configuration)
        for _ in 0..<configuration.epochs { idTrainer.trainEpoch() }
        results.append(ColdStartResult(group: .warmUsers, method: "ID LightGCN",
                                       report: evaluateWarmUsers(split, recommender: idTrainer.recommender())))
        if split.revealedFraction > 0 {
            let foldIn = FoldInRecommender(model: idTrainer.model, graph: idTrainer.graph, userCount: split.train.userCount,
                                           itemCount: split.itemCount)
            results.append(ColdStartResult(group: .coldUsers, method: "ID LightGCN, fold-in",
                                           report: evaluateColdUsers(split, foldIn: foldIn)))
        }
        guard userFeatures != nil || itemFeatures != nil else { return results }
        let trainer = try FeatureBPRTrainer(train: split.train, configuration: configuration,
                                            userFeatures: userFeatures.map(split.warmRows(of:)),
                                            itemFeatures: itemFeatures)
        trainer.fit()
        results.append(ColdStartResult(group: .warmUsers, method: "feature LightGCN",
                                       report: evaluateWarmUsers(split, recommender: trainer.recommender())))
        let coldStart = trainer.coldStartRecommender()
        let coldFeatures = userFeatures.map(split.coldRows(of:))
        var strategies: [ColdStartStrategy] = coldFeatures == nil ? [] : [.features]
        if split.revealedFraction > 0 { strategies += coldFeatures == nil ? [.foldIn] : [.foldIn, .foldInWithFeatures] }
        for strategy in strategies {
            results.append(ColdStartResult(
                group: .coldUsers, method: "feature LightGCN, \(strategy.rawValue)",
                report: evaluateColdUsers(split, coldStart: coldStart, coldFeatures: coldFeatures, strategy: strategy)))
        }
        return results
    }

    /// The whole item cold-start protocol on one split: a feature-aware LightGCN is fitted on
    /// `split.train` (item features of the warm rows only) and the cold items are ranked for
    /// their users from their features, their revealed users (when `revealedFraction > 0`), or
    /// both, next to popularity by revealed interactions.
    public func runItemProtocol(_ split: ColdItemSplit, userFeatures: NodeFeatures?, itemFeatures: NodeFeatures?,
                                configuration: TrainingConfiguration) throws -> [ColdStartResult] {
        var results = [ColdStartResult(group: .coldItems, method: "popularity (revealed interactions)",
                                       report: popularity(split))]
        let trainer = try FeatureBPRTrainer(train: split.train, configuration: configuration,
                                            userFeatures: userFeatures,
                                            itemFeatures: itemFeatures.map(split.warmRows(of:)))
        trainer.fit()
        let coldStart = trainer.coldStartRecommender()
        let coldFeatures = itemFeatures.map(split.coldRows(of:))
        var strategies: [ColdStartStrategy] = coldFeatures == nil ? [] : [.features]
        if split.revealedFraction > 0 { strategies += coldFeatures == nil ? [.foldIn] : [.foldIn, .foldInWithFeatures] }
        for strategy in strategies {
            results.append(ColdStartResult(
                group: .coldItems, method: "feature LightGCN, \(strategy.rawValue)",
                report: evaluateColdItems(split, coldStart: coldStart, coldFeatures: coldFeatures, strategy: strategy)))
        }
        return results
    }
}
