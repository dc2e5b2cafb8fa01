import RecData
import RecKernels
import RecModels

/// Trains an ``LRGCCF`` with the objective of its configuration (BPR by default; see
/// ``TrainingLoss``) and Adam, with the samplers, batches, L2 convention and learning-rate
/// schedule of ``BPRTrainer``.
///
/// One step on a batch of B triples (u, i, j):
///
///     X^l = Ã X^{l−1} W_l  (l = 1…L, X⁰ = E; the last layer on the batch's nodes only)
///     L   = (1/B) Σ softplus(ŷ_uj − ŷ_ui) + R(E) + μ·½ Σ_l ‖W_l‖²,  ŷ_ui = Σ_l ⟨X^l_u, X^l_i⟩
///     ∂L/∂E, ∂L/∂W_l                                   (LRGCCF.backpropagate)
///
/// then one Adam update of `E` and one of each `W_l` (separate moment estimates, same learning
/// rate). `R` is the configuration's L2 term on the batch's rows of `E`. Users are nodes
/// `0..<U`, items `U..<U+I`; the graph holds training interactions only.
public final class LRGCCFTrainer {
    /// The settings of this run.
    public let configuration: LRGCCFConfiguration
    /// The model being trained.
    public let model: LRGCCF<Float>
    /// The self-loop training graph Ã.
    public let graph: PropagationGraph<Float>
    /// The training interactions.
    public let train: InteractionMatrix
    /// Epoch records so far.
    public internal(set) var history: [EpochRecord] = []
    /// Where training time went so far, by phase.
    public internal(set) var timings = StepTimings()
    /// Adam over `E`.
    public let embeddingOptimizer: AdamOptimizer<Float>
    /// One Adam per transform `W_l`.
    public let transformOptimizers: [AdamOptimizer<Float>]
    /// ∂L/∂E of the last batch (written by `computeGradient`).
    public let embeddingGradient: Matrix<Float>
    /// ∂L/∂W_l of the last batch, `transformGradients[l − 1]`.
    public let transformGradients: [Matrix<Float>]

    let sampler: BPRSampler
    var generator: SeededGenerator
    let workspace: LRGCCFWorkspace<Float>
    var assembler: LossBatchAssembler
    let objective: any LossFunction

    /// A trainer for `train` with a freshly initialised model (the table is drawn first, then
    /// the transforms, from the configuration's seed).
    public init(train: InteractionMatrix, configuration: LRGCCFConfiguration = LRGCCFConfiguration()) throws {
        try configuration.validate()
        self.configuration = configuration
        self.train = train
        let settings = configuration.training
        var generator = SeededGenerator(seed: settings.seed)
        let initialization: EmbeddingInitialization
        switch settings.initialization {
        case .normal, .spectral: initialization = .normal(standardDeviation: 0.1)  // .spectral is rejected by validate()
        case .xavier: initialization = .xavierUniform
        }
        model = LRGCCF<Float>(userCount: train.userCount, itemCount: train.itemCount, embeddingDim: settings.dimension,
                              numLayers: settings.layers, initialization: initialization,
                              transformInitialization: configuration.transformInitialization, generator: &generator)
        graph = model.graph(itemsOfUser: train.itemsOfUser)
        sampler = BPRSampler(train: train, strategy: settings.sampling.strategy)
        self.generator = generator
        let nodes = train.userCount + train.itemCount, d = settings.dimension
        let rate = Float(settings.learningRate)
        embeddingOptimizer = AdamOptimizer(rows: nodes, columns: d, learningRate: rate)
        transformOptimizers = model.transforms.map { _ in AdamOptimizer(rows: d, columns: d, learningRate: rate) }
        embeddingGradient = Matrix(rows: nodes, columns: d)
        transformGradients = model.transforms.map { _ in Matrix(rows: d, columns: d) }
        workspace = LRGCCFWorkspace(nodeCount: nodes, dimension: d, layers: settings.layers)
        assembler = LossBatchAssembler(userCount: train.userCount, itemCount: train.itemCount)
        objective = settings.lossFunction
    }

    /// The number of batches one epoch runs.
    public var batchesPerEpoch: Int { epochBatchCount }

    /// Runs one epoch: samples its triples, then one optimisation step per batch.
    /// `progress(done, total)` is called after each batch.
    @discardableResult
    public func trainEpoch(progress: ((Int, Int) -> Void)? = nil) -> EpochRecord {
        runEpoch(progress: progress)
    }

    /// Attaches evaluation results to the last epoch's record.
    public func recordEvaluation(_ metrics: [String: Double], seconds: Double) {
        attachEvaluation(metrics, seconds: seconds)
    }

    /// One optimisation step on `triples[range]` (the configured objective, then Adam with the
    /// epoch's learning rate); returns the batch's mean objective and its regularisation term
    /// (E rows and transforms together).
    public func step(_ triples: BPRTriples, _ range: Range<Int>) -> (bpr: Double, regularization: Double) {
        let loss = computeGradient(triples, range)
        var clock = PhaseClock()
        let rate = Float(configuration.training.learningRate(atEpoch: history.count + 1))
        embeddingOptimizer.learningRate = rate
        embeddingOptimizer.update(model.embedding, gradient: embeddingGradient)
        for (optimizer, (w, g)) in zip(transformOptimizers, zip(model.transforms, transformGradients)) {
            optimizer.learningRate = rate
            optimizer.update(w, gradient: g)
        }
        timings.optimizer += clock.lap()
        return loss
    }

    /// The loss of `triples[range]` and its gradients, left in `embeddingGradient` and
    /// `transformGradients` (no parameter update). The objective reads each node's score vector
    /// `[X⁰ | X¹ | … | X^L]` (so that `⟨f_u, f_i⟩ = Σ_l ⟨X^l_u, X^l_i⟩`, LR-GCCF's score).
    @discardableResult
    public func computeGradient(_ triples: BPRTriples, _ range: Range<Int>) -> (bpr: Double, regularization: Double) {
        var clock = PhaseClock()
        let settings = configuration.training
        var uniform: [Int32] = []
        if (settings.loss == .softmax || settings.loss == .bsl) && settings.negatives.usesUniform {
            uniform = (0..<settings.uniformNegatives).map { _ in Int32(generator.nextIndex(below: train.itemCount)) }
        }
        let batch = assembler.assemble(triples, range, loss: settings.loss, negatives: settings.negatives,
                                       uniformItems: uniform, width: model.outputDim)
        let nodes = batch.nodes
        // The batch's score vectors and their gradients stay in the batch's blocks: the layer
        // products write into and read from them directly.
        model.propagate(graph: graph, workspace: workspace, batchRows: nodes, into: batch.embeddings)
        timings.forward += clock.lap()
        let loss = objective.accumulate(batch)
        timings.loss += clock.lap()
        model.backpropagate(graph: graph, workspace: workspace, batchRows: nodes, scoreGradient: batch.gradient,
                            into: embeddingGradient, transformGradients: transformGradients)
        timings.backward += clock.lap()
        var regularization = LayerZeroRegularization.add(
            settings.regularization, lambda: Float(settings.lambda), embedding: model.embedding, gradient: embeddingGradient,
            triples: triples, range: range, batch: batch, userCount: train.userCount)
        let mu = Float(configuration.transformLambda)
        if mu != 0 {
            for (w, g) in zip(model.transforms, transformGradients) {
                g.addScaled(w, by: mu)
                regularization += 0.5 * Double(mu) * w.squaredNorm()
            }
        }
        timings.regularization += clock.lap()
        return (loss, regularization)
    }

    /// The current model as a recommender (final embeddings propagated once, here).
    public func recommender() -> LRGCCFRecommender {
        LRGCCFRecommender(model: model, graph: graph)
    }

    /// Runs `configuration.training.epochs` epochs with evaluation and model selection exactly
    /// as ``BPRTrainer/fit(evaluator:validation:trainSample:onBatch:onEpoch:)`` does; with a validation
    /// split, the selected epoch's `E` and transforms are restored at the end.
    @discardableResult
    public func fit(
        evaluator: RankingEvaluator?, validation: RankingEvaluator? = nil,
        onBatch: ((Int, Int, Int) -> Void)? = nil, onEpoch: ((EpochRecord) -> Void)? = nil
    ) -> FitResult {
        runFit(evaluator: evaluator, validation: validation, onBatch: onBatch, onEpoch: onEpoch)
    }

    /// Fits a fresh model on `train` (no evaluation without `validation`) and returns it as a
    /// recommender: the one-call form for comparisons.
    public static func fit(train: InteractionMatrix, configuration: LRGCCFConfiguration = LRGCCFConfiguration(),
                           validation: RankingEvaluator? = nil) throws -> LRGCCFRecommender {
        let trainer = try LRGCCFTrainer(train: train, configuration: configuration)
        trainer.fit(evaluator: nil, validation: validation)
        return trainer.recommender()
    }
}

extension LRGCCFTrainer: BPRTrainingLoop {
    var loopSettings: TrainingConfiguration { configuration.training }
    func currentRecommender() -> any Recommender { recommender() }
    func saveParameters() -> [Matrix<Float>] { model.parameterSnapshot() }
    func restoreParameters(_ saved: [Matrix<Float>]) { model.restore(saved) }
}
