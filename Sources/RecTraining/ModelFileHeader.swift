import RecData
import RecModels

/// The JSON header of a model file (see ``ModelFile``).
struct ModelFileHeader: Codable {
    var formatVersion: Int
    var software: String
    var datasetName: String
    var configuration: TrainingConfiguration
    var userCount: Int
    var itemCount: Int
    var dimension: Int
    var interactionCount: Int
    var payloadBytes: Int
    var history: [EpochRecord]
    var refitHistory: [EpochRecord]?
    var selectedEpoch: Int?
    var catalog: DatasetCatalog?
    var dataArguments: [String]?
    var splitFingerprint: String?
    var testMetrics: [String: Double]?
    var configurationFile: String?
    /// The model's kind (nil in files written before kinds were recorded: LightGCN).
    var kind: ModelKind?
    /// Version 3: the layout of the feature section.
    var features: ModelFileFeatureHeader?
    /// Pairs in the ``InteractionSection`` (``TrainedModel/knownOutsideTraining``); absent in
    /// older files and when nothing is recorded.
    var knownOutsideTrainingCount: Int?
}
