import Foundation
import RecData
import RecModels
import RecTraining

/// The models of `compare`: every kind of the registry, with its documented defaults (the
/// fitting and the protocols are the library's ``ModelRegistry`` and ``ComparisonRun``).
enum ComparisonModels {
    /// Every model name `compare` knows, in the default order of the table.
    static let names = ModelKind.allCases.map(\.rawValue)

    /// The row of the model called `name`, trained (for the BPR models) with `configuration`
    /// and labelled `label`. `memoryLimitBytes` caps what EASE may allocate (nil: the machine's
    /// available memory).
    static func row(named name: String, label: String, configuration: TrainingConfiguration,
                    memoryLimitBytes: Int? = nil) throws -> ComparisonRow {
        guard let kind = ModelKind(name: name) else {
            throw CommandError("unknown model '\(name)'; known models: \(ModelKind.names)")
        }
        var settings = ModelRegistry.Settings(training: configuration)
        // compare does not refit (it says so); the rows keep the validation-selected model.
        settings.training.refit = false
        settings.ease.memoryLimitBytes = memoryLimitBytes
        return ComparisonRow(kind: kind, settings: settings, label: label)
    }
}
