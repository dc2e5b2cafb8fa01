import Foundation
import RecData
import RecKernels
import RecModels

/// Trains a ``RatingLightGCN`` on explicit ratings by mean squared error with Adam; with
/// `configuration.layers = 0`, biased matrix factorisation.
///
/// One epoch shuffles the training ratings with the seeded generator and cuts them into
/// batches of `batchSize`; one step on a batch is
///
///     out = Σ_l α_l Â^l E⁰                         (Â: graph of the training rated pairs)
///     L   = (1/B) Σ (μ + b_u + b_i + ⟨out_u, out_i⟩ − r)² + L2      (`RatingObjective`)
///     E⁰, b_user, b_item ← Adam(∂L/∂E⁰), Adam(∂L/∂b_user), Adam(∂L/∂b_item)
///
/// `μ` is the mean training rating, fixed before training. The graph, `μ` and everything
/// learned come from the training ratings only. Reproducible: the same ratings, configuration
/// and seed give the same model.
public final class RatingTrainer {
    /// The settings of this run.
    public let configuration: RatingTrainingConfiguration
    /// The training ratings.
    public let train: RatingSet
    /// The model being trained.
    public let model: RatingLightGCN<Float>
    /// The normalised graph of the training rated pairs.
    public let graph: PropagationGraph<Float>
    /// The loss, its gradients and their buffers.
    public let objective: RatingObjective<Float>
    /// Adam over `E⁰`.
    public let embeddingOptimizer: AdamOptimizer<Float>
    /// Adam over the user biases.
    public let userBiasOptimizer: AdamOptimizer<Float>
    /// Adam over the item biases.
    public let itemBiasOptimizer: AdamOptimizer<Float>
    /// Epoch records so far.
    public internal(set) var history: [RatingEpochRecord] = []

    var generator: SeededGenerator
    /// The rating indices in the order of the current epoch.
    var order: [Int]

    /// A trainer for `train` with a fresh model (`μ` = the mean of `train`).
    ///
    /// - Throws: `ConfigurationError` for an invalid setting or an empty training set.
    public init(train: RatingSet, configuration: RatingTrainingConfiguration = RatingTrainingConfiguration()) throws {
        try configuration.validate()
        guard !train.isEmpty else { throw ConfigurationError.invalid("the training set has no ratings") }
        self.configuration = configuration
        self.train = train
        var generator = SeededGenerator(seed: configuration.seed)
        model = RatingLightGCN<Float>(
            userCount: train.userCount, itemCount: train.itemCount, embeddingDim: configuration.dimension,
            numLayers: configuration.layers, globalMean: Float(train.meanRating),
            initialization: .normal(standardDeviation: configuration.initialStandardDeviation),
            generator: &generator)
        graph = model.graph(train: train)
        objective = RatingObjective(model: model)
        let lr = Float(configuration.learningRate)
        embeddingOptimizer = AdamOptimizer(rows: model.embedding.rows, columns: model.embeddingDim, learningRate: lr)
        userBiasOptimizer = AdamOptimizer(rows: train.userCount, columns: 1, learningRate: lr)
        itemBiasOptimizer = AdamOptimizer(rows: train.itemCount, columns: 1, learningRate: lr)
        self.generator = generator
        order = Array(0..<train.count)
    }

    /// The number of batches one epoch runs, `⌈ratings / batchSize⌉`.
    public var batchesPerEpoch: Int { (train.count + configuration.batchSize - 1) / configuration.batchSize }

    /// One epoch: shuffles the ratings, then one step per batch.
    @discardableResult
    public func trainEpoch() -> RatingEpochRecord {
        let start = Date()
        shuffleOrder()
        let size = configuration.batchSize
        var squaredErrorSum = 0.0, regularizationSum = 0.0
        for b in 0..<batchesPerEpoch {
            let records = Array(order[(b * size)..<min(order.count, (b + 1) * size)])
            let loss = step(records: records)
            squaredErrorSum += loss.squaredError * Double(records.count)
            regularizationSum += loss.regularization
        }
        let record = RatingEpochRecord(
            epoch: history.count + 1, squaredError: squaredErrorSum / Double(train.count),
            regularization: regularizationSum / Double(batchesPerEpoch), batches: batchesPerEpoch,
            seconds: Date().timeIntervalSince(start))
        history.append(record)
        return record
    }

    /// One MSE + Adam step on the training ratings `records`; returns the batch's loss before
    /// the update.
    @discardableResult
    public func step(records: [Int]) -> RatingLoss {
        let loss = objective.lossAndGradient(
            model: model, graph: graph, ratings: train, records: records, lambda: Float(configuration.lambda),
            biasLambda: Float(configuration.biasLambda))
        embeddingOptimizer.update(model.embedding, gradient: objective.embeddingGradient)
        userBiasOptimizer.update(model.userBias, gradient: objective.userBiasGradient)
        itemBiasOptimizer.update(model.itemBias, gradient: objective.itemBiasGradient)
        return loss
    }

    /// The current model as a predictor (a snapshot; see ``RatingLightGCN/predictor(graph:train:)``
    /// for the fallback of users and items without training ratings).
    public func predictor() -> EmbeddingRatingPredictor {
        model.predictor(graph: graph, train: train)
    }

    /// Fisher–Yates with `nextIndex`, independent of the standard library's shuffle so that
    /// runs do not change between Swift versions.
    func shuffleOrder() {
        var k = order.count
        while k > 1 {
            let j = generator.nextIndex(below: k)
            k -= 1
            order.swapAt(k, j)
        }
    }
}
