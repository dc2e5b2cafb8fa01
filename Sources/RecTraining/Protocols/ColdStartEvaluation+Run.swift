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
    ///
    /// `coldStartTraining` (ID dropout, feature distillation; applied to the users) and
    /// `popularityPrior` change how the feature model is trained and scored; its rows are then
    /// named with them (``featureModelName(_:coldStartTraining:popularityPrior:)``) and its warm
    /// row's report carries the learned prior weight under ``priorWeightKey``. With `blend`
    /// (and features and revealed items) one more cold row ranks by the ``ColdStartBlend``
    /// chosen on the revealed items (``chooseBlend(_:coldStart:coldFeatures:candidates:)``);
    /// its report carries the chosen κ under ``blendKappaKey``.
    public func runUserProtocol(_ split: ColdUserSplit, userFeatures: NodeFeatures?, itemFeatures: NodeFeatures?,
                                configuration: TrainingConfiguration, useUserIDs: Bool = true,
                                coldStartTraining: ColdStartTraining = ColdStartTraining(),
                                popularityPrior: Bool = false, blend: Bool = false) throws -> [ColdStartResult] {
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
                                           itemCount: split.itemCount, score: configuration.score)
            results.append(ColdStartResult(group: .coldUsers, method: "ID LightGCN, fold-in",
                                           report: evaluateColdUsers(split, foldIn: foldIn)))
        }
        guard userFeatures != nil || itemFeatures != nil else { return results }
        var training = coldStartTraining
        training.sides = .users
        let trainer = try FeatureBPRTrainer(train: split.train, configuration: configuration,
                                            userFeatures: userFeatures.map(split.warmRows(of:)),
                                            itemFeatures: itemFeatures, useUserIDs: useUserIDs,
                                            coldStartTraining: training, popularityPrior: popularityPrior)
        trainer.fit()
        let model = Self.featureModelName(useUserIDs ? "feature LightGCN" : "feature LightGCN (no user IDs)",
                                          coldStartTraining: training, popularityPrior: popularityPrior)
        var warm = evaluateWarmUsers(split, recommender: trainer.recommender())
        if let prior = trainer.model.popularityPrior { warm.metrics[Self.priorWeightKey] = Double(prior.currentWeight) }
        let coldStart = trainer.coldStartRecommender()
        let coldFeatures = userFeatures.map(split.coldRows(of:))
        if let coldFeatures {
            let recalls = priorWeightCheck(split, coldStart: coldStart, coldFeatures: coldFeatures)
            for (scale, recall) in zip(Self.priorScales, recalls) { warm.metrics[Self.priorCheckKey(scale)] = recall }
        }
        results.append(ColdStartResult(group: .warmUsers, method: model, report: warm))
        var strategies: [ColdStartStrategy] = coldFeatures == nil ? [] : [.features]
        if split.revealedFraction > 0 { strategies += coldFeatures == nil ? [.foldIn] : [.foldIn, .foldInWithFeatures] }
        for strategy in strategies {
            results.append(ColdStartResult(
                group: .coldUsers, method: "\(model), \(strategy.rawValue)",
                report: evaluateColdUsers(split, coldStart: coldStart, coldFeatures: coldFeatures, strategy: strategy)))
        }
        if blend, let coldFeatures, split.revealedFraction > 0 {
            let chosen = chooseBlend(split, coldStart: coldStart, coldFeatures: coldFeatures).blend
            var report = evaluateColdUsers(split, coldStart: coldStart, coldFeatures: coldFeatures, blend: chosen)
            report.metrics[Self.blendKappaKey] = chosen.kappa.isFinite ? chosen.kappa : Self.infiniteKappa
            results.append(ColdStartResult(group: .coldUsers, method: "\(model), blend n/(n+κ), κ chosen on revealed items",
                                           report: report))
        }
        return results
    }

    /// The whole item cold-start protocol on one split: a feature-aware LightGCN is fitted on
    /// `split.train` (item features of the warm rows only) and the cold items are ranked for
    /// their users from their features, their revealed users (when `revealedFraction > 0`), or
    /// both, next to popularity by revealed interactions. With `useItemIDs: false` the model has
    /// no item ID table (rows named `feature LightGCN (no item IDs)`). `coldStartTraining` applies
    /// to the items; `popularityPrior` as in the user protocol (a constant among cold items).
    public func runItemProtocol(_ split: ColdItemSplit, userFeatures: NodeFeatures?, itemFeatures: NodeFeatures?,
                                configuration: TrainingConfiguration, useItemIDs: Bool = true,
                                coldStartTraining: ColdStartTraining = ColdStartTraining(),
                                popularityPrior: Bool = false) throws -> [ColdStartResult] {
        var results = [ColdStartResult(group: .coldItems, method: "popularity (revealed interactions)",
                                       report: popularity(split))]
        var training = coldStartTraining
        training.sides = .items
        let trainer = try FeatureBPRTrainer(train: split.train, configuration: configuration,
                                            userFeatures: userFeatures,
                                            itemFeatures: itemFeatures.map(split.warmRows(of:)), useItemIDs: useItemIDs,
                                            coldStartTraining: training, popularityPrior: popularityPrior)
        trainer.fit()
        let model = Self.featureModelName(useItemIDs ? "feature LightGCN" : "feature LightGCN (no item IDs)",
                                          coldStartTraining: training, popularityPrior: popularityPrior)
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

    /// The key of the learned popularity-prior weight `w` in the feature model's warm-user
    /// report (not a ranking metric).
    public static let priorWeightKey = "PopularityPriorWeight"
    /// The key, in the feature model's warm-user report, of the cold users' Recall@K on their
    /// revealed items from features only with the prior's weight scaled by `scale`
    /// (``priorWeightCheck(_:coldStart:coldFeatures:scales:)``; not a ranking metric of the test).
    public static func priorCheckKey(_ scale: Float) -> String { "PriorCheckRevealedRecall×\(scale)" }
    /// The key of the chosen blend's κ in the blend row's report (``infiniteKappa`` for ∞).
    public static let blendKappaKey = "BlendKappa"
    /// How κ = ∞ (features only) is recorded under ``blendKappaKey`` (JSON has no infinity).
    public static let infiniteKappa = 1e9

    /// `base`, followed by the cold-start training settings that are on, e.g.
    /// `feature LightGCN (ID dropout 0.5, distillation 1, popularity prior)`.
    public static func featureModelName(_ base: String, coldStartTraining: ColdStartTraining,
                                        popularityPrior: Bool) -> String {
        var parts: [String] = []
        if coldStartTraining.idDropout > 0 { parts.append("ID dropout \(coldStartTraining.idDropout)") }
        if coldStartTraining.featureDistillation > 0 { parts.append("distillation \(coldStartTraining.featureDistillation)") }
        if coldStartTraining.separateHead { parts.append("separate cold head") }
        if popularityPrior { parts.append("popularity prior") }
        return parts.isEmpty ? base : base + " (" + parts.joined(separator: ", ") + ")"
    }
}
