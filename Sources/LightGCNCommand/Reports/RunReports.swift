import Foundation
import RecReports
import RecTraining

/// The report pages of the commands: a trained model's (`train --report`, `lightgcn report`),
/// models compared on one split (`evaluate --report`, and `compare --report`), and yearly
/// forward chaining (`evaluate --protocol forward-chaining --report`).
enum RunReports {
    /// The training report of `model`: its loss and metric curves with the selected epoch
    /// marked, its test metrics, the run's facts (dataset, split fingerprint, seeds, software
    /// version) and its configuration file.
    ///
    /// Metric names follow the history's keys, made explicit for readers: under the published
    /// protocol the plain keys are the test set watched during training, shown as "test …";
    /// the final test metrics are shown as "test …" too.
    static func training(_ model: TrainedModel, modelPath: String?, configurationFile: String? = nil) -> TrainingReport {
        let hasValidation = model.history.contains { $0.metrics.keys.contains { $0.hasPrefix("validation/") } }
        var history = model.history
        if !hasValidation {
            for index in history.indices { history[index].metrics = testLabelled(history[index].metrics) }
        }
        let file = configurationFile ?? model.configurationFile
        var report = TrainingReport(
            title: "LightGCN on \(model.datasetName)", configuration: model.configuration, history: history,
            selectedEpoch: model.selectedEpoch, finalMetrics: model.testMetrics.map(testLabelled),
            metadata: facts(of: model, modelPath: modelPath, configurationFile: file, hasValidation: hasValidation))
        report.configurationFile = file
        if let modelPath { report.configurationFileName = RunFiles.configuration(of: modelPath) }
        return report
    }

    /// `metrics` with plain keys ("Recall@20") renamed "test/Recall@20".
    static func testLabelled(_ metrics: [String: Double]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: metrics.map { ($0.key.contains("/") ? $0.key : "test/" + $0.key, $0.value) })
    }

    /// The "Run" card of a training report.
    static func facts(of model: TrainedModel, modelPath: String?, configurationFile: String?,
                      hasValidation: Bool) -> [(key: String, value: String)] {
        let file = configurationFile.flatMap { try? ConfigFile(text: $0, path: "configuration") }
        let recorded = file?.recorded ?? [:]
        let sampleSize = file?.settings.first { $0.key == "train-metrics-users" }?.value.argument.flatMap { Int($0) }
        let splitSeed = (try? DataOptions.parse(model.dataArguments))?.splitSeed ?? 42
        var rows: [(key: String, value: String)] = [
            ("Dataset", "\(model.datasetName): \(grouped(model.userCount)) users, \(grouped(model.itemCount)) items, "
                + "\(grouped(model.train.interactionCount)) training interactions"),
            ("Protocol", !hasValidation
                ? "published practice: no validation split, the test set is watched and the last epoch kept"
                : model.refitHistory.map {
                    "a validation split selects the epoch; a fresh model is then trained \($0.count) epochs on the training and "
                        + "validation interactions together (\(formatDuration($0.trainingSeconds))), and the test set is evaluated once, on it"
                } ?? "a validation split selects the epoch; the test set is evaluated once, on it"),
            ("Split fingerprint", model.splitFingerprint ?? "not recorded"),
            ("Seeds", "training \(model.configuration.seed), split \(splitSeed)"),
            ("Software", recorded["software"].flatMap(\.argument).map { "lightgcn \($0)" }
                ?? "not recorded (report by lightgcn \(softwareVersion))"),
        ]
        if model.history.contains(where: { $0.metrics.keys.contains { $0.hasPrefix("train/") } }) {
            rows.append(("Train metrics", "a fixed sample of \(sampleSize.map { grouped($0) + " " } ?? "")users ranks all items "
                         + "(nothing excluded) against their own training items"))
        }
        if let modelPath { rows.append(("Model file", modelPath)) }
        return rows
    }
}
