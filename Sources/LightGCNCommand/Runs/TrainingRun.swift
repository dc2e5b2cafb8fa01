import Foundation
import RecData
import RecModels
import RecTraining

/// Trains on a dataset with live progress and evaluation lines; shared by `train` and `demo`.
///
/// With a validation split the epoch is selected on validation and the test set is evaluated
/// once, on the selected epoch; without one (the published practice), the test set is
/// evaluated during training and the last epoch is kept.
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

    /// What a run produced.
    struct Outcome {
        /// The trainer that selected the epoch (its history holds the validation curves).
        var trainer: any RunTrainer
        /// With `configuration.refit`: the trainer of the refit on training + validation
        /// interactions, whose model is the one kept; nil without a refit.
        var refit: (any RunTrainer)?
        var fit: FitResult
        /// The trainer whose model is kept: the refit's, or the selection run's.
        var kept: any RunTrainer { refit ?? trainer }
        /// Test metrics of the kept epoch (nil without test interactions).
        var test: EvaluationReport?
    }

    /// The trainer of `configuration` on `train`: feature-aware when the run has features.
    func makeTrainer(train: InteractionMatrix, configuration: TrainingConfiguration) throws -> any RunTrainer {
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

    func run() throws -> Outcome {
        let trainer = try makeTrainer(train: dataset.train, configuration: configuration)
        // With a validation split, its items are excluded from the test ranking too: they are
        // items the user already has.
        let test = dataset.test.interactionCount > 0
            ? RankingEvaluator(known: dataset.knownBeforeTest, heldOut: dataset.test, ks: configuration.ks) : nil
        let validation = dataset.validation.flatMap { $0.interactionCount > 0 ? $0 : nil }.map {
            RankingEvaluator(known: dataset.train, heldOut: $0, ks: configuration.ks)
        }
        let trainSample = trainMetricsUsers.map {
            RankingEvaluator.trainingFit(of: dataset.train, sampleSize: $0, seed: configuration.seed, ks: configuration.ks)
        }
        let progress = console.progress()
        if let trainSample {
            progress.finish("train metrics: \(grouped(trainSample.evaluatedUsers.count)) sampled users rank all items against their own training items")
        }
        if validation == nil && test != nil {
            progress.finish("no validation split: the test set is evaluated during training and the last epoch is kept (the published practice)")
        }
        let epochs = configuration.epochs
        var epochStart = Date()
        var trainingSeconds = 0.0
        let fit = trainer.fit(
            evaluator: test, validation: validation, trainSample: trainSample,
            onBatch: { epoch, done, total in
                let elapsed = Date().timeIntervalSince(epochStart)
                let rate = Double(done) / max(elapsed, 1e-9)
                progress.update(String(format: "epoch %d/%d  batch %d/%d  %.1f batches/s", epoch, epochs, done, total, rate))
            },
            onEpoch: { record in
                trainingSeconds += record.seconds
                let perEpoch = trainingSeconds / Double(record.epoch)
                let eta = perEpoch * Double(epochs - record.epoch)
                let line = String(
                    format: "epoch %d/%d  loss %.5f (bpr %.5f + reg %.5f)  %.1f batches/s  %@/epoch  ETA %@",
                    record.epoch, epochs, record.loss, record.bprLoss, record.regularizationLoss,
                    Double(record.batches) / max(record.seconds, 1e-9), formatDuration(record.seconds), formatDuration(eta))
                if record.metrics.isEmpty {
                    progress.step(line)
                } else {
                    progress.finish(line)
                    let split = validation == nil ? "test" : "validation"
                    let names = console.verbose ? ["Recall", "NDCG", "Precision", "HitRate", "MRR", "MAP"] : ["Recall", "NDCG", "Precision", "HitRate"]
                    let evaluated = record.metrics.filter { !$0.key.hasPrefix("train/") }
                    let metrics = Dictionary(uniqueKeysWithValues: evaluated.map {
                        ($0.key.replacingOccurrences(of: "validation/", with: ""), $0.value)
                    })
                    progress.finish("  \(split) (\(formatDuration(record.evaluationSeconds))): " + formatMetrics(metrics, ks: configuration.ks, names: names))
                    if trainSample != nil {
                        let train = Dictionary(uniqueKeysWithValues: record.metrics.filter { $0.key.hasPrefix("train/") }.map {
                            (String($0.key.dropFirst("train/".count)), $0.value)
                        })
                        progress.finish("  train sample: " + formatMetrics(train, ks: configuration.ks, names: names))
                    }
                }
                epochStart = Date()
            })
        var refit: (any RunTrainer)?
        if validation != nil {
            progress.finish("selected epoch \(fit.selectedEpoch) by validation \(configuration.selectionMetric)"
                            + (fit.stoppedEarly ? " (stopped early)" : "")
                            + (test == nil ? "" : configuration.refit ? "; the test set is evaluated once, after the refit" : "; evaluating the test set once"))
            if configuration.refit {
                refit = try self.refit(epochs: fit.selectedEpoch, selection: trainer, progress: progress)
            }
        } else if configuration.refit {
            progress.finish("note: no refit: it needs a validation split to choose the number of epochs")
        }
        var report: EvaluationReport?
        if let test {
            if validation != nil {
                progress.update("evaluating the test set (\(grouped(test.evaluatedUsers.count)) users)…")
                report = test.evaluate((refit ?? trainer).recommender())
                progress.finish("test set evaluated in \(formatDuration(report?.seconds ?? 0))")
            } else if let last = trainer.history.last, !last.metrics.isEmpty {
                report = EvaluationReport(metrics: last.metrics, userCount: test.evaluatedUsers.count, seconds: last.evaluationSeconds)
            }
        }
        return Outcome(trainer: trainer, refit: refit, fit: fit, test: report)
    }

    /// Trains a fresh model on the training and validation interactions for `epochs` epochs (the
    /// selected count), without evaluations; nil, with a note, when the time budget left after
    /// the selection run cannot hold it.
    func refit(epochs: Int, selection: any RunTrainer, progress: ProgressLine) throws -> (any RunTrainer)? {
        let known = dataset.knownBeforeTest
        var settings = configuration
        settings.epochs = epochs  // the cosine horizon, if any, stays: the refit replays the selection run's rates
        settings.evaluateEvery = 0
        settings.patience = nil
        settings.timeBudgetSeconds = nil
        if let budget = configuration.timeBudgetSeconds {
            let spent = selection.history.trainingSeconds + selection.history.evaluationSeconds
            let perEpoch = selection.history.trainingSeconds / Double(max(selection.history.count, 1))
            let estimate = perEpoch * Double(epochs) * Double(known.interactionCount) / Double(max(dataset.train.interactionCount, 1))
            if spent + estimate > budget {
                progress.finish(String(format: "no refit: %@ of the %@ budget is spent and a refit of %d epochs would take about %@; "
                                       + "the selected epoch's model is kept", formatDuration(spent), formatDuration(budget),
                                       epochs, formatDuration(estimate)))
                return nil
            }
        }
        progress.finish("refit: \(epochs) epochs on training + validation interactions (\(grouped(known.interactionCount))), "
                        + "the graph the test set is ranked with")
        let trainer = try makeTrainer(train: known, configuration: settings)
        var epochStart = Date()
        _ = trainer.fit(
            evaluator: nil, validation: nil, trainSample: nil,
            onBatch: { epoch, done, total in
                let rate = Double(done) / max(Date().timeIntervalSince(epochStart), 1e-9)
                progress.update(String(format: "refit epoch %d/%d  batch %d/%d  %.1f batches/s", epoch, epochs, done, total, rate))
            },
            onEpoch: { record in
                progress.step(String(format: "refit epoch %d/%d  loss %.5f (bpr %.5f + reg %.5f)  %@/epoch",
                                     record.epoch, epochs, record.loss, record.bprLoss, record.regularizationLoss,
                                     formatDuration(record.seconds)))
                epochStart = Date()
            })
        progress.finish("refit done: \(epochs) epochs in \(formatDuration(trainer.history.trainingSeconds))")
        return trainer
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
