import Foundation
import RecData
import RecKernels
import RecModels

/// What a batch worker needs from a saved model: something that ranks items, the items each
/// user already has, the dataset's ids, and the data options that rebuild its split.
///
/// This is the one place where the shard commands (`score-shard`, `evaluate-shard`,
/// `recommend --all`, `export-users`) load a model, of any kind, through the model registry.
public struct ShardModel: Sendable {
    /// Ranks the items for the model's users (dense indices).
    public var recommender: any Recommender
    /// The interactions the model was trained on (for a refitted model: training and
    /// validation); row `u` lists the items user `u` already has.
    public var train: InteractionMatrix
    /// The dataset's external ids of users and items, when the model records them; without
    /// them, users and items are named by their dense 0-based index.
    public var catalog: DatasetCatalog?
    /// The data options the model was trained with, as command-line arguments.
    public var dataArguments: [String]
    /// Whether the model was refitted on training + validation interactions (its ``train``
    /// then holds both).
    public var isRefit: Bool
    /// The interactions the data holds beyond ``train`` (``TrainedModel/knownOutsideTraining``):
    /// left out of recommendations, never used by evaluation.
    public var knownOutsideTraining: InteractionMatrix?

    /// A shard model from its parts.
    public init(recommender: any Recommender, train: InteractionMatrix, catalog: DatasetCatalog?,
                dataArguments: [String] = [], isRefit: Bool = false) {
        precondition(recommender.userCount == train.userCount && recommender.itemCount == train.itemCount,
                     "the recommender and the training interactions must have the same users and items")
        self.recommender = recommender
        self.train = train
        self.catalog = catalog
        self.dataArguments = dataArguments
        self.isRefit = isRefit
    }

    /// The shard view of a trained LightGCN: its final embeddings as the recommender.
    public init(_ trained: TrainedModel) {
        self.init(recommender: trained.recommender(), train: trained.train, catalog: trained.catalog,
                  dataArguments: trained.dataArguments, isRefit: trained.refitHistory != nil)
        knownOutsideTraining = trained.knownOutsideTraining
    }

    /// The shard view of a saved model of any kind.
    public init(_ saved: SavedModel) {
        self.init(recommender: saved.recommender, train: saved.train, catalog: saved.catalog,
                  dataArguments: saved.dataArguments, isRefit: saved.trainedModel?.refitHistory != nil)
        knownOutsideTraining = saved.knownOutsideTraining
    }

    /// Reads the model file at `path`, of any kind (``ModelRegistry/load(from:)``).
    public static func load(from path: String) throws(ModelFileError) -> ShardModel {
        ShardModel(try ModelRegistry.load(from: path))
    }

    /// Each user's training items and ``knownOutsideTraining`` together: what a recommendation
    /// leaves out unless seen items are let back in.
    public var knownItems: IndexRows { train.knownItems(with: knownOutsideTraining) }

    /// Number of users.
    public var userCount: Int { train.userCount }
    /// Number of items.
    public var itemCount: Int { train.itemCount }

    /// The external id of user `index` (its dense index as text when no catalog is recorded).
    public func userID(at index: Int) -> String { catalog?.users.id(at: index) ?? String(index) }
    /// The external id of item `index` (its dense index as text when no catalog is recorded).
    public func itemID(at index: Int) -> String { catalog?.items.id(at: index) ?? String(index) }

    /// The dense index of the user with external id `id`, or nil if the model has no such user.
    public func userIndex(of id: String) -> Int? {
        if let users = catalog?.users { return users.index(of: id) }
        guard let index = Int(id), index >= 0, index < userCount, String(index) == id else { return nil }
        return index
    }
}
