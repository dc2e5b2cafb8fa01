import Foundation
import RecData
import RecReports
import RecTraining

extension RunReports {
    /// The comparison page of models evaluated on one split of `dataset`: grouped bar charts
    /// of the models at each K, metric-against-K lines, fit time and latency when measured,
    /// and a table with the best value of each metric in bold.
    ///
    /// This is the page of `compare --report FILE`: with the command's entries,
    ///
    ///     try RunReports.writeComparison(RunReports.rows(entries), dataset: dataset, seed: configuration.seed,
    ///                                    configurationFile: nil, command: "compare", to: path)
    ///
    /// (or one `ComparisonReport.Row` per model built by hand: metrics keyed like "Recall@20",
    /// optionally fit seconds and latency).
    ///
    /// - Parameters:
    ///   - rows: One row per model, in display order.
    ///   - dataset: The data the models were evaluated on (name, sizes, split fingerprint).
    ///   - seed: The run's seed, if it has one.
    ///   - configurationFile: The run's effective configuration (TOML), shown under "Reproduce".
    ///   - command: The subcommand whose `--config` reads that file back.
    static func comparison(_ rows: [ComparisonReport.Row], dataset: RecommendationDataset, seed: UInt64?,
                           configurationFile: String?, command: String = "compare") -> ComparisonReport {
        var facts: [(key: String, value: String)] = [
            ("Dataset", "\(dataset.name): \(grouped(dataset.userCount)) users, \(grouped(dataset.itemCount)) items, "
                + "\(grouped(dataset.train.interactionCount)) training interactions"),
            ("Evaluated on", "\(grouped(dataset.test.interactionCount)) test interactions; every item ranked, "
                + "training and validation items excluded"),
            ("Split fingerprint", dataset.splitFingerprint),
        ]
        if let seed { facts.append(("Seed", String(seed))) }
        facts.append(("Software", "lightgcn \(softwareVersion)"))
        var report = ComparisonReport(title: "Models compared on \(dataset.name)", rows: rows, metadata: facts)
        report.configurationFile = configurationFile
        report.reproduceCommand = "lightgcn \(command) --config run.toml"
        return report
    }

    /// The rows of `compare`'s entries, in order: each model's metrics, fit seconds and mean
    /// single-user latency; a model that failed keeps a row, named "MODEL (failed)", without values.
    static func rows(_ entries: [ComparisonEntry]) -> [ComparisonReport.Row] {
        entries.map { entry in
            entry.status == .ok
                ? ComparisonReport.Row(model: entry.model, metrics: entry.metrics, fitSeconds: entry.fitSeconds,
                                       latencyMilliseconds: entry.latencyMeanMilliseconds)
                : ComparisonReport.Row(model: entry.model + " (failed)", metrics: [:])
        }
    }

    /// Writes `comparison(…)` to `path` atomically.
    static func writeComparison(_ rows: [ComparisonReport.Row], dataset: RecommendationDataset, seed: UInt64?,
                                configurationFile: String?, command: String = "compare", to path: String) throws {
        try comparison(rows, dataset: dataset, seed: seed, configurationFile: configurationFile, command: command)
            .write(to: path)
    }

    /// The forward-chaining page: for each metric a bar chart of the models by test year, and
    /// the table of every year and model with their means. `results` maps a model name to its
    /// per-year results (`ForwardChainingRun`); `charted` picks the metric keys drawn as charts
    /// (all keys are in the table).
    static func forwardChaining(_ results: [String: [ForwardChainingYearResult]], directory: String,
                                configuration: TrainingConfiguration, charted: [String]) -> ForwardChainingReport {
        var byYear: [Int: [String: [String: Double]]] = [:]
        for (model, years) in results {
            for result in years {
                var metrics = result.metrics
                metrics["fit seconds"] = result.fitSeconds
                byYear[result.year, default: [:]][model] = metrics
            }
        }
        let facts: [(key: String, value: String)] = [
            ("Folds", directory),
            ("Protocol", "train on every year before Y, test on year Y; a new model per year; users absent from "
                + "training get the popularity ranking; micro-averages over (user, item) cases"),
            ("LightGCN", "\(configuration.epochs) epochs of sampled BPR, \(configuration.layers) layers, "
                + "dim \(configuration.dimension), lr \(configuration.learningRate)"),
            ("Seed", String(configuration.seed)),
            ("Software", "lightgcn \(softwareVersion)"),
        ]
        var report = ForwardChainingReport(title: "Yearly forward chaining", results: byYear, metadata: facts)
        report.chartedKeys = charted
        return report
    }
}
