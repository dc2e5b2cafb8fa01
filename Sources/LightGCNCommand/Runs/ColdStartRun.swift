import Foundation
import RecData
import RecModels
import RecTraining

/// `evaluate --protocol cold-start`: the `ColdStartEvaluation` protocol on every interaction of
/// a dataset, once per seed (a new split and new models each time), summarised as the mean and
/// spread of each metric over the seeds.
struct ColdStartRun {
    /// Which side is held out.
    enum Side: String, CaseIterable {
        case users, items
    }

    let dataset: RecommendationDataset
    /// Features of every user and item of `dataset` (nil without features).
    let features: LoadedFeatures?
    let side: Side
    let coldFraction: Double
    let revealedFraction: Double
    /// The most items revealed per cold user (nil: no limit).
    var revealedLimit: Int? = nil
    let seeds: [UInt64]
    /// The settings of every fitted model (its seed is replaced by each seed).
    let configuration: TrainingConfiguration
    let useUserIDs: Bool
    let useItemIDs: Bool
    /// ID dropout and feature distillation for the feature model (applied to the cold side).
    var coldStartTraining = ColdStartTraining()
    /// Whether the feature model scores with a popularity prior.
    var popularityPrior = false
    /// Whether to add the serving-time blend row (cold users).
    var blend = false
    let console: ConsoleOptions

    /// Every interaction of the dataset: training, validation and test, as one matrix.
    var interactions: InteractionMatrix {
        var all = dataset.train.union(dataset.test)
        if let validation = dataset.validation { all = all.union(validation) }
        return all
    }

    /// Runs the protocol for every seed.
    func run() throws -> ColdStartSummary {
        let evaluation = ColdStartEvaluation(ks: configuration.ks)
        let all = interactions
        let progress = console.progress()
        var perSeed: [[ColdStartResult]] = []
        for seed in seeds {
            let start = Date()
            var c = configuration
            c.seed = seed
            progress.update("seed \(seed): splitting and fitting (\(c.epochs) epochs per model)…")
            let results: [ColdStartResult]
            switch side {
            case .users:
                let split = try ColdUserSplit(interactions: all, coldFraction: coldFraction, revealedFraction: revealedFraction,
                                              revealedLimit: revealedLimit,
                                              seed: seed)
                progress.update("seed \(seed): \(grouped(split.coldUsers.count)) cold users, \(grouped(split.warmUsers.count)) "
                                + "warm users; fitting (\(c.epochs) epochs per model)…")
                results = try evaluation.runUserProtocol(split, userFeatures: features?.users, itemFeatures: features?.items,
                                                         configuration: c, useUserIDs: useUserIDs,
                                                         coldStartTraining: coldStartTraining, popularityPrior: popularityPrior,
                                                         blend: blend)
            case .items:
                let split = try ColdItemSplit(interactions: all, coldFraction: coldFraction, revealedFraction: revealedFraction,
                                              seed: seed)
                progress.update("seed \(seed): \(grouped(split.coldItems.count)) cold items, \(grouped(split.warmItems.count)) "
                                + "warm items; fitting (\(c.epochs) epochs)…")
                results = try evaluation.runItemProtocol(split, userFeatures: features?.users, itemFeatures: features?.items,
                                                         configuration: c, useItemIDs: useItemIDs,
                                                         coldStartTraining: coldStartTraining, popularityPrior: popularityPrior)
            }
            let k = configuration.ks.contains(20) ? 20 : configuration.ks.last!
            let line = results.filter { $0.group != .warmUsers }.map {
                String(format: "%@ %.4f", $0.method, $0.report.metrics["Recall@\(k)"] ?? .nan)
            }.joined(separator: ", ")
            let weight = (results.compactMap { $0.report.metrics[ColdStartEvaluation.priorWeightKey] }.first
                .map { String(format: "; learned popularity-prior weight %.3f", $0) } ?? "")
                + (results.compactMap { $0.report.metrics[ColdStartEvaluation.blendKappaKey] }.first
                    .map { $0 >= ColdStartEvaluation.infiniteKappa ? "; blend κ = ∞" : String(format: "; blend κ = %g", $0) } ?? "")
            let check = results.first { $0.report.metrics[ColdStartEvaluation.priorCheckKey(1)] != nil }.map { result in
                "; prior weight × s, features only, Recall@\(k) on revealed items: " + ColdStartEvaluation.priorScales.map {
                    String(format: "%g→%.4f", Double($0), result.report.metrics[ColdStartEvaluation.priorCheckKey($0)] ?? .nan)
                }.joined(separator: " ")
            } ?? ""
            progress.finish("seed \(seed) (\(formatDuration(Date().timeIntervalSince(start)))): cold Recall@\(k): \(line)\(weight)\(check)")
            perSeed.append(results)
        }
        return ColdStartSummary(perSeed: perSeed)
    }

    /// The table of `summary`: one line per group and method, `mean ± standard deviation` of
    /// Recall and NDCG at every cut-off.
    func table(_ summary: ColdStartSummary) -> [String] {
        let names = configuration.ks.flatMap { k in ["Recall@\(k)", "NDCG@\(k)"] }
        let methodWidth = max(24, (summary.rows.map(\.method.count).max() ?? 0) + 2)
        var lines = [pad("group", 12) + pad("method", methodWidth) + pad("users", 7, left: true)
                     + names.map { pad($0, 19, left: true) }.joined()]
        for row in summary.rows {
            let cells = names.map { name in
                row.metrics[name].map { String(format: "%.4f ± %.4f", $0.mean, $0.standardDeviation) } ?? "–"
            }
            lines.append(pad(row.group, 12) + pad(row.method, methodWidth) + pad(String(Int(row.users.rounded())), 7, left: true)
                         + cells.map { pad($0, 19, left: true) }.joined())
        }
        return lines
    }

    /// The lines that say what was held out, revealed and fitted.
    var description: [String] {
        let held = side == .users
            ? "\(Int((coldFraction * 100).rounded()))% of the users with ≥ 2 interactions held out (cold); "
                + "\(Int((revealedFraction * 100).rounded()))% of each cold user's items"
                + (revealedLimit.map { " (at most \($0))" } ?? "") + " revealed for fold-in, the rest "
                + "are its test items; warm users: 20% of each one's items held out"
            : "\(Int((coldFraction * 100).rounded()))% of the items with ≥ 2 users held out (cold), ranked among the cold "
                + "items for their users; \(Int((revealedFraction * 100).rounded()))% of each cold item's users revealed"
        let c = configuration
        return [
            "Cold-start protocol on \(dataset.name) (\(grouped(interactions.interactionCount)) interactions): " + held,
            "\(seeds.count) seed\(seeds.count == 1 ? "" : "s") (\(seeds.map { String($0) }.joined(separator: ", "))), a new "
                + "split and new models each; every model \(c.epochs) epochs of BPR (no validation), dim \(c.dimension), "
                + "\(c.layers) layers, lr \(c.learningRate), batch \(c.batchSize); mean ± standard deviation over the seeds",
        ]
    }
}

/// The JSON document of `evaluate --protocol cold-start --json`.
struct ColdStartOutput: Encodable {
    var dataset: String
    var cold: String
    var coldFraction: Double
    var revealedFraction: Double
    var revealedItems: Int?
    var seeds: [UInt64]
    var epochs: Int
    var features: [FeatureSideSummary]?
    var rows: [ColdStartSummary.Row]
}
