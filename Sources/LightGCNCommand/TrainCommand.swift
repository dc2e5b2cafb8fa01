import ArgumentParser
import Foundation
import RecData
import RecTraining

/// `lightgcn train`: BPR training on a dataset in the LightGCN paper format.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train LightGCN with BPR on a dataset, select the epoch on validation, evaluate on test.",
        discussion: """
            --data is a dataset name or a path: a directory with train.txt and test.txt (the \
            LightGCN paper format, 'user item item …' per line, 0-based ids), LightGCN-PyTorch's \
            LastFM, MovieLens 100K or 1M, HetRec Last.fm, or a CSV/TSV file with a header. The \
            graph is built from training interactions only.

            Model selection: a validation split (carved from a published training split, or \
            made by --split) chooses the epoch by --selection-metric, with --patience; that \
            epoch's embeddings are restored and the test set is evaluated once, on it. \
            --paper-protocol instead follows the published practice (no validation, the test \
            set is watched, the last epoch is kept) and says so.

            Defaults are the LightGCN authors' settings (3 layers, dim 64, batch 2048, lr 0.001, \
            λ 1e-4, N(0, 0.1) init, user-uniform sampling).

            Exit codes: 0 success; 1 a runtime error (bad data file, unwritable model); 64 a \
            usage error.
            """)

    @OptionGroup(title: "Data") var dataOptions: DataOptions
    @OptionGroup(title: "Training") var training: TrainingOptions
    @Option(help: "Where to save the trained model.") var output: String?
    @Flag(help: "End with one JSON line on standard output (progress stays on standard error).") var json = false
    @Flag(help: "No progress output.") var quiet = false

    func run() throws {
        let configuration = try training.configuration()
        let loaded = try dataOptions.load()
        let dataset = loaded.dataset
        try checkCutoffs(configuration.ks, itemCount: dataset.itemCount)
        if !quiet {
            printError("\(dataset.summary)")
            for note in loaded.notes { printError("  \(note)") }
        }
        let outcome = try TrainingRun(dataset: dataset, configuration: configuration, quiet: quiet).run()
        let trainer = outcome.trainer, report = outcome.test
        if let output {
            var model = trainer.trainedModel(datasetName: dataset.name)
            model.selectedEpoch = outcome.fit.selectedEpoch
            model.catalog = dataset.catalog
            model.dataArguments = dataOptions.arguments
            model.splitFingerprint = dataset.splitFingerprint
            try ModelFile.write(model, to: output)
            if !quiet { printError("model saved to \(output)") }
        }
        let history = trainer.history
        if !quiet {
            let total = max(trainer.timings.total, 1e-9)
            printError("time by phase: " + trainer.timings.phases.map {
                String(format: "%@ %.1fs (%.0f%%)", $0.name, $0.seconds, 100 * $0.seconds / total)
            }.joined(separator: ", "))
        }
        let trainingSeconds = history.map(\.seconds).reduce(0, +)
        let evaluationSeconds = history.map(\.evaluationSeconds).reduce(0, +)
        if json {
            try printJSON(TrainSummary(
                epochs: history.count, secondsPerEpoch: history.isEmpty ? 0 : trainingSeconds / Double(history.count),
                trainingSeconds: trainingSeconds, evaluationSeconds: evaluationSeconds,
                evaluatedUsers: report?.userCount ?? 0, selectedEpoch: outcome.fit.selectedEpoch,
                validationMetrics: outcome.fit.validationMetrics, metrics: report?.metrics ?? [:],
                peakRSSMegabytes: peakResidentMegabytes(), model: output,
                phaseSeconds: Dictionary(uniqueKeysWithValues: trainer.timings.phases.map { ($0.name, $0.seconds) })))
        } else if let report {
            print(formatMetrics(report.metrics, ks: configuration.ks, names: ["Recall", "NDCG", "Precision", "HitRate", "MRR", "MAP"]))
        }
    }
}

/// The JSON line `train --json` ends with.
struct TrainSummary: Encodable {
    var epochs: Int
    var secondsPerEpoch: Double
    var trainingSeconds: Double
    var evaluationSeconds: Double
    var evaluatedUsers: Int
    /// The epoch whose model is kept (best on validation, or the last).
    var selectedEpoch: Int
    /// Validation metrics of the selected epoch (empty without a validation split).
    var validationMetrics: [String: Double]
    /// Test metrics of the kept epoch.
    var metrics: [String: Double]
    var peakRSSMegabytes: Double
    var model: String?
    /// Training seconds by phase (sampling, forward, loss, backward, regularization, optimizer).
    var phaseSeconds: [String: Double]
}

/// Rejects cut-offs larger than the catalogue (a runtime error: it depends on the data).
func checkCutoffs(_ ks: [Int], itemCount: Int) throws {
    if let k = ks.last, k > itemCount {
        throw CommandError("--k \(k) exceeds the number of items (\(itemCount)); choose a smaller cut-off")
    }
}
