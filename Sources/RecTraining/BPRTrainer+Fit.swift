import Foundation
import RecKernels
import RecModels

/// The outcome of `BPRTrainer.fit`.
public struct FitResult: Sendable {
    /// The epoch whose embeddings the model holds at the end (the best on validation, or the last).
    public var selectedEpoch: Int
    /// Validation metrics of the selected epoch (empty without a validation split).
    public var validationMetrics: [String: Double]
    /// Whether training stopped early for lack of improvement.
    public var stoppedEarly: Bool
}

extension BPRTrainer {
    /// Runs `configuration.epochs` epochs, evaluating every `configuration.evaluateEvery` epochs
    /// and after the last one.
    ///
    /// With a `validation` evaluator, the epoch with the best `configuration.selectionMetric` on
    /// validation is selected: training stops after `configuration.patience` evaluations without
    /// improvement, and the selected epoch's embeddings are restored at the end. Validation
    /// metrics are recorded as "validation/Recall@20" etc. Without one (the published practice),
    /// `evaluator` is watched every evaluation and the last epoch is kept.
    ///
    /// With a `trainSample` evaluator (see `RankingEvaluator.trainingFit(of:sampleSize:seed:ks:)`),
    /// every evaluation also ranks its users against their own training items, recorded as
    /// "train/Recall@20" etc.; it never affects the selected epoch. Its seconds are included in
    /// the epoch's `evaluationSeconds`.
    ///
    /// - Parameters:
    ///   - evaluator: evaluated at every evaluation epoch when there is no `validation`
    ///     (metrics recorded without prefix); with `validation`, not used here: evaluate the
    ///     test set once, after `fit`, on the restored model.
    ///   - validation: selects the epoch (metrics recorded as "validation/…").
    ///   - trainSample: how well the model fits its training data (metrics recorded as "train/…").
    ///   - onBatch: called after each batch with (epoch, batches done, batches in the epoch).
    ///   - onEpoch: called after each epoch (and its evaluation, if any) with its record.
    @discardableResult
    public func fit(
        evaluator: RankingEvaluator?,
        validation: RankingEvaluator? = nil,
        trainSample: RankingEvaluator? = nil,
        onBatch: ((Int, Int, Int) -> Void)? = nil,
        onEpoch: ((EpochRecord) -> Void)? = nil
    ) -> FitResult {
        runFit(evaluator: evaluator, validation: validation, trainSample: trainSample, onBatch: onBatch, onEpoch: onEpoch)
    }

    /// The trained model with its history, ready to save.
    public func trainedModel(datasetName: String) -> TrainedModel {
        TrainedModel(configuration: configuration, datasetName: datasetName, embedding: model.embedding.copy(),
                     train: train, history: history)
    }
}
