import ArgumentParser
import Foundation
import RecData
import RecModels
import RecReports
import RecTraining

/// The protocols of `lightgcn compare`.
enum ComparisonProtocol: String, ExpressibleByArgument, CaseIterable {
    /// The default: a validation split selects epochs, the test set is evaluated once.
    case holdout
    /// The published practice: no validation split, models trained by epochs run all of them.
    case paper
    /// Yearly forward chaining on a folds directory.
    case forwardChaining = "forward-chaining"
}

/// `lightgcn compare`: several models fitted on the same split and measured the same way.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Fit several models on the same split and compare them, measured the same way.",
        discussion: """
            Every model is fitted on the same training interactions and ranked over all items \
            with each user's known items excluded. With --protocol holdout (the default) the \
            models trained by epochs (lightgcn, mf, lrgccf) select their epoch on the validation \
            split; the others use their documented defaults (no tuning on test). --protocol \
            paper uses no validation split (all epochs run, the last is kept), as published \
            results do. --protocol forward-chaining fits every model per year on a folds \
            directory and reports the means over years of the case-averaged metrics.

            The table shows Recall, NDCG, Precision, HitRate and MRR at each --k, fit seconds \
            and the mean and p95 milliseconds of a single-user request. A model that fails \
            keeps its row with the error. Each result is saved in --results (one JSON file per \
            model, protocol and split fingerprint, with the model's settings): a later run with \
            the same data and settings reuses it instead of refitting, so a table can be \
            rebuilt or extended with one more model; --refit ignores saved results.

            Every option can also come from a TOML file given with --config.

            Exit codes: 0 success (even if some models failed: see their rows); 1 a runtime \
            error (unreadable data, unwritable output); 64 a usage error.
            """)

    @OptionGroup(title: "Data") var dataOptions: DataOptions
    @Option(help: "Models, comma-separated (\(ComparisonModels.names.joined(separator: ",")))")
    var models = ComparisonModels.names.joined(separator: ",")
    @Option(name: .customLong("protocol"), help: "holdout, paper or forward-chaining.")
    var comparisonProtocol = ComparisonProtocol.holdout
    @Option(help: ArgumentHelp("Directory of saved results (default: runs/compare).", valueName: "dir"))
    var results = "runs/compare"
    @Flag(help: "Fit every model again, even when a saved result matches.") var refit = false
    @Option(help: ArgumentHelp("Also write the table as Markdown to this file.", valueName: "file")) var markdown: String?
    @Option(help: ArgumentHelp("Also write the table as CSV to this file.", valueName: "file")) var csv: String?
    @Option(help: "Single-user requests timed per model for the latency columns.") var latencyUsers = 500
    @Option(name: .customLong("memory-limit"), help: ArgumentHelp("Memory EASE may use, in GB (default: what the machine has available); it refuses before allocating when it would need more.", valueName: "gb"))
    var memoryLimit: Double?
    @Option(help: ArgumentHelp("Also write an HTML report with charts (holdout and paper protocols).", valueName: "file.html"))
    var report: String?
    @Option(help: ArgumentHelp("Train each of lightgcn, mf and lrgccf once per objective, comma-separated (bpr,softmax,bsl,directau); rows are named model-loss, and an objective's own options (--negative-temperature, --negative-candidates) apply to its rows only. Default: the one --loss.", valueName: "losses"))
    var losses: String?
    @OptionGroup(title: "Training (lightgcn, mf, lrgccf)") var training: TrainingOptions
    @OptionGroup var configFile: ConfigFileOption
    @OptionGroup var console: ConsoleOptions

    var quiet: Bool { console.quiet }

    func run() throws {
        let names = models.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw ValidationError("--models lists no model") }
        if let unknown = names.first(where: { !ComparisonModels.names.contains($0) }) {
            throw ValidationError("unknown model '\(unknown)'; known models: \(ComparisonModels.names.joined(separator: ", "))")
        }
        let configuration = try training.configuration(validating: losses == nil)
        let ks = configuration.ks
        let progress = ProgressLine(quiet: quiet)
        if configuration.refit {
            progress.finish("note: compare does not refit on training + validation interactions (--refit-with-validation, "
                            + "part of --preset fast): its LightGCN and MF rows keep the validation-selected model")
        }
        let comparison = ComparisonRun(protocolName: comparisonProtocol.rawValue, latencyUsers: latencyUsers)
        let target: ComparisonTarget
        var evaluated: RecommendationDataset?
        switch comparisonProtocol {
        case .holdout, .paper:
            var options = dataOptions
            if comparisonProtocol == .paper { options.paperProtocol = true }
            let loaded = try options.load()
            let dataset = loaded.dataset
            try checkCutoffs(ks, itemCount: dataset.itemCount)
            if !quiet {
                printError(dataset.summary)
                for note in loaded.notes { printError("  \(note)") }
            }
            evaluated = dataset
            target = .split(dataset, ks: ks)
        case .forwardChaining:
            guard let directory = dataOptions.data else { throw ValidationError("--data FOLDS is required with --protocol forward-chaining") }
            target = .folds(try ForwardChainingFoldReader.readFolds(directory: directory),
                            name: URL(fileURLWithPath: directory).lastPathComponent)
        }
        var modelRows: [ComparisonRow] = []
        for (name, loss) in try rows(names, configuration: configuration) {
            // With --losses, a model trained without epochs (loss nil) takes the base objective's options.
            let rowConfiguration = configuration.training(with: loss ?? configuration.loss)
            do { try rowConfiguration.validate() } catch { throw ValidationError(error.description) }
            modelRows.append(try ComparisonModels.row(named: name, label: loss.map { "\(name)-\($0.rawValue)" } ?? name,
                                                      configuration: rowConfiguration,
                                                      memoryLimitBytes: memoryLimit.map { Int($0 * 1e9) }))
        }
        let entries = try comparison.run(modelRows, on: target, store: ComparisonStore(directory: results), refit: refit) { event in
            switch event {
            case .reused(let label, let date): progress.finish("\(label): reusing the result of \(date) from \(results)")
            case .fitting(let label, let settings): progress.update("\(label): fitting (\(settings))")
            case .finished(let entry):
                progress.finish(entry.status == .ok ? String(format: "%@: fitted in %.1f s", entry.model, entry.fitSeconds)
                                                    : "\(entry.model): failed: \(entry.error ?? "")")
            }
        }
        let datasetName = target.name, fingerprint = target.fingerprint
        let table: ComparisonTable
        var beyond: ComparisonTable?
        if comparisonProtocol == .forwardChaining {
            table = ComparisonTable(entries: entries, ks: ForwardChainingEvaluation().ks, metricNames: ["HitRate", "Recall", "UserRecall"])
        } else {
            let extra = ks.flatMap(BeyondAccuracyMetrics.keys(k:))
            table = ComparisonTable(entries: entries, ks: ks, extraKeys: extra)
            var compact = ComparisonTable(entries: entries, ks: [], metricNames: [],
                                          extraKeys: BeyondAccuracyMetrics.keys(k: ks.last ?? 20))
            compact.showsTimings = false
            beyond = compact
        }
        try write(table.markdown, to: markdown)
        try write(table.csv, to: csv)
        if let report {
            if let evaluated {
                try RunReports.writeComparison(RunReports.rows(entries), dataset: evaluated, seed: configuration.seed,
                                               configurationFile: nil, to: report)
                console.detail("report written to \(report)")
            } else {
                console.note("--report is written for the holdout and paper protocols only; see the table for forward chaining")
            }
        }
        if try !console.emitJSON(entries) {
            print("\(datasetName), protocol \(comparisonProtocol.rawValue), split \(fingerprint)")
            var terminal = table
            terminal.extraKeys = []
            print(terminal.terminal)
            if let beyond {
                print("\nBeyond accuracy at K = \(ks.last ?? 20): catalogue coverage, Gini of the recommended items, novelty "
                      + "(bits), average recommendation popularity; Recall and NDCG by item popularity (head/mid/tail "
                      + "thirds by training degree) and by user activity (quartiles, Q1 least active)")
                print(beyond.terminal)
            }
        }
    }

    /// The rows to fit: each model once, or, with `--losses`, each of the BPR-family models once
    /// per listed objective (nil: the configuration's own).
    func rows(_ names: [String], configuration: TrainingConfiguration) throws -> [(String, TrainingLoss?)] {
        guard let losses else { return names.map { ($0, nil) } }
        let listed = losses.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        var parsed: [TrainingLoss] = []
        for text in listed {
            guard let loss = TrainingLoss(rawValue: text) else {
                throw ValidationError("--losses: unknown objective '\(text)'; known: \(TrainingLoss.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !parsed.contains(loss) { parsed.append(loss) }
        }
        guard !parsed.isEmpty else { throw ValidationError("--losses lists no objective") }
        let trained: Set<String> = ["lightgcn", "mf", "lrgccf"]
        return names.flatMap { name in trained.contains(name) ? parsed.map { (name, Optional($0)) } : [(name, nil)] }
    }

    func write(_ text: String, to path: String?) throws {
        guard let path else { return }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandError("\(path): could not be written (\(error.localizedDescription))")
        }
    }
}
