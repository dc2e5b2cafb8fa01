import RecModels

/// A trainer that ``HoldoutTraining`` drives: ID-only LightGCN and MF (``BPRTrainer``) and
/// feature-aware LightGCN (``FeatureBPRTrainer``), which share the epoch loop and its model
/// selection.
public protocol HoldoutTrainer: AnyObject {
    /// Epoch records so far.
    var history: [EpochRecord] { get }
    /// Training time by phase so far.
    var timings: StepTimings { get }
    /// Trains with validation-based epoch selection (see ``BPRTrainer/fit(evaluator:validation:trainSample:onBatch:onEpoch:)``).
    func fit(evaluator: RankingEvaluator?, validation: RankingEvaluator?, trainSample: RankingEvaluator?,
             onBatch: ((Int, Int, Int) -> Void)?, onEpoch: ((EpochRecord) -> Void)?) -> FitResult
    /// The current model's final embeddings, as a recommender.
    func recommender() -> EmbeddingRecommender
    /// The trained model, ready to save.
    func trainedModel(datasetName: String) -> TrainedModel
}

extension BPRTrainer: HoldoutTrainer {}
extension FeatureBPRTrainer: HoldoutTrainer {}
