import Foundation
import RecData
import RecModels
import RecTraining

/// A model `compare` can fit: its kind, its settings in one line, and how to fit it on a
/// training matrix (with a validation evaluator for models trained by epochs). The fitting
/// itself is the library's ``ModelRegistry``.
struct ComparisonModel {
    /// The kind.
    var kind: ModelKind
    /// The name on the command line and in the table.
    var name: String { kind.rawValue }
    /// The settings, one line (part of the key under which results are reused).
    var settings: String
    /// Fits on `train`; `validation` (when the protocol has one) selects the epoch of models
    /// trained by epochs. Returns the fitted model and the selected epoch, if any.
    var fit: (_ train: InteractionMatrix, _ validation: RankingEvaluator?) throws -> (any Recommender, Int?)
}

/// The models of `compare`: every kind of the registry, with its documented defaults.
enum ComparisonModels {
    /// Every model name `compare` knows, in the default order of the table.
    static let names = ModelKind.allCases.map(\.rawValue)

    /// The model called `name`, trained (for the BPR models) with `configuration`.
    /// `memoryLimitBytes` caps what EASE may allocate (nil: the machine's available memory).
    static func model(named name: String, configuration: TrainingConfiguration, memoryLimitBytes: Int? = nil) throws -> ComparisonModel {
        guard let kind = ModelKind(name: name) else {
            throw CommandError("unknown model '\(name)'; known models: \(ModelKind.names)")
        }
        var settings = ModelRegistry.Settings(training: configuration)
        // compare does not refit (it says so); the rows keep the validation-selected model.
        settings.training.refit = false
        settings.ease.memoryLimitBytes = memoryLimitBytes
        return ComparisonModel(kind: kind, settings: ModelRegistry.describe(kind, settings: settings)) { train, validation in
            let fitted = try ModelRegistry.fit(kind, train: train, validation: validation, settings: settings)
            return (fitted.recommender, fitted.selectedEpoch)
        }
    }
}
