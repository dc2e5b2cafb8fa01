import Foundation
import RecData
import RecKernels
import RecModels
import RecTraining

/// A saved model of any kind prepared for answering requests: its ``Recommender`` (the same
/// scoring path as `lightgcn evaluate` and `lightgcn recommend`), the training items of every
/// user, the dataset's ids and titles, and what the model offers beyond known users:
/// - the LightGCN family: the propagation fold-in of new users (by items, and by features for a
///   model trained with user features) and cosine/inner item-to-item similarity;
/// - other embedding models (LR-GCCF, iALS): item-to-item similarity on their item vectors;
/// - EASE, ItemKNN, GF-CF, iALS, popularity: new users and item-to-item similarity by scoring
///   a set of items (``ItemHistoryScorer``).
///
/// Immutable and shared by every request; a reload builds a new one (see ``ModelStore``).
public final class ServingModel: Sendable {
    /// What kind of model this is.
    public let kind: ModelKind
    /// Number of users.
    public let userCount: Int
    /// Number of items.
    public let itemCount: Int
    /// The embedding dimension of embedding models (nil for the others).
    public let dimension: Int?
    /// The dataset's name.
    public let datasetName: String
    /// The model's settings, one line.
    public let settings: String
    /// Where the model was loaded from (a path, or a description).
    public let source: String
    /// When this model was built.
    public let loadedAt: Date
    /// Seconds it took to read and prepare the model.
    public let loadSeconds: Double
    /// The fitted model: every known-user request is scored by its `recommend`.
    public let recommender: any Recommender
    /// The training items of each user (what the model was fitted on; a live profile's new items
    /// are those outside it).
    public let seenItems: IndexRows
    /// The items each user already has: training items, and the held-out items and known
    /// negatives the model file records (``SavedModel/knownItems``). Excluded from
    /// recommendations unless a request says not to.
    public let knownItems: IndexRows
    /// The dataset's user and item ids, titles and attributes, when the model records them;
    /// without one, users and items are named by their dense indices (`"0"`, `"1"`, …).
    public let catalog: DatasetCatalog?
    /// For the LightGCN family: the propagation fold-in over the training graph, for users who
    /// were not in training.
    public let foldIn: FoldInRecommender?
    /// For a model trained with user features: its user feature schema and its cold-start
    /// recommender, so that `POST /recommend` can describe a new user by features (nil otherwise).
    public let userFeatures: (schema: FeatureSchema, coldStart: ColdStartRecommender)?
    /// The training configuration of a LightGCN-family model (nil for other kinds), so that a
    /// retrain (``ModelRetrainer``) fits the same model again.
    public let trainingConfiguration: TrainingConfiguration?
    /// Whether the model was trained with side features (a retrain from events alone cannot).
    public let usesFeatures: Bool
    /// The LightGCN-family model with its embedding table and training pairs (nil for other
    /// kinds); the living recommender's incremental update starts from it.
    public let trainedModel: TrainedModel?
    /// Scores folded-in user vectors against the items (LightGCN family). With a popularity
    /// prior its items are `[out_i, p_i]` and a query `out_*` is scored as `[out_*, w]`
    /// (``queryPriorWeight``).
    let itemScorer: EmbeddingRecommender?
    /// The weight `w` of a feature model's popularity prior, appended to every new user's final
    /// embedding before it is scored by ``itemScorer`` (nil without a prior).
    let queryPriorWeight: Float?
    /// Item vectors scored against each other (embedding models): inner product and cosine.
    let similarity: (inner: EmbeddingRecommender, cosine: EmbeddingRecommender)?
    /// Scores a set of items (models that are not the LightGCN family).
    let historyScorer: (any ItemHistoryScorer)?

    /// Prepares `model` for serving. A LightGCN-family model should come from
    /// ``init(model:kind:source:loadSeconds:)-(TrainedModel,_,_,_)`` so that its training graph is built once.
    public init(model: SavedModel, source: String, loadSeconds: Double = 0) {
        let start = DispatchTime.now().uptimeNanoseconds
        let itemVectors: Matrix<Float>?
        if let trained = model.trainedModel {
            let graph = PropagationGraph<Float>(userCount: trained.userCount, itemCount: trained.itemCount,
                                                itemsOfUser: trained.train.itemsOfUser)
            let embeddings = model.recommender as? EmbeddingRecommender ?? trained.recommender(graph: graph)
            recommender = embeddings
            itemScorer = embeddings
            queryPriorWeight = trained.popularityPrior?.currentWeight
            itemVectors = trained.plainItemEmbeddings(of: embeddings)
            foldIn = FoldInRecommender(model: trained.lightGCN(), graph: graph, userCount: trained.userCount,
                                       itemCount: trained.itemCount, score: trained.configuration.score)
            // The training graph built above serves the feature fold-in too (no second build).
            userFeatures = trained.featureModel.flatMap { features in
                features.userEncoder.map { ($0.schema, ColdStartRecommender(model: features, graph: graph)) }
            }
            historyScorer = nil
        } else {
            recommender = model.recommender
            itemScorer = nil
            queryPriorWeight = nil
            itemVectors = (model.recommender as? any ItemEmbeddings)?.itemEmbeddings
            foldIn = nil
            userFeatures = nil
            historyScorer = model.recommender as? any ItemHistoryScorer
        }
        if let items = itemVectors {
            let noUsers = Matrix<Float>(rows: 0, columns: items.columns)
            // An embedding recommender already holds the packed item table for inner products
            // (unless its items carry a popularity prior's column).
            let inner = (recommender as? EmbeddingRecommender).flatMap { $0.itemEmbeddings === items ? $0 : nil }
                ?? EmbeddingRecommender(userEmbeddings: noUsers, itemEmbeddings: items)
            similarity = (inner, EmbeddingRecommender(userEmbeddings: noUsers, itemEmbeddings: items.rowNormalized()))
            dimension = items.columns
        } else {
            similarity = nil
            dimension = nil
        }
        kind = model.kind
        trainingConfiguration = model.trainedModel?.configuration
        usesFeatures = model.trainedModel?.featureModel != nil
        trainedModel = model.trainedModel
        userCount = model.userCount
        itemCount = model.itemCount
        datasetName = model.datasetName
        settings = model.settings
        catalog = model.catalog
        seenItems = model.train.itemsOfUser
        knownItems = model.knownItems
        self.source = source
        loadedAt = Date()
        self.loadSeconds = loadSeconds + Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Prepares a LightGCN-family model: the training graph is built once, for the final
    /// embeddings (as `TrainedModel.recommender()` computes them, so scores equal `lightgcn
    /// recommend`'s) and for the fold-in.
    public convenience init(model trainedModel: TrainedModel, kind: ModelKind? = nil, source: String, loadSeconds: Double = 0) {
        let start = DispatchTime.now().uptimeNanoseconds
        let graph = PropagationGraph<Float>(userCount: trainedModel.userCount, itemCount: trainedModel.itemCount,
                                            itemsOfUser: trainedModel.train.itemsOfUser)
        let embeddings = trainedModel.recommender(graph: graph)
        let saved = SavedModel(trainedModel: trainedModel, kind: kind ?? trainedModel.kind, recommender: embeddings)
        self.init(model: saved, source: source,
                  loadSeconds: loadSeconds + Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// Reads a model file of any kind and prepares it.
    public static func load(path: String) throws(ModelFileError) -> ServingModel {
        let start = DispatchTime.now().uptimeNanoseconds
        let seconds = { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        if try ModelFile.isLightGCNFamily(path) {
            let trained = try ModelFile.read(from: path)
            return ServingModel(model: trained, source: path, loadSeconds: seconds())
        }
        let model = try ModelRegistry.load(from: path)
        return ServingModel(model: model, source: path, loadSeconds: seconds())
    }

    /// The final user embeddings of a LightGCN-family model (nil for other kinds); with a
    /// popularity prior each row is `[out_u, w]`.
    public var userEmbeddings: Matrix<Float>? { itemScorer?.userEmbeddings }

    /// The item vectors of an embedding model (nil for other kinds).
    public var itemEmbeddings: Matrix<Float>? { similarity?.inner.itemEmbeddings }

    /// Whether `POST /recommend` can use a new user's features: the model was trained with user
    /// features (``userFeatures``).
    public var acceptsFeatures: Bool { userFeatures != nil }

    /// Whether `POST /recommend` can rank for a new user given by items.
    public var acceptsNewUsers: Bool { foldIn != nil || historyScorer != nil }
}
