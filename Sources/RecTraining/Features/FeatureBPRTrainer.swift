import Foundation
import RecData
import RecKernels
import RecModels

/// Trains a ``FeatureLightGCN`` with the same step as ``BPRTrainer`` (its objective, BPR by default), chained into the
/// feature tables, and one Adam optimiser per parameter table.
///
/// One step on a batch of B triples (u, i, j):
///
///     E⁰ = ids + φ(features)                              (assembled from the tables)
///     L, G = ∂L/∂E⁰                                      (BPRTrainer.computeGradient: propagation,
///                                                          BPR loss, backward, L2 on E⁰'s batch rows)
///     ∂L/∂θ for every table θ from G                     (FeatureLightGCN.accumulateGradients)
///     θ ← Adam_θ(θ, ∂L/∂θ)
///
/// The L2 term is the configuration's, applied to the assembled rows E⁰ of the batch nodes
/// (so it reaches the ID and feature tables through the same chain rule). Sampling uses the
/// wrapped trainer's sampler and seeded generator.
///
/// With ``coldStartTraining`` active (ID dropout, feature distillation) or a model with a
/// ``PopularityPrior``, the step is the one of `FeatureBPRTrainer+ColdStart.swift`, which
/// adds those terms; otherwise it is exactly the step above.
public final class FeatureBPRTrainer {
    /// The settings of this run (dimension, layers, learning rate, λ, batches, seed).
    public let configuration: TrainingConfiguration
    /// The model being trained.
    public let model: FeatureLightGCN<Float>
    /// The ID-only trainer whose sampling, propagation, loss and backward pass are reused; its
    /// own table receives E⁰ before every step.
    public let base: BPRTrainer
    /// One Adam per table of `model.parameters`, in the same order.
    public let optimizers: [AdamOptimizer<Float>]
    /// Epoch records so far.
    public internal(set) var history: [EpochRecord] = []
    /// ID dropout and feature distillation (off by default).
    public let coldStartTraining: ColdStartTraining
    let gradients: [Matrix<Float>]
    /// The stream of the ID-dropout masks (separate from sampling).
    var dropoutGenerator: SeededGenerator

    /// A trainer for `train` with a fresh model.
    ///
    /// - Parameters:
    ///   - userFeatures: one row per user of `train` (or nil); likewise `itemFeatures`.
    ///   - useUserIDs, useItemIDs: whether each side also has an ID table.
    ///   - coldStartTraining: ID dropout and feature distillation (see ``ColdStartTraining``).
    ///   - popularityPrior: whether the model scores with a ``PopularityPrior`` on `train`'s
    ///     item counts.
    /// - Throws: ``ConfigurationError`` for settings out of range.
    public init(train: InteractionMatrix, configuration: TrainingConfiguration, userFeatures: NodeFeatures?,
                itemFeatures: NodeFeatures?, useUserIDs: Bool = true, useItemIDs: Bool = true,
                coldStartTraining: ColdStartTraining = ColdStartTraining(), popularityPrior: Bool = false) throws {
        if let problem = coldStartTraining.problem { throw ConfigurationError.invalid(problem) }
        if (coldStartTraining.isActive || popularityPrior) && configuration.loss != .bpr {
            throw ConfigurationError.invalid("--id-dropout, --feature-distillation and --popularity-prior train with "
                                             + "--loss bpr only for now, got --loss \(configuration.loss.rawValue)")
        }
        if (coldStartTraining.isActive || popularityPrior) && configuration.negativeCandidates > 1 {
            throw ConfigurationError.invalid("--id-dropout, --feature-distillation and --popularity-prior do not support "
                                             + "dynamic negatives yet: leave out --negative-candidates")
        }
        if configuration.score == .cosine {
            throw ConfigurationError.invalid("--score cosine is not supported with side features yet (their cold-start "
                                             + "scorers and the popularity prior use inner products): leave it out")
        }
        base = try BPRTrainer(train: train, configuration: configuration)
        self.configuration = configuration
        self.coldStartTraining = coldStartTraining
        dropoutGenerator = SeededGenerator(seed: configuration.seed).fork(0xD80B)
        var generator = SeededGenerator(seed: configuration.seed).fork(0xFEA7)
        model = FeatureLightGCN(userCount: train.userCount, itemCount: train.itemCount,
                                dimension: configuration.dimension, numLayers: configuration.layers,
                                userFeatures: userFeatures, itemFeatures: itemFeatures, useUserIDs: useUserIDs,
                                useItemIDs: useItemIDs, itemPopularity: popularityPrior ? train.itemPopularity : nil,
                                separateColdHeads: coldStartTraining.separateHead, standardDeviation: 0.1,
                                generator: &generator)
        let parameters = model.parameters
        optimizers = parameters.map {
            AdamOptimizer(rows: $0.rows, columns: $0.columns, learningRate: Float(configuration.learningRate))
        }
        gradients = parameters.map { Matrix(rows: $0.rows, columns: $0.columns) }
    }

    /// A trainer that continues from `model` (for example a saved model with a feature column
    /// added by ``FeatureLightGCN/addingUserColumns(_:)``): the tables are trained in place, with
    /// fresh Adam moments, on `train`, which must be the interactions the model was trained on.
    ///
    /// - Throws: ``ConfigurationError`` for settings out of range or a model whose shape does
    ///   not match `train` and `configuration`.
    public init(train: InteractionMatrix, configuration: TrainingConfiguration, model: FeatureLightGCN<Float>,
                coldStartTraining: ColdStartTraining = ColdStartTraining()) throws {
        if let problem = coldStartTraining.problem { throw ConfigurationError.invalid(problem) }
        guard model.userCount == train.userCount, model.itemCount == train.itemCount,
              model.dimension == configuration.dimension, model.lightGCN.numLayers == configuration.layers else {
            throw ConfigurationError.invalid(
                "the model has \(model.userCount) users, \(model.itemCount) items, dim \(model.dimension), "
                    + "\(model.lightGCN.numLayers) layers; the data and settings have \(train.userCount) users, "
                    + "\(train.itemCount) items, dim \(configuration.dimension), \(configuration.layers) layers")
        }
        if (coldStartTraining.isActive || model.popularityPrior != nil) && configuration.loss != .bpr {
            throw ConfigurationError.invalid("--id-dropout, --feature-distillation and --popularity-prior train with "
                                             + "--loss bpr only for now, got --loss \(configuration.loss.rawValue)")
        }
        if (coldStartTraining.isActive || model.popularityPrior != nil) && configuration.negativeCandidates > 1 {
            throw ConfigurationError.invalid("--id-dropout, --feature-distillation and --popularity-prior do not support "
                                             + "dynamic negatives yet: leave out --negative-candidates")
        }
        if configuration.score == .cosine {
            throw ConfigurationError.invalid("--score cosine is not supported with side features yet (their cold-start "
                                             + "scorers and the popularity prior use inner products): leave it out")
        }
        base = try BPRTrainer(train: train, configuration: configuration)
        self.configuration = configuration
        self.coldStartTraining = coldStartTraining
        dropoutGenerator = SeededGenerator(seed: configuration.seed).fork(0xD80B)
        self.model = model
        let parameters = model.parameters
        optimizers = parameters.map {
            AdamOptimizer(rows: $0.rows, columns: $0.columns, learningRate: Float(configuration.learningRate))
        }
        gradients = parameters.map { Matrix(rows: $0.rows, columns: $0.columns) }
    }

    /// Where training time went so far, by phase (the wrapped trainer's clock).
    public internal(set) var timings: StepTimings {
        get { base.timings }
        set { base.timings = newValue }
    }

    /// The training interactions.
    public var train: InteractionMatrix { base.train }
    /// The normalised training graph.
    public var graph: PropagationGraph<Float> { base.graph }

    /// One BPR + Adam step on `triples[range]`; returns the batch's mean BPR term and its
    /// regularisation term.
    @discardableResult
    public func step(_ triples: BPRTriples, _ range: Range<Int>) -> (bpr: Double, regularization: Double) {
        let loss = computeGradients(triples, range)
        var clock = PhaseClock()
        let rate = Float(configuration.learningRate(atEpoch: history.count + 1))
        for (k, table) in model.parameters.enumerated() {
            optimizers[k].learningRate = rate
            optimizers[k].update(table, gradient: gradients[k])
        }
        base.timings.optimizer += clock.lap()
        return loss
    }

    /// The loss of `triples[range]` and the gradient of every table (no update). The
    /// regularisation part includes the distillation term when it is on.
    @discardableResult
    public func computeGradients(_ triples: BPRTriples, _ range: Range<Int>) -> (bpr: Double, regularization: Double) {
        if coldStartTraining.isActive || model.popularityPrior != nil { return computeColdStartGradients(triples, range) }
        model.assembleLayerZero()
        base.model.embedding.assign(model.lightGCN.embedding)
        let loss = base.computeGradient(triples, range)
        model.accumulateGradients(layerZeroGradient: base.embeddingGradient, into: gradients)
        return loss
    }

    /// The gradients of the last ``computeGradients(_:_:)``, shaped as `model.parameters`.
    public var parameterGradients: [Matrix<Float>] { gradients }

    /// Runs one epoch (at most `configuration.maxBatchesPerEpoch` batches).
    @discardableResult
    public func trainEpoch() -> EpochRecord {
        let start = Date()
        let triples = base.sampler.sampleEpoch(using: &base.generator)
        let size = configuration.batchSize
        let total = min((triples.count + size - 1) / size, configuration.maxBatchesPerEpoch ?? Int.max)
        var bprSum = 0.0, regSum = 0.0, count = 0
        for b in 0..<total {
            let range = (b * size)..<min(triples.count, (b + 1) * size)
            let (bpr, reg) = step(triples, range)
            bprSum += bpr * Double(range.count)
            regSum += reg
            count += range.count
        }
        let record = EpochRecord(
            epoch: history.count + 1, bprLoss: count > 0 ? bprSum / Double(count) : 0,
            regularizationLoss: total > 0 ? regSum / Double(total) : 0, batches: total,
            seconds: Date().timeIntervalSince(start), metrics: [:], evaluationSeconds: 0)
        history.append(record)
        return record
    }

    /// Runs `configuration.epochs` epochs.
    public func fit(onEpoch: ((EpochRecord) -> Void)? = nil) {
        for _ in 0..<configuration.epochs {
            let record = trainEpoch()
            onEpoch?(record)
        }
    }

    /// The trained model's users and items, scored by their final embeddings (and the
    /// popularity prior, when the model has one).
    public func recommender() -> EmbeddingRecommender {
        model.recommender(graph: graph)
    }

    /// Recommendations for users and items that are not in the training data.
    public func coldStartRecommender(propagation: FoldInPropagation = .exact) -> ColdStartRecommender {
        ColdStartRecommender(model: model, graph: graph, propagation: propagation)
    }
}
