import Foundation
import RecData
import RecKernels
import RecModels

/// A trained LightGCN with everything needed to use it again: the settings it was trained
/// with, the layer-0 table, the training interactions (its graph, and the items each user
/// already has), the training history, and where the data came from (the dataset's ids and
/// titles, the options that reproduce its split, and the split's fingerprint).
///
/// Final embeddings are not stored: they are recomputed on load from the table and the graph
/// (L sparse products, milliseconds), so a file can never hold embeddings that disagree with it.
public struct TrainedModel: Sendable {
    /// The settings of the training run.
    public var configuration: TrainingConfiguration
    /// The dataset's name, for display.
    public var datasetName: String
    /// The layer-0 embedding table, users first (`userCount + itemCount` rows).
    public var embedding: Matrix<Float>
    /// The training interactions: the propagation graph and the items to exclude.
    public var train: InteractionMatrix
    /// What each epoch did.
    public var history: [EpochRecord]
    /// With a refit (`TrainingConfiguration.refit`): the epochs of the refit on training +
    /// validation interactions that produced ``embedding``; ``history`` is then the selection
    /// run's, with its validation curves. Nil without a refit.
    public var refitHistory: [EpochRecord]?
    /// The epoch whose embeddings these are (selected on validation, or the last), if known.
    public var selectedEpoch: Int?
    /// External ids, titles and attributes of the users and items, when the dataset has them.
    public var catalog: DatasetCatalog?
    /// The data options of the run as command-line arguments (for example
    /// `["--data", "ml-100k", "--min-rating", "4"]`), so that the same split can be rebuilt.
    public var dataArguments: [String]
    /// `RecommendationDataset.splitFingerprint` of the data the model was trained on, if known.
    public var splitFingerprint: String?
    /// Metrics of the kept epoch on the test set, evaluated once after training (keys like
    /// "Recall@20"), if known.
    public var testMetrics: [String: Double]?
    /// The run's effective configuration as the text of a TOML file that
    /// `lightgcn train --config` reads back to repeat the run, if the run recorded one.
    public var configurationFile: String?
    /// The feature-aware model, for a model trained with side features: its ID and feature
    /// tables, the training nodes' features and the schema that reads a new node's features.
    /// Its assembled layer 0 is ``embedding``. Nil for an ID-only model.
    public var featureModel: FeatureLightGCN<Float>?
    /// The interactions the data holds beyond ``train`` (same shape): held-out validation and
    /// test positives and known negatives (ratings below the threshold). A served recommendation
    /// leaves them out like the training items, since the user already has them; evaluation and
    /// training never read them. Nil when not recorded (older files, models built from events).
    public var knownOutsideTraining: InteractionMatrix?

    /// ``ModelKind/lightgcn``, or ``ModelKind/mf`` for matrix factorisation (zero layers)
    /// trained as `lightgcn train --model mf`.
    public var kind: ModelKind = .lightgcn

    /// Number of users.
    public var userCount: Int { train.userCount }
    /// Number of items.
    public var itemCount: Int { train.itemCount }

    /// A model from its parts.
    public init(configuration: TrainingConfiguration, datasetName: String, embedding: Matrix<Float>,
                train: InteractionMatrix, history: [EpochRecord], selectedEpoch: Int? = nil,
                catalog: DatasetCatalog? = nil, dataArguments: [String] = [], splitFingerprint: String? = nil,
                testMetrics: [String: Double]? = nil, configurationFile: String? = nil,
                featureModel: FeatureLightGCN<Float>? = nil) {
        precondition(embedding.rows == train.userCount + train.itemCount, "one embedding row per node")
        precondition(catalog.map { $0.users.count == train.userCount && $0.items.count == train.itemCount } ?? true,
                     "the catalog must have one id per user and per item")
        self.configuration = configuration
        self.datasetName = datasetName
        self.embedding = embedding
        self.train = train
        self.history = history
        self.selectedEpoch = selectedEpoch
        self.catalog = catalog
        self.dataArguments = dataArguments
        self.splitFingerprint = splitFingerprint
        self.testMetrics = testMetrics
        self.configurationFile = configurationFile
        precondition(featureModel.map { $0.userCount == train.userCount && $0.itemCount == train.itemCount
                         && $0.dimension == embedding.columns } ?? true,
                     "the feature model must have the model's users, items and dimension")
        self.featureModel = featureModel
    }

    /// The LightGCN these numbers define.
    public func lightGCN() -> LightGCN<Float> {
        LightGCN(embedding: embedding.copy(), numLayers: configuration.layers, alpha: .uniform)
    }

    /// The item-popularity prior a feature model scores with (nil without one): see
    /// ``FeatureLightGCN/popularityPrior``.
    public var popularityPrior: PopularityPrior<Float>? { featureModel?.popularityPrior }

    /// A recommender scoring by the final embeddings (propagated through the training graph),
    /// `score(u, i) = ⟨out_u, out_i⟩` (their cosine when `configuration.score` is
    /// ``ScoreFunction/cosine``), plus `w · p_i` for a model with a ``popularityPrior``.
    public func recommender() -> EmbeddingRecommender {
        recommender(graph: propagationGraph())
    }

    /// The recommender of ``recommender()`` on the model's training `graph` (already built by
    /// the caller). With a ``popularityPrior`` its tables are `[out_u, w]` and `[out_i, p_i]`,
    /// so that the inner product is the prior-augmented score; ``plainItemEmbeddings(of:)``
    /// gives back `out_i`.
    public func recommender(graph: PropagationGraph<Float>) -> EmbeddingRecommender {
        let plain = configuration.score.scoring(
            lightGCN().recommender(userCount: train.userCount, itemCount: train.itemCount, graph: graph))
        return popularityPrior?.extended(plain) ?? plain
    }

    /// The final item embeddings `out_i` (`I × D`) inside the item table of a ``recommender()``
    /// of this model (which has one more column with a ``popularityPrior``).
    public func plainItemEmbeddings(of recommender: EmbeddingRecommender) -> Matrix<Float> {
        let items = recommender.itemEmbeddings, d = embedding.columns
        guard items.columns != d else { return items }
        precondition(items.columns == d + 1 && items.rows == itemCount, "TrainedModel: not this model's item table")
        let plain = Matrix<Float>(rows: items.rows, columns: d)
        for i in 0..<items.rows { for c in 0..<d { plain[i, c] = items[i, c] } }
        return plain
    }
}
