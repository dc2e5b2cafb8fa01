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

            Files: --output M writes the model M and, beside it, M.history.json and \
            M.history.csv (loss terms, seconds and every metric per epoch, the selected epoch) and \
            M.config.toml, the effective configuration: 'lightgcn train --config M.config.toml' \
            repeats the run. --report FILE writes the HTML report (curves, selected epoch, \
            configuration); 'lightgcn report M' writes it later.

            Exit codes: 0 success; 1 a runtime error (bad data file, unwritable model); 64 a \
            usage error (unknown option, invalid value, a --config file that cannot be used).
            """)

    @OptionGroup(title: "Data") var dataOptions: DataOptions
    @OptionGroup(title: "Training") var training: TrainingOptions
    @OptionGroup(title: "Training") var trainMetrics: TrainMetricsOptions
    @Option(help: "Where to save the trained model (its history and configuration are written beside it).")
    var output: String?
    @Option(help: ArgumentHelp("Write the training report, one self-contained HTML page, to this file.", valueName: "file.html"))
    var report: String?
    @OptionGroup var configFile: ConfigFileOption
    @OptionGroup(title: "Output") var console: ConsoleOptions

    func run() throws {
        let configuration = try training.configuration()
        if let output { try RunFiles.checkWritable(output, option: "--output") }
        if let report { try RunFiles.checkWritable(report, option: "--report") }
        let loaded = try loadData()
        let dataset = loaded.dataset
        try checkCutoffs(configuration.ks, itemCount: dataset.itemCount)
        let runConfiguration = RunConfiguration(
            command: "train",
            tables: [("data", dataOptions.configurationEntries()),
                     ("training", training.configurationEntries(effective: configuration) + trainMetrics.configurationEntries)],
            recorded: [("software", .string(softwareVersion)), ("dataset", .string(dataset.name)),
                       ("split-fingerprint", .string(dataset.splitFingerprint))])
        console.detail("effective configuration:\n" + runConfiguration.text)
        let outcome = try TrainingRun(dataset: dataset, configuration: configuration,
                                      trainMetricsUsers: trainMetrics.sampleSize, console: console).run()
        let trainer = outcome.trainer, test = outcome.test
        var model = trainer.trainedModel(datasetName: dataset.name)
        model.selectedEpoch = outcome.fit.selectedEpoch
        model.catalog = dataset.catalog
        model.dataArguments = dataOptions.arguments
        model.splitFingerprint = dataset.splitFingerprint
        model.testMetrics = test?.metrics
        model.configurationFile = runConfiguration.text
        var files: [String: String] = [:]
        if let output {
            files = try RunFiles.write(model, to: output)
            console.note("model saved to \(output) (history: \(RunFiles.historyJSON(of: output)), .csv; configuration: \(RunFiles.configuration(of: output)))")
        }
        if let report {
            try RunReports.training(model, modelPath: output).write(to: report)
            files["report"] = report
            console.note("report written to \(report)")
        }
        let total = max(trainer.timings.total, 1e-9)
        console.detail("time by phase: " + trainer.timings.phases.map {
            String(format: "%@ %.1fs (%.0f%%)", $0.name, $0.seconds, 100 * $0.seconds / total)
        }.joined(separator: ", "))
        let history = trainer.history
        let trainingSeconds = history.map(\.seconds).reduce(0, +)
        let summary = TrainSummary(
            epochs: history.count, secondsPerEpoch: history.isEmpty ? 0 : trainingSeconds / Double(history.count),
            trainingSeconds: trainingSeconds, evaluationSeconds: history.map(\.evaluationSeconds).reduce(0, +),
            evaluatedUsers: test?.userCount ?? 0, selectedEpoch: outcome.fit.selectedEpoch,
            validationMetrics: outcome.fit.validationMetrics, metrics: test?.metrics ?? [:],
            peakRSSMegabytes: peakResidentMegabytes(), model: output, files: files,
            phaseSeconds: Dictionary(uniqueKeysWithValues: trainer.timings.phases.map { ($0.name, $0.seconds) }))
        if try console.emitJSON(summary) { return }
        if let test {
            console.result(formatMetrics(test.metrics, ks: configuration.ks, names: ["Recall", "NDCG", "Precision", "HitRate", "MRR", "MAP"]))
        }
    }

    /// Loads the data with a progress line, and says when the split differs from the one the
    /// configuration file recorded.
    func loadData() throws -> DataOptions.Loaded {
        let loaded = try dataOptions.loadShowingProgress(console: console)
        if case .string(let recorded)? = configFile.recorded()["split-fingerprint"], recorded != loaded.dataset.splitFingerprint {
            console.note("warning: the data's split fingerprint \(loaded.dataset.splitFingerprint) differs from the one "
                         + "\(configFile.path ?? "the configuration") recorded (\(recorded)): the data or its options changed, "
                         + "so the run will not repeat the recorded one")
        }
        return loaded
    }
}

/// The JSON document `train --json` prints.
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
    /// Files written, by kind: model, historyJSON, historyCSV, configuration, report.
    var files: [String: String]
    /// Training seconds by phase (sampling, forward, loss, backward, regularization, optimizer).
    var phaseSeconds: [String: Double]
}

/// Rejects cut-offs larger than the catalogue (a runtime error: it depends on the data).
func checkCutoffs(_ ks: [Int], itemCount: Int) throws {
    if let k = ks.last, k > itemCount {
        throw CommandError("--k \(k) exceeds the number of items (\(itemCount)); choose a smaller cut-off")
    }
}
