import Foundation
import RecData
import RecModels
import RecTraining

/// A model `compare` fits: its kind and its settings (the fitting and the protocols are the
/// library's ``ModelRegistry`` and ``ComparisonRun``).
struct ComparisonModel {
    /// The kind.
    var kind: ModelKind
    /// The name on the command line and in the table.
    var name: String { kind.rawValue }
    /// What the registry fits it with.
    var registrySettings: ModelRegistry.Settings
    /// The settings, one line (part of the key under which results are reused).
    var settings: String { ModelRegistry.describe(kind, settings: registrySettings) }
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
        return ComparisonModel(kind: kind, registrySettings: settings)
    }
}
