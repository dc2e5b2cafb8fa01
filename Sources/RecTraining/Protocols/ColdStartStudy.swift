import Foundation
import RecData
import RecModels

/// The cold-start protocol (``ColdStartEvaluation``) repeated over several seeds: for each seed
/// a new split of all interactions (cold users or cold items), new models, and the results,
/// summarised as the mean and spread of each metric over the seeds (``ColdStartSummary``).
///
/// What `lightgcn evaluate --protocol cold-start` runs; the command only parses and prints.
public struct ColdStartStudy {
    /// Which side is held out.
    public enum Side: String, CaseIterable, Sendable {
        case users, items
    }

    /// What the study reports while it runs.
    public enum Event {
        /// A seed starts: its split is drawn next.
        case seedStarted(seed: UInt64)
        /// A seed's split is drawn: `cold` held-out and `warm` kept users (or items); its models
        /// are fitted next.
        case splitDrawn(seed: UInt64, cold: Int, warm: Int)
        /// A seed ended with `results`, after `seconds`.
        case seedFinished(seed: UInt64, results: [ColdStartResult], seconds: Double)
    }

    /// Which side is held out.
    public var side: Side
    /// The share of users (items) with at least two interactions held out.
    public var coldFraction: Double
    /// The share of each cold user's items (item's users) revealed.
    public var revealedFraction: Double
    /// The most items revealed per cold user (nil: no limit; cold users only).
    public var revealedLimit: Int?
    /// One split and one set of models per seed, in this order.
    public var seeds: [UInt64]
    /// The settings of every fitted model (its seed is replaced by each seed).
    public var configuration: TrainingConfiguration
    /// Features of every user of the interactions (nil: none).
    public var userFeatures: NodeFeatures?
    /// Features of every item of the interactions (nil: none).
    public var itemFeatures: NodeFeatures?
    /// Whether the feature model keeps a per-user ID embedding.
    public var useUserIDs = true
    /// Whether the feature model keeps a per-item ID embedding.
    public var useItemIDs = true
    /// ID dropout and feature distillation for the feature model (applied to the cold side).
    public var coldStartTraining = ColdStartTraining()
    /// Whether the feature model scores with a popularity prior.
    public var popularityPrior = false
    /// Whether to add the serving-time blend row (cold users).
    public var blend = false

    /// A study of `seeds`, holding out `side`.
    public init(side: Side, coldFraction: Double, revealedFraction: Double, seeds: [UInt64],
                configuration: TrainingConfiguration) {
        self.side = side
        self.coldFraction = coldFraction
        self.revealedFraction = revealedFraction
        self.seeds = seeds
        self.configuration = configuration
    }

    /// Every interaction of `dataset`: training, validation and test, as one matrix (what the
    /// study splits).
    public static func allInteractions(of dataset: RecommendationDataset) -> InteractionMatrix {
        var all = dataset.train.union(dataset.test)
        if let validation = dataset.validation { all = all.union(validation) }
        return all
    }

    /// Runs the protocol for every seed on `interactions` and summarises the results.
    ///
    /// - Throws: a split error (``ColdUserSplit`` / ``ColdItemSplit``) or a training error.
    public func run(on interactions: InteractionMatrix, onEvent: (Event) -> Void = { _ in }) throws -> ColdStartSummary {
        let evaluation = ColdStartEvaluation(ks: configuration.ks)
        var perSeed: [[ColdStartResult]] = []
        for seed in seeds {
            let start = Date()
            var c = configuration
            c.seed = seed
            onEvent(.seedStarted(seed: seed))
            let results: [ColdStartResult]
            switch side {
            case .users:
                let split = try ColdUserSplit(interactions: interactions, coldFraction: coldFraction,
                                              revealedFraction: revealedFraction, revealedLimit: revealedLimit, seed: seed)
                onEvent(.splitDrawn(seed: seed, cold: split.coldUsers.count, warm: split.warmUsers.count))
                results = try evaluation.runUserProtocol(split, userFeatures: userFeatures, itemFeatures: itemFeatures,
                                                         configuration: c, useUserIDs: useUserIDs,
                                                         coldStartTraining: coldStartTraining, popularityPrior: popularityPrior,
                                                         blend: blend)
            case .items:
                let split = try ColdItemSplit(interactions: interactions, coldFraction: coldFraction,
                                              revealedFraction: revealedFraction, seed: seed)
                onEvent(.splitDrawn(seed: seed, cold: split.coldItems.count, warm: split.warmItems.count))
                results = try evaluation.runItemProtocol(split, userFeatures: userFeatures, itemFeatures: itemFeatures,
                                                         configuration: c, useItemIDs: useItemIDs,
                                                         coldStartTraining: coldStartTraining, popularityPrior: popularityPrior)
            }
            onEvent(.seedFinished(seed: seed, results: results, seconds: Date().timeIntervalSince(start)))
            perSeed.append(results)
        }
        return ColdStartSummary(perSeed: perSeed)
    }
}
