import Foundation
import RecData
import RecModels
import RecTraining

/// Trains on a dataset with live progress and evaluation lines; shared by `train` and `demo`.
/// The protocol (selection on validation, refit, the test set evaluated once) is the library's
/// `HoldoutTraining`; this type chooses the trainer (ID-only or feature-aware LightGCN) and
/// prints the protocol's events.
struct TrainingRun {
    let dataset: RecommendationDataset
    let configuration: TrainingConfiguration
    /// Size of the sample whose fit to its own training items is recorded as "train/…"
    /// metrics at each evaluation (`--train-metrics`); nil for none.
    var trainMetricsUsers: Int?
    let console: ConsoleOptions
    /// The side features of a feature-aware LightGCN, nil for ID-only LightGCN.
    var features: FeatureSetup? = nil

    /// The inputs of a feature-aware LightGCN.
    struct FeatureSetup {
        /// One row per user, or nil; likewise for items.
        var users: NodeFeatures?
        var items: NodeFeatures?
        /// Whether each side keeps an ID embedding.
        var useUserIDs: Bool
        var useItemIDs: Bool
        /// ID dropout and feature distillation (off by default).
        var coldStartTraining = ColdStartTraining()
        /// Whether a fresh model scores with an item-popularity prior (`--popularity-prior`); a
        /// resumed model keeps the prior it was saved with.
        var popularityPrior = false
        /// A saved model to continue (`train --resume`), nil for a fresh one.
        var resumed: FeatureLightGCN<Float>? = nil
    }

    /// The trainer of `configuration` on `train`: feature-aware when the run has features.
    func makeTrainer(train: InteractionMatrix, configuration: TrainingConfiguration) throws -> any HoldoutTrainer {
        if let features, let resumed = features.resumed {
            return try FeatureBPRTrainer(train: train, configuration: configuration, model: resumed,
                                         coldStartTraining: features.coldStartTraining)
        }
        if let features {
            return try FeatureBPRTrainer(train: train, configuration: configuration, userFeatures: features.users,
                                         itemFeatures: features.items, useUserIDs: features.useUserIDs,
                                         useItemIDs: features.useItemIDs, coldStartTraining: features.coldStartTraining,
                                         popularityPrior: features.popularityPrior)
        }
        return try BPRTrainer(train: train, configuration: configuration)
    }

    func run() throws -> HoldoutTraining.Outcome {
        let holdout = HoldoutTraining(dataset: dataset, configuration: configuration, trainSampleSize: trainMetricsUsers) {
            try makeTrainer(train: $0, configuration: $1)
        }
        let progress = console.progress()
        let epochs = configuration.epochs, ks = configuration.ks
        let split = holdout.validationEvaluator == nil ? "test" : "validation"
        let names = console.verbose ? ["Recall", "NDCG", "Precision", "HitRate", "MRR", "MAP"] : ["Recall", "NDCG", "Precision", "HitRate"]
        var epochStart = Date()
        var trainingSeconds = 0.0
        var refitEpochs = 0
        return try holdout.run { event in
            switch event {
            case .trainSample(let users):
                progress.finish("train metrics: \(grouped(users)) sampled users rank all items against their own training items")
            case .testWatchedWithoutValidation:
                progress.finish("no validation split: the test set is evaluated during training and the last epoch is kept (the published practice)")
            case .batch(let phase, let epoch, let done, let total):
                let rate = Double(done) / max(Date().timeIntervalSince(epochStart), 1e-9)
                let name = phase == .refit ? "refit epoch" : "epoch"
                progress.update(String(format: "%@ %d/%d  batch %d/%d  %.1f batches/s", name, epoch,
                                       phase == .refit ? refitEpochs : epochs, done, total, rate))
            case .epoch(.selection, let record):
                trainingSeconds += record.seconds
                let eta = trainingSeconds / Double(record.epoch) * Double(epochs - record.epoch)
                let line = String(
                    format: "epoch %d/%d  loss %.5f (bpr %.5f + reg %.5f)  %.1f batches/s  %@/epoch  ETA %@",
                    record.epoch, epochs, record.loss, record.bprLoss, record.regularizationLoss,
                    Double(record.batches) / max(record.seconds, 1e-9), formatDuration(record.seconds), formatDuration(eta))
                if record.metrics.isEmpty {
                    progress.step(line)
                } else {
                    progress.finish(line)
                    let evaluated = record.metrics.filter { !$0.key.hasPrefix("train/") }
                    let metrics = Dictionary(uniqueKeysWithValues: evaluated.map {
                        ($0.key.replacingOccurrences(of: "validation/", with: ""), $0.value)
                    })
                    progress.finish("  \(split) (\(formatDuration(record.evaluationSeconds))): " + formatMetrics(metrics, ks: ks, names: names))
                    if trainMetricsUsers != nil {
                        let train = Dictionary(uniqueKeysWithValues: record.metrics.filter { $0.key.hasPrefix("train/") }.map {
                            (String($0.key.dropFirst("train/".count)), $0.value)
                        })
                        progress.finish("  train sample: " + formatMetrics(train, ks: ks, names: names))
                    }
                }
                epochStart = Date()
            case .epoch(.refit, let record):
                progress.step(String(format: "refit epoch %d/%d  loss %.5f (bpr %.5f + reg %.5f)  %@/epoch",
                                     record.epoch, refitEpochs, record.loss, record.bprLoss, record.regularizationLoss,
                                     formatDuration(record.seconds)))
                epochStart = Date()
            case .selected(let fit, let refit, let test):
                progress.finish("selected epoch \(fit.selectedEpoch) by validation \(configuration.selectionMetric)"
                                + (fit.stoppedEarly ? " (stopped early)" : "")
                                + (!test ? "" : refit ? "; the test set is evaluated once, after the refit" : "; evaluating the test set once"))
            case .refitNeedsValidation:
                progress.finish("note: no refit: it needs a validation split to choose the number of epochs")
            case .refitSkipped(let spent, let budget, let epochs, let estimate):
                progress.finish(String(format: "no refit: %@ of the %@ budget is spent and a refit of %d epochs would take about %@; "
                                       + "the selected epoch's model is kept", formatDuration(spent), formatDuration(budget),
                                       epochs, formatDuration(estimate)))
            case .refitStarted(let epochs, let interactions):
                refitEpochs = epochs
                epochStart = Date()
                progress.finish("refit: \(epochs) epochs on training + validation interactions (\(grouped(interactions))), "
                                + "the graph the test set is ranked with")
            case .refitFinished(let epochs, let seconds):
                progress.finish("refit done: \(epochs) epochs in \(formatDuration(seconds))")
            case .testStarted(let users):
                progress.update("evaluating the test set (\(grouped(users)) users)…")
            case .testFinished(let report):
                progress.finish("test set evaluated in \(formatDuration(report.seconds))")
            }
        }
    }
}

/// "Recall@20 0.1234  NDCG@20 0.1000 …" for the main metrics at each cut-off.
func formatMetrics(_ metrics: [String: Double], ks: [Int], names: [String] = ["Recall", "NDCG", "Precision", "HitRate"]) -> String {
    var parts: [String] = []
    for k in ks {
        for name in names {
            if let v = metrics["\(name)@\(k)"] { parts.append(String(format: "%@@%d %.4f", name, k, v)) }
        }
    }
    return parts.joined(separator: "  ")
}

/// Encodes `value` as one line of JSON on standard output, written at once (unbuffered, so a
/// script waiting for it, as for `serve --json`'s startup line, sees it immediately).
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data + Data("\n".utf8))
}
