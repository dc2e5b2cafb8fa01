import Foundation
import RecData
import RecModels
import RecTraining

/// `evaluate --protocol cold-start`: the library's ``ColdStartStudy`` on every interaction of a
/// dataset, with a progress line per seed, and its table and description.
struct ColdStartRun {
    typealias Side = ColdStartStudy.Side

    let dataset: RecommendationDataset
    /// Features of every user and item of `dataset` (nil without features).
    let features: LoadedFeatures?
    /// The study: sides, shares, seeds, settings (its features are set from `features`).
    let study: ColdStartStudy
    let console: ConsoleOptions

    var side: Side { study.side }
    var configuration: TrainingConfiguration { study.configuration }

    /// Every interaction of the dataset: training, validation and test, as one matrix.
    var interactions: InteractionMatrix { ColdStartStudy.allInteractions(of: dataset) }

    /// Runs the study, printing a line per seed.
    func run() throws -> ColdStartSummary {
        var study = study
        study.userFeatures = features?.users
        study.itemFeatures = features?.items
        let progress = console.progress()
        let epochs = configuration.epochs, noun = side == .users ? "users" : "items"
        let k = configuration.ks.contains(20) ? 20 : configuration.ks.last!
        return try study.run(on: interactions) { event in
            switch event {
            case .seedStarted(let seed):
                progress.update("seed \(seed): splitting and fitting (\(epochs) epochs per model)…")
            case .splitDrawn(let seed, let cold, let warm):
                progress.update("seed \(seed): \(grouped(cold)) cold \(noun), \(grouped(warm)) warm \(noun); "
                                + "fitting (\(epochs) epochs per model)…")
            case .seedFinished(let seed, let results, let seconds):
                progress.finish("seed \(seed) (\(formatDuration(seconds))): cold Recall@\(k): " + Self.seedLine(results, k: k))
            }
        }
    }

    /// One seed's cold Recall@k per method, the learned prior weight, the blend's κ and the
    /// prior-weight check, on one line.
    static func seedLine(_ results: [ColdStartResult], k: Int) -> String {
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
        return line + weight + check
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
            ? "\(Int((study.coldFraction * 100).rounded()))% of the users with ≥ 2 interactions held out (cold); "
                + "\(Int((study.revealedFraction * 100).rounded()))% of each cold user's items"
                + (study.revealedLimit.map { " (at most \($0))" } ?? "") + " revealed for fold-in, the rest "
                + "are its test items; warm users: 20% of each one's items held out"
            : "\(Int((study.coldFraction * 100).rounded()))% of the items with ≥ 2 users held out (cold), ranked among the cold "
                + "items for their users; \(Int((study.revealedFraction * 100).rounded()))% of each cold item's users revealed"
        let c = configuration
        return [
            "Cold-start protocol on \(dataset.name) (\(grouped(interactions.interactionCount)) interactions): " + held,
            "\(study.seeds.count) seed\(study.seeds.count == 1 ? "" : "s") (\(study.seeds.map { String($0) }.joined(separator: ", "))), a new "
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
