import RecModels
import RecTraining

/// The trainers a `TrainingRun` drives: ID-only LightGCN (`BPRTrainer`) and feature-aware
/// LightGCN (`FeatureBPRTrainer`), which share the epoch loop and its model selection.
protocol RunTrainer: AnyObject {
    /// Epoch records so far.
    var history: [EpochRecord] { get }
    /// Training time by phase so far.
    var timings: StepTimings { get }
    /// Trains with validation-based epoch selection (see `BPRTrainer.fit`).
    func fit(evaluator: RankingEvaluator?, validation: RankingEvaluator?, trainSample: RankingEvaluator?,
             onBatch: ((Int, Int, Int) -> Void)?, onEpoch: ((EpochRecord) -> Void)?) -> FitResult
    /// The current model's final embeddings, as a recommender.
    func recommender() -> EmbeddingRecommender
    /// The trained model, ready to save.
    func trainedModel(datasetName: String) -> TrainedModel
}

extension BPRTrainer: RunTrainer {}
extension FeatureBPRTrainer: RunTrainer {}
