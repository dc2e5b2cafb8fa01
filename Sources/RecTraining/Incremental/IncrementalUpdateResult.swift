import RecData
import RecKernels
import RecModels

/// What ``IncrementalUpdate/apply(_:to:train:configuration:)`` produced.
public struct IncrementalUpdateResult {
    /// A trainer on the enlarged interactions whose model is the updated one: score with
    /// ``recommender()``, or go on training every row with ``BPRTrainer/trainEpoch(progress:)``.
    public let trainer: BPRTrainer
    /// The nodes whose layer-0 rows the refresh trained (users `0..<U'`, items `U'..<U'+I'`);
    /// every other row is exactly the trained one.
    public let updatedNodes: [Int]
    /// Number of users added.
    public let newUserCount: Int
    /// Number of items added.
    public let newItemCount: Int
    /// New interactions that were not already in training.
    public let addedInteractions: Int
    /// The mean BPR term of each refresh step, in order.
    public let losses: [Double]
    /// Seconds to enlarge the graph and fold the new rows in.
    public let foldInSeconds: Double
    /// Seconds of the BPR refresh steps.
    public let refreshSeconds: Double

    /// The updated model.
    public var model: LightGCN<Float> { trainer.model }
    /// The enlarged training interactions.
    public var train: InteractionMatrix { trainer.train }
    /// Seconds of the whole update.
    public var seconds: Double { foldInSeconds + refreshSeconds }

    /// The updated model's users and items, scored by their final embeddings on the enlarged graph.
    public func recommender() -> EmbeddingRecommender { trainer.recommender() }
}
