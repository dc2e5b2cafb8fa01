import ArgumentParser
import Foundation
import RecData
import RecModels
import RecTraining

/// `lightgcn train`: BPR training on a dataset in the LightGCN paper format.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train LightGCN (or any model kind, --model) on a dataset, select the epoch on validation, evaluate on test.",
        discussion: """
            --model chooses the kind: lightgcn (default), mf (BPR matrix factorisation: LightGCN \
            with no layer), lrgccf, ials, ease, itemknn, gfcf or popularity. Every kind is fitted \
            on the same training split and evaluated once on the test set, and the model file \
            records its kind, so that evaluate, recommend, serve and compare use it alike. The \
            training options apply to the BPR models (lightgcn, mf, lrgccf; LR-GCCF refuses hard \
            negatives, a learning-rate schedule, spectral initialisation and a refit, which its \
            trainer does not have); the closed-form models use their documented defaults.


            --data is a dataset name or a path: a directory with train.txt and test.txt (the \
            LightGCN paper format, 'user item item …' per line, 0-based ids), LightGCN-PyTorch's \
            LastFM, MovieLens 100K or 1M, HetRec Last.fm, or a CSV/TSV file with a header. The \
            graph is built from training interactions only.

            Model selection: a validation split (carved from a published training split, or \
            made by --split) chooses the epoch by --selection-metric, with --patience; that \
            epoch's embeddings are restored and the test set is evaluated once, on it. \
            --paper-protocol instead follows the published practice (no validation, the test \
            set is watched, the last epoch is kept) and says so.

            Side features (--features, --user-features FILE, --item-features FILE): a \
            feature-aware LightGCN whose layer 0 is each node's ID embedding (off with \
            --no-id-embeddings, --no-user-ids, --no-item-ids) plus a learned projection of its \
            features (an embedding per category, the mean over a set such as genres or tags, \
            numbers standardised on the training rows); the same protocol, metrics and files. \
            How many ids have no feature row is printed. The model file keeps the features' \
            schema and tables, so 'lightgcn recommend --user-features k=v,…' can describe a new \
            user by features.

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

    @Option(name: .customLong("model"), help: ArgumentHelp(
        "The kind of model: \(ModelKind.names). LightGCN and MF train with BPR and the training options; the others are fitted with their documented defaults.",
        valueName: "kind"))
    var modelKind: ModelKind = .lightgcn
    @OptionGroup(title: "Data") var dataOptions: DataOptions
    @OptionGroup(title: "Training") var training: TrainingOptions
    @OptionGroup(title: "Training") var trainMetrics: TrainMetricsOptions
    @OptionGroup(title: "Features") var features: FeatureOptions
    @Option(help: ArgumentHelp(
        "Continue a saved feature model with new feature columns: the columns of --user-features/--item-features that "
            + "the model lacks get projections initialised to zero, and --epochs more epochs train from the saved tables.",
        valueName: "model.lgcn"))
    var resume: String?
    @Option(help: "Where to save the trained model (its history and configuration are written beside it).")
    var output: String?
    @Option(help: ArgumentHelp("Write the training report, one self-contained HTML page, to this file.", valueName: "file.html"))
    var report: String?
    @OptionGroup var configFile: ConfigFileOption
    @OptionGroup(title: "Output") var console: ConsoleOptions

    func run() throws {
        var configuration = try training.configuration()
        if !modelKind.isLightGCNFamily { return try runOtherKind(configuration) }
        if modelKind == .mf { configuration = ModelRegistry.mfConfiguration(configuration) }
        if let output { try RunFiles.checkWritable(output, option: "--output") }
        if let report { try RunFiles.checkWritable(report, option: "--report") }
        let loaded = try loadData()
        let dataset = loaded.dataset
        try checkCutoffs(configuration.ks, itemCount: dataset.itemCount)
        let loadedFeatures = try loadFeatures(dataset: dataset, configuration: configuration)
        let resumed = try resume.map {
            try resumedModel(from: $0, dataset: dataset, features: loadedFeatures, configuration: configuration)
        }
        let runConfiguration = RunConfiguration(
            command: "train",
            tables: [("data", dataOptions.configurationEntries()),
                     ("training", training.configurationEntries(effective: configuration) + trainMetrics.configurationEntries),
                     ("features", features.configurationEntries + [resume.map {
                         .set("resume", .string(DataOptions.absolutePath($0)))
                     } ?? .unset("resume", "not set (a fresh model)")])],
            recorded: [("software", .string(softwareVersion)), ("dataset", .string(dataset.name)),
                       ("split-fingerprint", .string(dataset.splitFingerprint))])
        console.detail("effective configuration:\n" + runConfiguration.text)
        let outcome = try TrainingRun(dataset: dataset, configuration: configuration,
                                      trainMetricsUsers: trainMetrics.sampleSize, console: console,
                                      features: loadedFeatures.map {
                                          TrainingRun.FeatureSetup(users: $0.users, items: $0.items, useUserIDs: features.useUserIDs,
                                                                   useItemIDs: features.useItemIDs,
                                                                   coldStartTraining: features.coldStartTraining,
                                                                   popularityPrior: features.popularityPrior, resumed: resumed)
                                      }).run()
        let trainer = outcome.trainer, test = outcome.test
        var model = outcome.kept.trainedModel(datasetName: dataset.name)
        model.kind = modelKind
        if let refit = outcome.refit {
            model.history = trainer.history
            model.refitHistory = refit.history
        }
        model.selectedEpoch = outcome.fit.selectedEpoch
        model.catalog = dataset.catalog
        model.dataArguments = dataOptions.arguments
        model.splitFingerprint = dataset.splitFingerprint
        model.knownOutsideTraining = loaded.knownOutside(model.train)
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
        var timings = trainer.timings
        if let refit = outcome.refit { timings.add(refit.timings) }
        let total = max(timings.total, 1e-9)
        console.detail("time by phase: " + timings.phases.map {
            String(format: "%@ %.1fs (%.0f%%)", $0.name, $0.seconds, 100 * $0.seconds / total)
        }.joined(separator: ", "))
        let history = trainer.history
        let trainingSeconds = history.trainingSeconds
        let summary = TrainSummary(
            epochs: history.count, secondsPerEpoch: history.isEmpty ? 0 : trainingSeconds / Double(history.count),
            trainingSeconds: trainingSeconds, evaluationSeconds: history.evaluationSeconds,
            refitEpochs: outcome.refit?.history.count, refitSeconds: outcome.refit?.history.trainingSeconds,
            evaluatedUsers: test?.userCount ?? 0, selectedEpoch: outcome.fit.selectedEpoch,
            validationMetrics: outcome.fit.validationMetrics, metrics: test?.metrics ?? [:],
            peakRSSMegabytes: peakResidentMegabytes(), model: output, files: files,
            phaseSeconds: Dictionary(uniqueKeysWithValues: timings.phases.map { ($0.name, $0.seconds) }),
            features: loadedFeatures?.sides)
        if try console.emitJSON(summary) { return }
        if let test {
            console.result(formatMetrics(test.metrics, ks: configuration.ks, names: ["Recall", "NDCG", "Precision", "HitRate", "MRR", "MAP"]))
        }
    }

    /// The features of `dataset` when any feature option is given, with their notes printed and
    /// a line saying what layer 0 is made of.
    func loadFeatures(dataset: RecommendationDataset, configuration: TrainingConfiguration) throws -> LoadedFeatures? {
        guard features.isEnabled else { return nil }
        let loaded = try features.load(for: dataset)
        for note in loaded.notes { console.note(note) }
        func side(_ name: String, ids: Bool, _ columns: NodeFeatures?) -> String {
            let parts = (ids ? ["ID embedding"] : []) + (columns.map { ["projection of \($0.columns.count) features"] } ?? [])
            return "\(name) = " + (parts.isEmpty ? "0 (no IDs, no features)" : parts.joined(separator: " + "))
        }
        console.note("feature LightGCN, layer 0: " + side("users", ids: features.useUserIDs, loaded.users) + "; "
                     + side("items", ids: features.useItemIDs, loaded.items))
        if configuration.initialization != .normal {
            console.note("note: --init \(configuration.initialization.rawValue) does not apply to feature models: "
                         + "their ID and feature tables start from N(0, 0.1²)")
        }
        return loaded
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

extension ModelKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// The JSON document `train --json` prints.
struct TrainSummary: Encodable {
    var epochs: Int
    var secondsPerEpoch: Double
    var trainingSeconds: Double
    var evaluationSeconds: Double
    /// Epochs and training seconds of the refit on training + validation interactions (nil without one).
    var refitEpochs: Int?
    var refitSeconds: Double?
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
    /// The side features of a feature-aware model, per side (nil for ID-only LightGCN).
    var features: [FeatureSideSummary]?
}

/// Rejects cut-offs larger than the catalogue (a runtime error: it depends on the data).
func checkCutoffs(_ ks: [Int], itemCount: Int) throws {
    if let k = ks.last, k > itemCount {
        throw CommandError("--k \(k) exceeds the number of items (\(itemCount)); choose a smaller cut-off")
    }
}
