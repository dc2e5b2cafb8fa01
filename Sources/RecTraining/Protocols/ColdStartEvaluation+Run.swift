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
    /// otherwise; the feature rows need `userFeatures` (one row per original user). With
    /// `useUserIDs: false` the feature model has no user ID table (its user embeddings are
    /// features only, which forces the features to carry the signal a cold user needs); its
    /// rows are then named `feature LightGCN (no user IDs)`.
    public func runUserProtocol(_ split: ColdUserSplit, userFeatures: NodeFeatures?, itemFeatures: NodeFeatures?,
                                configuration: TrainingConfiguration,
                                useUserIDs: Bool = true) throws -> [ColdStartResult] {
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
                                            itemFeatures: itemFeatures, useUserIDs: useUserIDs)
        trainer.fit()
        let model = useUserIDs ? "feature LightGCN" : "feature LightGCN (no user IDs)"
        results.append(ColdStartResult(group: .warmUsers, method: model,
                                       report: evaluateWarmUsers(split, recommender: trainer.recommender())))
        let coldStart = trainer.coldStartRecommender()
        let coldFeatures = userFeatures.map(split.coldRows(of:))
        var strategies: [ColdStartStrategy] = coldFeatures == nil ? [] : [.features]
        if split.revealedFraction > 0 { strategies += coldFeatures == nil ? [.foldIn] : [.foldIn, .foldInWithFeatures] }
        for strategy in strategies {
            results.append(ColdStartResult(
                group: .coldUsers, method: "\(model), \(strategy.rawValue)",
                report: evaluateColdUsers(split, coldStart: coldStart, coldFeatures: coldFeatures, strategy: strategy)))
        }
        return results
    }

    /// The whole item cold-start protocol on one split: a feature-aware LightGCN is fitted on
    /// `split.train` (item features of the warm rows only) and the cold items are ranked for
    /// their users from their features, their revealed users (when `revealedFraction > 0`), or
    /// both, next to popularity by revealed interactions. With `useItemIDs: false` the model has
    /// no item ID table (rows named `feature LightGCN (no item IDs)`).
    public func runItemProtocol(_ split: ColdItemSplit, userFeatures: NodeFeatures?, itemFeatures: NodeFeatures?,
                                configuration: TrainingConfiguration, useItemIDs: Bool = true) throws -> [ColdStartResult] {
        var results = [ColdStartResult(group: .coldItems, method: "popularity (revealed interactions)",
                                       report: popularity(split))]
        let trainer = try FeatureBPRTrainer(train: split.train, configuration: configuration,
                                            userFeatures: userFeatures,
                                            itemFeatures: itemFeatures.map(split.warmRows(of:)), useItemIDs: useItemIDs)
        trainer.fit()
        let model = useItemIDs ? "feature LightGCN" : "feature LightGCN (no item IDs)"
        let coldStart = trainer.coldStartRecommender()
        let coldFeatures = itemFeatures.map(split.coldRows(of:))
        var strategies: [ColdStartStrategy] = coldFeatures == nil ? [] : [.features]
        if split.revealedFraction > 0 { strategies += coldFeatures == nil ? [.foldIn] : [.foldIn, .foldInWithFeatures] }
        for strategy in strategies {
            results.append(ColdStartResult(
                group: .coldItems, method: "\(model), \(strategy.rawValue)",
                report: evaluateColdItems(split, coldStart: coldStart, coldFeatures: coldFeatures, strategy: strategy)))
        }
        return results
    }
}
