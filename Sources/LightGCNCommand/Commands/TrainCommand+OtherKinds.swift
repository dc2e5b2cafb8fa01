import Foundation
import RecData
import RecModels
import RecTraining

extension TrainCommand {
    /// `train --model KIND` for a kind outside the LightGCN family: the library's
    /// ``KindTraining`` fits it on the same split and protocol, then the model is saved with its
    /// kind, so that `evaluate`, `recommend` and `serve` use it like a LightGCN model.
    func runOtherKind(_ configuration: TrainingConfiguration) throws {
        if features.isEnabled {
            throw CommandError("side features are a LightGCN model's; --model \(modelKind.rawValue) takes none")
        }
        if let output { try RunFiles.checkWritable(output, option: "--output") }
        if report != nil { console.note("note: --report is written for LightGCN and MF models") }
        let loaded = try loadData()
        let dataset = loaded.dataset
        try checkCutoffs(configuration.ks, itemCount: dataset.itemCount)
        var settings = ModelRegistry.Settings(training: configuration)
        settings.training.refit = false
        let progress = console.progress()
        progress.update("\(modelKind.displayName): fitting (\(ModelRegistry.describe(modelKind, settings: settings)))…")
        var outcome = try KindTraining.run(modelKind, dataset: dataset, settings: settings, ks: configuration.ks)
        progress.finish(String(format: "%@: fitted in %.1f s", modelKind.displayName, outcome.fitSeconds))
        outcome.model.dataArguments = dataOptions.arguments
        outcome.model.knownOutsideTraining = loaded.knownOutside(outcome.model.train)
        var files: [String: String] = [:]
        if let output {
            try ModelRegistry.save(outcome.model, to: output)
            files["model"] = output
            console.note("model saved to \(output)")
        }
        let summary = OtherKindSummary(kind: modelKind.rawValue, settings: outcome.model.settings, fitSeconds: outcome.fitSeconds,
                                       selectedEpoch: outcome.model.selectedEpoch, evaluatedUsers: outcome.test?.userCount ?? 0,
                                       metrics: outcome.test?.metrics ?? [:], peakRSSMegabytes: peakResidentMegabytes(),
                                       model: output, files: files)
        if try console.emitJSON(summary) { return }
        if let test = outcome.test {
            console.result(formatMetrics(test.metrics, ks: configuration.ks, names: ["Recall", "NDCG", "Precision", "HitRate", "MRR", "MAP"]))
        }
    }
}

/// The JSON document `train --model KIND --json` prints for a kind outside the LightGCN family.
struct OtherKindSummary: Encodable {
    var kind: String
    var settings: String
    var fitSeconds: Double
    var selectedEpoch: Int?
    var evaluatedUsers: Int
    var metrics: [String: Double]
    var peakRSSMegabytes: Double
    var model: String?
    var files: [String: String]
}
