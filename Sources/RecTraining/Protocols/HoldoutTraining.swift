import RecData
import RecModels

/// The holdout protocol of `lightgcn train`, as one library call: train on a dataset's
/// training interactions, select the epoch on its validation split, optionally refit on
/// training + validation for the selected number of epochs, and evaluate the test set **once**,
/// on the kept model.
///
/// - With a validation split: the epoch with the best `configuration.selectionMetric` on
///   validation is selected (early stopping by `configuration.patience`); with
///   `configuration.refit` a fresh model is then trained on ``RecommendationDataset/knownBeforeTest``
///   for that many epochs (the same learning-rate schedule, no evaluation) unless the time
///   budget left cannot hold it; the test set is ranked with the validation items excluded
///   (they are items the user already has).
/// - Without one (the published practice): the test set is evaluated during training and the
///   last epoch is kept; a refit is not possible (there is no epoch count to choose).
///
/// What happens is reported through ``HoldoutTrainingEvent``s, so that a command can print
/// progress while the protocol itself stays here.
public struct HoldoutTraining {
    /// The data: its training, validation and test interactions.
    public let dataset: RecommendationDataset
    /// The settings of the selection run (the refit takes them with the selected epochs).
    public let configuration: TrainingConfiguration
    /// Size of the user sample whose fit to its own training items is recorded as "train/…"
    /// metrics at each evaluation; nil for none.
    public var trainSampleSize: Int?
    /// Builds a fresh trainer for the given interactions and settings (called for the
    /// selection run, and again for the refit).
    public let makeTrainer: (InteractionMatrix, TrainingConfiguration) throws -> any HoldoutTrainer

    /// A protocol run of `configuration` on `dataset` with the trainers `makeTrainer` builds.
    public init(dataset: RecommendationDataset, configuration: TrainingConfiguration, trainSampleSize: Int? = nil,
                makeTrainer: @escaping (InteractionMatrix, TrainingConfiguration) throws -> any HoldoutTrainer) {
        self.dataset = dataset
        self.configuration = configuration
        self.trainSampleSize = trainSampleSize
        self.makeTrainer = makeTrainer
    }

    /// A run that trains an ID-only LightGCN (or MF, with zero layers) with ``BPRTrainer``.
    public init(dataset: RecommendationDataset, configuration: TrainingConfiguration, trainSampleSize: Int? = nil) {
        self.init(dataset: dataset, configuration: configuration, trainSampleSize: trainSampleSize) {
            try BPRTrainer(train: $0, configuration: $1)
        }
    }

    /// What a run produced.
    public struct Outcome {
        /// The trainer that selected the epoch (its history holds the validation curves).
        public var trainer: any HoldoutTrainer
        /// With `configuration.refit`: the trainer of the refit on training + validation
        /// interactions, whose model is the one kept; nil without a refit.
        public var refit: (any HoldoutTrainer)?
        /// The selection run's result.
        public var fit: FitResult
        /// Test metrics of the kept model (nil without test interactions).
        public var test: EvaluationReport?
        /// The trainer whose model is kept: the refit's, or the selection run's.
        public var kept: any HoldoutTrainer { refit ?? trainer }
    }

    /// The evaluator of the test set: the training and validation items are known.
    public var testEvaluator: RankingEvaluator? {
        dataset.test.interactionCount > 0
            ? RankingEvaluator(known: dataset.knownBeforeTest, heldOut: dataset.test, ks: configuration.ks) : nil
    }

    /// The evaluator of the validation split, nil without one.
    public var validationEvaluator: RankingEvaluator? {
        dataset.validation.flatMap { $0.interactionCount > 0 ? $0 : nil }.map {
            RankingEvaluator(known: dataset.train, heldOut: $0, ks: configuration.ks)
        }
    }

    /// Runs the protocol (see the type's documentation), reporting each step to `onEvent`.
    ///
    /// - Throws: ``ConfigurationError`` (or what `makeTrainer` throws) for settings a trainer refuses.
    public func run(onEvent: (HoldoutTrainingEvent) -> Void = { _ in }) throws -> Outcome {
        let trainer = try makeTrainer(dataset.train, configuration)
        let test = testEvaluator, validation = validationEvaluator
        let trainSample = trainSampleSize.map {
            RankingEvaluator.trainingFit(of: dataset.train, sampleSize: $0, seed: configuration.seed, ks: configuration.ks)
        }
        if let trainSample { onEvent(.trainSample(users: trainSample.evaluatedUsers.count)) }
        if validation == nil && test != nil { onEvent(.testWatchedWithoutValidation) }
        let fit = withoutActuallyEscaping(onEvent) { onEvent in
            trainer.fit(evaluator: test, validation: validation, trainSample: trainSample,
                        onBatch: { onEvent(.batch(.selection, epoch: $0, done: $1, total: $2)) },
                        onEpoch: { onEvent(.epoch(.selection, $0)) })
        }
        var refit: (any HoldoutTrainer)?
        if validation != nil {
            onEvent(.selected(fit, refit: configuration.refit, test: test != nil))
            if configuration.refit { refit = try self.refit(epochs: fit.selectedEpoch, selection: trainer, onEvent: onEvent) }
        } else if configuration.refit {
            onEvent(.refitNeedsValidation)
        }
        var report: EvaluationReport?
        if let test {
            if validation != nil {
                onEvent(.testStarted(users: test.evaluatedUsers.count))
                report = test.evaluate((refit ?? trainer).recommender())
                onEvent(.testFinished(report!))
            } else if let last = trainer.history.last, !last.metrics.isEmpty {
                report = EvaluationReport(metrics: last.metrics, userCount: test.evaluatedUsers.count, seconds: last.evaluationSeconds)
            }
        }
        return Outcome(trainer: trainer, refit: refit, fit: fit, test: report)
    }

    /// Trains a fresh model on the training and validation interactions for `epochs` epochs
    /// (the selected count), without evaluations; nil when the time budget left after the
    /// selection run cannot hold it (estimated from its seconds per epoch, scaled by the
    /// interactions).
    func refit(epochs: Int, selection: any HoldoutTrainer,
               onEvent: (HoldoutTrainingEvent) -> Void) throws -> (any HoldoutTrainer)? {
        let known = dataset.knownBeforeTest
        var settings = configuration
        settings.epochs = epochs  // the cosine horizon, if any, stays: the refit replays the selection run's rates
        settings.evaluateEvery = 0
        settings.patience = nil
        settings.timeBudgetSeconds = nil
        if let budget = configuration.timeBudgetSeconds {
            let spent = selection.history.trainingSeconds + selection.history.evaluationSeconds
            let perEpoch = selection.history.trainingSeconds / Double(max(selection.history.count, 1))
            let estimate = perEpoch * Double(epochs) * Double(known.interactionCount) / Double(max(dataset.train.interactionCount, 1))
            if spent + estimate > budget {
                onEvent(.refitSkipped(spentSeconds: spent, budgetSeconds: budget, epochs: epochs, estimatedSeconds: estimate))
                return nil
            }
        }
        onEvent(.refitStarted(epochs: epochs, interactions: known.interactionCount))
        let trainer = try makeTrainer(known, settings)
        _ = withoutActuallyEscaping(onEvent) { onEvent in
            trainer.fit(evaluator: nil, validation: nil, trainSample: nil,
                        onBatch: { onEvent(.batch(.refit, epoch: $0, done: $1, total: $2)) },
                        onEpoch: { onEvent(.epoch(.refit, $0)) })
        }
        onEvent(.refitFinished(epochs: epochs, seconds: trainer.history.trainingSeconds))
        return trainer
    }
}

/// A step of a ``HoldoutTraining`` run, in the order they happen.
public enum HoldoutTrainingEvent {
    /// Which training a batch or an epoch belongs to.
    public enum Phase: Sendable {
        /// The run that selects the epoch on validation.
        case selection
        /// The refit on training + validation interactions.
        case refit
    }

    /// Train metrics will be recorded on a sample of this many users.
    case trainSample(users: Int)
    /// There is no validation split: the test set is evaluated during training and the last
    /// epoch is kept (the published practice).
    case testWatchedWithoutValidation
    /// `done` of `total` batches of epoch `epoch` are trained.
    case batch(Phase, epoch: Int, done: Int, total: Int)
    /// An epoch ended (with its evaluation's metrics, if it had one).
    case epoch(Phase, EpochRecord)
    /// The selection run ended: `refit` says whether a refit follows, `test` whether there is
    /// a test set to evaluate.
    case selected(FitResult, refit: Bool, test: Bool)
    /// A refit was asked for without a validation split, so it does not happen.
    case refitNeedsValidation
    /// The refit does not fit in the time budget; the selected epoch's model is kept.
    case refitSkipped(spentSeconds: Double, budgetSeconds: Double, epochs: Int, estimatedSeconds: Double)
    /// The refit starts: `epochs` epochs on `interactions` training + validation interactions.
    case refitStarted(epochs: Int, interactions: Int)
    /// The refit ended after `seconds` of training.
    case refitFinished(epochs: Int, seconds: Double)
    /// The test set's `users` are being ranked.
    case testStarted(users: Int)
    /// The test set was evaluated once.
    case testFinished(EvaluationReport)
}
