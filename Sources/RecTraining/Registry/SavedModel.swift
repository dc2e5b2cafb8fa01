import RecData
import RecKernels
import RecModels

/// A fitted model of any kind with what is needed to use it again: its recommender, the
/// training interactions (the items each user already has, and the graph of graph models), the
/// dataset's ids and titles, the options that rebuild its split, and its history and test
/// metrics. What `lightgcn train --output` writes and every other command reads
/// (``ModelRegistry/load(from:)``).
///
/// For the LightGCN family (``ModelKind/isLightGCNFamily``) ``trainedModel`` holds the whole
/// `TrainedModel` (layer-0 table, configuration, side features), which the fold-in of new users,
/// feature requests and embedding export need; for other kinds it is nil and ``state`` holds
/// the fitted arrays.
public struct SavedModel: Sendable {
    /// What kind of model this is.
    public var kind: ModelKind
    /// The fitted model, ranking items for the training users.
    public var recommender: any Recommender
    /// The training interactions (for a refitted model, training and validation).
    public var train: InteractionMatrix
    /// The dataset's name, for display.
    public var datasetName: String
    /// The model's settings in one line (for messages and tables).
    public var settings: String
    /// External ids, titles and attributes of the users and items, when the dataset has them.
    public var catalog: DatasetCatalog?
    /// The data options of the run as command-line arguments, so that the same split can be rebuilt.
    public var dataArguments: [String]
    /// The split's fingerprint, if known.
    public var splitFingerprint: String?
    /// The test metrics measured once after training, if known.
    public var testMetrics: [String: Double]?
    /// The run's effective configuration (TOML), if recorded.
    public var configurationFile: String?
    /// What each epoch did (empty for models fitted in closed form).
    public var history: [EpochRecord]
    /// The epoch selected on validation, for models trained by epochs.
    public var selectedEpoch: Int?
    /// The whole LightGCN-family model, for ``ModelKind/isLightGCNFamily`` kinds.
    public var trainedModel: TrainedModel?
    /// The interactions the data holds beyond ``train`` (see ``TrainedModel/knownOutsideTraining``).
    public var knownOutsideTraining: InteractionMatrix?

    /// Number of users.
    public var userCount: Int { train.userCount }
    /// Number of items.
    public var itemCount: Int { train.itemCount }

    /// A LightGCN-family model (``ModelKind/lightgcn``, or ``ModelKind/mf`` when it has no layer);
    /// its recommender propagates the layer-0 table through the training graph once.
    ///
    /// - Parameter kind: the kind recorded for it; nil: MF when it has no layer and no features,
    ///   else LightGCN.
    ///   - recommender: its recommender when the caller has already propagated the table (nil:
    ///     computed here).
    public init(trainedModel model: TrainedModel, kind: ModelKind? = nil, recommender: EmbeddingRecommender? = nil) {
        precondition(kind?.isLightGCNFamily ?? true, "SavedModel: a TrainedModel is a LightGCN-family model")
        self.kind = kind ?? model.kind
        self.recommender = recommender ?? model.recommender()
        train = model.train
        datasetName = model.datasetName
        settings = ModelRegistry.describe(model.configuration)
        catalog = model.catalog
        dataArguments = model.dataArguments
        splitFingerprint = model.splitFingerprint
        testMetrics = model.testMetrics
        configurationFile = model.configurationFile
        history = model.history
        selectedEpoch = model.selectedEpoch
        knownOutsideTraining = model.knownOutsideTraining
        trainedModel = model
    }

    /// A model of another kind, from its fitted recommender.
    public init(recommender: any PersistentRecommender, train: InteractionMatrix, datasetName: String, settings: String,
                catalog: DatasetCatalog? = nil, dataArguments: [String] = [], splitFingerprint: String? = nil,
                testMetrics: [String: Double]? = nil, configurationFile: String? = nil,
                history: [EpochRecord] = [], selectedEpoch: Int? = nil) {
        precondition(recommender.userCount == train.userCount && recommender.itemCount == train.itemCount,
                     "SavedModel: the recommender and the training interactions differ in size")
        kind = type(of: recommender).kind
        self.recommender = recommender
        self.train = train
        self.datasetName = datasetName
        self.settings = settings
        self.catalog = catalog
        self.dataArguments = dataArguments
        self.splitFingerprint = splitFingerprint
        self.testMetrics = testMetrics
        self.configurationFile = configurationFile
        self.history = history
        self.selectedEpoch = selectedEpoch
        trainedModel = nil
    }

    /// Each user's training items and ``knownOutsideTraining`` together: what a recommendation
    /// leaves out unless the rules let seen items back in.
    public var knownItems: IndexRows { train.knownItems(with: knownOutsideTraining) }

    /// The fitted arrays of a model outside the LightGCN family (nil for the LightGCN family).
    public var state: ModelState? { (recommender as? any PersistentRecommender)?.state }
}
