import RecData
import RecKernels
import RecModels

/// MF-BPR, the matrix-factorisation baseline of the LightGCN paper (Rendle et al., "BPR: Bayesian
/// Personalized Ranking from Implicit Feedback", UAI 2009), trained exactly as LightGCN is:
///
///     score(u, i) = ⟨p_u, q_i⟩,   p = E⁰[0..<U],  q = E⁰[U..<U+I]
///     L = (1/B) Σ softplus(ŷ_uj − ŷ_ui) + R(E⁰),   Adam
///
/// It *is* LightGCN with `L = 0` layers (`out = E⁰`), so fitting runs ``BPRTrainer`` with
/// `layers = 0`: same samplers, batches, L2 convention and Adam, and no propagation. A step
/// reads and writes only its batch's rows, apart from one write-only clear of the gradient and
/// the dense Adam update of the whole table (what PyTorch's Adam does with the authors' dense
/// embedding gradients: rows outside the batch still move by their momentum).
///
/// Defaults (``Options``): the LightGCN authors' training settings, which their code also uses
/// for its `mf` model: d = 64, batch 2048, Adam lr 0.001, λ = 1e-4 with their ½·Σ‖row‖²/B
/// convention, user-uniform sampling with rejected negatives, 1000 epochs. One difference: the
/// table starts at N(0, 0.1²) as LightGCN's does (their `PureMF` keeps PyTorch's N(0, 1)).
/// For reference, NGCF (Wang et al., SIGIR 2019), on whose Gowalla split LightGCN is evaluated,
/// reports MF-BPR at Recall@20 0.1291 (its NDCG used another definition).
public struct MatrixFactorizationBPR: Recommender {
    /// Fit options; the defaults work on the public sets without tuning.
    public struct Options: Codable, Sendable, Equatable {
        /// Embedding dimension d. Default 64.
        public var dimension = 64
        /// Training epochs. Default 1000 (the LightGCN authors').
        public var epochs = 1000
        /// BPR triples per batch. Default 2048.
        public var batchSize = 2048
        /// Adam learning rate. Default 0.001.
        public var learningRate = 0.001
        /// L2 weight λ. Default 1e-4.
        public var lambda = 1e-4
        /// L2 convention. Default the authors' `λ·½Σ‖row‖²/B`.
        public var regularization = TrainingConfiguration.Regularization.authors
        /// Triple sampling. Default user-uniform with rejected negatives.
        public var sampling = TrainingConfiguration.Sampling.userUniform
        /// Initialisation of the table. Default N(0, 0.1²).
        public var initialization = TrainingConfiguration.Initialization.normal
        /// Seed of every random choice. Default 2020.
        public var seed: UInt64 = 2020
        /// With a validation split: evaluate every this many epochs. Default 10.
        public var evaluateEvery = 10
        /// With a validation split: stop after this many evaluations without improvement. Default nil (run all epochs).
        public var patience: Int?
        /// The validation metric that selects the epoch. Default "Recall@20".
        public var selectionMetric = "Recall@20"
        /// Stop each epoch after this many batches (quick trials); nil: all. Default nil.
        public var maxBatchesPerEpoch: Int?

        /// The documented defaults.
        public init() {}

        /// The equivalent LightGCN training run: these settings with `layers = 0`.
        public var trainingConfiguration: TrainingConfiguration {
            var c = TrainingConfiguration()
            c.layers = 0
            c.dimension = dimension
            c.epochs = epochs
            c.batchSize = batchSize
            c.learningRate = learningRate
            c.lambda = lambda
            c.regularization = regularization
            c.sampling = sampling
            c.initialization = initialization
            c.seed = seed
            c.evaluateEvery = evaluateEvery
            c.patience = patience
            c.selectionMetric = selectionMetric
            c.maxBatchesPerEpoch = maxBatchesPerEpoch
            return c
        }
    }

    /// The scorer over the fitted user and item tables.
    public let embeddings: EmbeddingRecommender
    /// The options the model was fitted with.
    public let options: Options
    /// Epoch records of the fit.
    public let history: [EpochRecord]
    /// The epoch whose tables the model holds (the best on validation, or the last).
    public let selectedEpoch: Int

    /// A trainer for `train` with `options` (a ``BPRTrainer`` with `layers = 0`), for callers
    /// that drive epochs themselves.
    public static func trainer(train: InteractionMatrix, options: Options = Options()) throws -> BPRTrainer {
        try BPRTrainer(train: train, configuration: options.trainingConfiguration)
    }

    /// Fits user and item embeddings on `train`.
    ///
    /// - Parameters:
    ///   - validation: when given, the epoch with the best `options.selectionMetric` on it is kept
    ///     (evaluated every `options.evaluateEvery` epochs, stopping after `options.patience`
    ///     evaluations without improvement); otherwise the last epoch is kept.
    ///   - onEpoch: called after each epoch with its record.
    /// - Throws: ``ConfigurationError`` for an invalid option.
    public static func fit(train: InteractionMatrix, options: Options = Options(), validation: RankingEvaluator? = nil,
                           onEpoch: ((EpochRecord) -> Void)? = nil) throws -> MatrixFactorizationBPR {
        let trainer = try trainer(train: train, options: options)
        let result = trainer.fit(evaluator: nil, validation: validation, onEpoch: onEpoch)
        return MatrixFactorizationBPR(embeddings: trainer.recommender(), options: options, history: trainer.history,
                                      selectedEpoch: result.selectedEpoch)
    }

    /// User embeddings `p` (`U × d`).
    public var userEmbeddings: Matrix<Float> { embeddings.userEmbeddings }
    /// Item embeddings `q` (`I × d`).
    public var itemEmbeddings: Matrix<Float> { embeddings.itemEmbeddings }
    /// Number of users.
    public var userCount: Int { embeddings.userCount }
    /// Number of items.
    public var itemCount: Int { embeddings.itemCount }

    /// Top-k items by `⟨p_u, q_i⟩` (contract in ``Recommender``).
    public func recommend(users: [Int], k: Int, masks: (Int) -> CandidateMask) -> [[ScoredItem]] {
        embeddings.recommend(users: users, k: k, masks: masks)
    }
}
