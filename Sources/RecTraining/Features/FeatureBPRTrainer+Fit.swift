import RecData
import RecKernels
import RecModels

extension FeatureBPRTrainer: BPRTrainingLoop {
    var loopSettings: TrainingConfiguration { configuration }
    var sampler: BPRSampler { base.sampler }
    var generator: SeededGenerator {
        get { base.generator }
        set { base.generator = newValue }
    }
    func currentRecommender() -> any Recommender { recommender() }
    func saveParameters() -> [Matrix<Float>] { model.parameters.map { $0.copy() } }
    func restoreParameters(_ saved: [Matrix<Float>]) {
        for (table, copy) in zip(model.parameters, saved) { table.assign(copy) }
        model.assembleLayerZero()
    }
}

extension FeatureBPRTrainer {
    /// Runs the epochs with the model selection of ``BPRTrainer/fit(evaluator:validation:trainSample:onBatch:onEpoch:)``,
    /// the same loop and the same rules: with a `validation` evaluator the epoch with the best
    /// `configuration.selectionMetric` is selected (early stopping after
    /// `configuration.patience` evaluations without improvement) and every table of the model
    /// (ID and feature tables) is restored to that epoch at the end; without one, `evaluator`
    /// is watched and the last epoch is kept.
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

    /// The trained model with its history, ready to save: the assembled layer-0 table as
    /// ``TrainedModel/embedding`` and the feature-aware model itself as
    /// ``TrainedModel/featureModel`` (shared with this trainer, not copied).
    public func trainedModel(datasetName: String) -> TrainedModel {
        model.assembleLayerZero()
        return TrainedModel(configuration: configuration, datasetName: datasetName,
                            embedding: model.lightGCN.embedding.copy(), train: train, history: history,
                            featureModel: model)
    }
}
