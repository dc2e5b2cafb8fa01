import RecData
import RecModels

/// The JSON header of a model file of format version 4: a model outside the LightGCN family
/// (see ``ModelFile/write(_:to:)-(SavedModel,_)``).
struct StateFileHeader: Codable {
    /// One array of the payload, in the order they follow the training interactions.
    struct ArrayEntry: Codable {
        /// `matrix` (Float32, rows × columns), `floats` (Float32) or `integers` (Int64).
        var type: String
        var name: String
        var rows: Int
        var columns: Int

        var elementCount: Int { rows * columns }
        var byteCount: Int { elementCount * (type == "integers" ? 8 : 4) }
    }

    var formatVersion: Int
    var software: String
    var kind: ModelKind
    var settings: String
    var datasetName: String
    var userCount: Int
    var itemCount: Int
    var interactionCount: Int
    var payloadBytes: Int
    var history: [EpochRecord]
    var selectedEpoch: Int?
    var catalog: DatasetCatalog?
    var dataArguments: [String]
    var splitFingerprint: String?
    var testMetrics: [String: Double]?
    var configurationFile: String?
    var parameters: [String: Double]
    var labels: [String: String]
    var arrays: [ArrayEntry]
    /// Pairs in the ``InteractionSection`` (``SavedModel/knownOutsideTraining``); absent in
    /// older files and when nothing is recorded.
    var knownOutsideTrainingCount: Int?
}
