import Foundation
import RecData
import RecKernels
import RecModels
import RecTraining

/// A trained model prepared for answering requests: final embeddings computed once, item
/// tables packed for the scoring kernel, item norms precomputed for cosine similarity, the
/// precomputed layers of the propagation fold-in for new users, and the dataset's ids and
/// titles.
///
/// Immutable and shared by every request; a reload builds a new one (see ``ModelStore``).
/// Scoring one user is `I × D` multiply-adds (``InnerProductScorer``) and a top-k selection
/// (``TopKSelector``).
///
/// Memory: besides the layer-0 table, the final embeddings, two packed copies of the items
/// (inner product and cosine) and the fold-in's `L` layers of every node (`(L+1) · N · D`
/// floats): about 170 MB for a Gowalla-sized model (N = 70,839, D = 64, L = 3).
public final class ServingModel: Sendable {
    /// Number of users.
    public let userCount: Int
    /// Number of items.
    public let itemCount: Int
    /// Embedding dimension.
    public let dimension: Int
    /// The dataset's name.
    public let datasetName: String
    /// Where the model was loaded from (a path, or a description).
    public let source: String
    /// When this model was built.
    public let loadedAt: Date
    /// Seconds it took to read and prepare the model.
    public let loadSeconds: Double
    /// Final user embeddings, `U × D`.
    public let userEmbeddings: Matrix<Float>
    /// Final item embeddings, `I × D`.
    public let itemEmbeddings: Matrix<Float>
    /// The training items of each user (excluded from recommendations on request).
    public let seenItems: IndexRows
    /// The dataset's user and item ids and item titles, when the model records them; without
    /// one, users and items are named by their dense indices (`"0"`, `"1"`, …).
    public let catalog: DatasetCatalog?
    /// The propagation fold-in over the training graph, for users who were not in training.
    public let foldIn: FoldInRecommender
    /// For a model trained with user features: its user feature schema and its cold-start
    /// recommender, so that `POST /recommend` can describe a new user by features (nil otherwise).
    public let userFeatures: (schema: FeatureSchema, coldStart: ColdStartRecommender)?
    let itemScorer: InnerProductScorer<Float>
    let normalizedItems: Matrix<Float>
    let cosineScorer: InnerProductScorer<Float>

    /// Prepares `model` for serving: builds the training graph once, propagates for the final
    /// embeddings (as `TrainedModel.recommender()` does, so scores equal `lightgcn recommend`'s)
    /// and for the fold-in's layers.
    public init(model: TrainedModel, source: String, loadSeconds: Double = 0) {
        let start = DispatchTime.now().uptimeNanoseconds
        let graph = PropagationGraph<Float>(userCount: model.userCount, itemCount: model.itemCount,
                                            itemsOfUser: model.train.itemsOfUser)
        let lightGCN = model.lightGCN()
        let recommender = lightGCN.recommender(userCount: model.userCount, itemCount: model.itemCount, graph: graph)
        userEmbeddings = recommender.userEmbeddings
        itemEmbeddings = recommender.itemEmbeddings
        foldIn = FoldInRecommender(model: lightGCN, graph: graph, userCount: model.userCount, itemCount: model.itemCount)
        // The training graph built above serves the feature fold-in too (no second build).
        userFeatures = model.featureModel.flatMap { features in
            features.userEncoder.map { ($0.schema, ColdStartRecommender(model: features, graph: graph)) }
        }
        userCount = model.userCount
        itemCount = model.itemCount
        dimension = itemEmbeddings.columns
        datasetName = model.datasetName
        catalog = model.catalog
        self.source = source
        seenItems = model.train.itemsOfUser
        itemScorer = InnerProductScorer(candidates: itemEmbeddings)
        normalizedItems = Self.rowNormalized(itemEmbeddings)
        cosineScorer = InnerProductScorer(candidates: normalizedItems)
        loadedAt = Date()
        self.loadSeconds = loadSeconds + Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Reads a model file and prepares it.
    public static func load(path: String) throws(ModelFileError) -> ServingModel {
        let start = DispatchTime.now().uptimeNanoseconds
        let model = try ModelFile.read(from: path)
        return ServingModel(model: model, source: path,
                            loadSeconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// Whether `POST /recommend` can use a new user's features: the model was trained with user
    /// features (``userFeatures``).
    public var acceptsFeatures: Bool { userFeatures != nil }

    /// A copy of `m` with every row scaled to unit length (zero rows stay zero).
    static func rowNormalized(_ m: Matrix<Float>) -> Matrix<Float> {
        let normalized = m.copy()
        for i in 0..<m.rows {
            let row = normalized.row(i)
            var norm: Float = 0
            for c in 0..<m.columns { norm += row[c] * row[c] }
            let scale: Float = norm > 0 ? 1 / norm.squareRoot() : 0
            for c in 0..<m.columns { row[c] *= scale }
        }
        return normalized
    }
}
