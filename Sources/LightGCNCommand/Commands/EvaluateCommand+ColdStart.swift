import ArgumentParser
import Foundation
import RecReports
import RecTraining

extension EvaluateCommand {
    /// `--protocol cold-start`: loads the data (and its features), runs the library's `ColdStartStudy`
    /// (every seed) and prints the table (or the JSON document).
    func runColdStart() throws {
        guard dataOptions.data != nil else { throw ValidationError("--data is required with --protocol cold-start") }
        let ks = try parseCutoffs(k)
        let seedList = try Self.seedList(seeds)
        let revealedFraction = revealed ?? (cold == .users ? 0.5 : 0)
        guard coldFraction > 0 && coldFraction < 1 else {
            throw ValidationError("--cold-fraction must be in (0, 1), got \(coldFraction)")
        }
        guard revealedFraction >= 0 && revealedFraction < 1 else {
            throw ValidationError("--revealed must be in [0, 1), got \(revealedFraction)")
        }
        if revealedFraction == 0 && !features.isEnabled {
            throw ValidationError("with nothing revealed (--revealed 0) a cold \(cold == .users ? "user" : "item") can only be "
                                  + "described by features: add --features (or a feature file), or reveal a share with --revealed")
        }
        if let revealedItems, revealedItems < 1 || cold != .users || revealedFraction == 0 {
            throw ValidationError("--revealed-items needs --cold users, a share revealed (--revealed > 0) and N ≥ 1, "
                                  + "got \(revealedItems)")
        }
        if blend && (cold != .users || !features.isEnabled || revealedFraction == 0) {
            throw ValidationError("--blend needs --cold users, features (--features or a feature file) and revealed items "
                                  + "(--revealed > 0)")
        }
        var configuration = TrainingConfiguration()
        configuration.epochs = epochs ?? 40
        configuration.learningRate = lr ?? 0.005
        configuration.layers = layers
        configuration.dimension = dim
        configuration.ks = ks
        configuration.evaluateEvery = 0
        do {
            try configuration.validate()
        } catch {
            throw ValidationError(error.description)
        }
        let dataset = try dataOptions.loadShowingProgress(console: console).dataset
        try checkCutoffs(ks, itemCount: dataset.itemCount)
        let loaded = features.isEnabled ? try features.load(for: dataset) : nil
        for note in loaded?.notes ?? [] { console.note(note) }
        var study = ColdStartStudy(side: cold, coldFraction: coldFraction, revealedFraction: revealedFraction,
                                   seeds: seedList, configuration: configuration)
        study.revealedLimit = revealedItems
        study.useUserIDs = features.useUserIDs
        study.useItemIDs = features.useItemIDs
        study.coldStartTraining = features.coldStartTraining
        study.popularityPrior = features.popularityPrior
        study.blend = blend
        let run = ColdStartRun(dataset: dataset, features: loaded, study: study, console: console)
        for line in run.description { console.note(line) }
        let summary = try run.run()
        if let report {
            let rows = summary.rows.map {
                ComparisonReport.Row(model: "\($0.group): \($0.method)", metrics: $0.metrics.mapValues(\.mean))
            }
            try RunReports.writeComparison(rows, dataset: dataset, seed: seedList.first, configurationFile: nil,
                                           command: "evaluate --protocol cold-start", to: report)
            console.note("report written to \(report)")
        }
        if try console.emitJSON(ColdStartOutput(
            dataset: dataset.name, cold: cold.rawValue, coldFraction: coldFraction, revealedFraction: revealedFraction,
            revealedItems: revealedItems, seeds: seedList, epochs: configuration.epochs, features: loaded?.sides, rows: summary.rows)) { return }
        for line in run.table(summary) { console.result(line) }
    }

    /// The seeds of `--seeds`: distinct non-negative integers separated by commas.
    static func seedList(_ text: String) throws -> [UInt64] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap { UInt64($0) }
        guard !parts.isEmpty, values.count == parts.count, Set(values).count == values.count else {
            throw ValidationError("--seeds expects distinct non-negative integers separated by commas, got '\(text)'")
        }
        return values
    }
}
