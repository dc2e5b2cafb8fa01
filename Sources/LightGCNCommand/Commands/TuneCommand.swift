import ArgumentParser
import Foundation
import RecData
import RecKernels
import RecModels
import RecTraining

/// `lightgcn tune`: a random or grid search of training options, each trial trained with its
/// epoch chosen on the validation split and scored there; the test set is never evaluated.
struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Search training options on the validation split; the test set is never touched.",
        discussion: """
            Each trial trains a model (LightGCN by default, --model mf or lrgccf) with the options of \
            --space drawn over the other options given, selects its epoch on the validation split and \
            records the validation metric (--selection-metric). Trials are files in --results \
            (trial-N.json, written whole); a trial in progress is claimed by trial-N.lock, so several \
            tune processes can share one directory, and a second run resumes: finished trials are \
            reused. The best configuration is written as a TOML file that `train --config` replays.

            Example: lightgcn tune --data gowalla --loss softmax --space 'lr=0.001..0.02:log,temperature=0.05..0.5' \
            --trials 12 --budget-minutes 60
            """)

    @OptionGroup(title: "Data") var dataOptions: DataOptions
    @Option(help: ArgumentHelp("The options to search and their values: name=lo..hi[:log][:N] or name=a|b, comma-separated.",
                               valueName: "space"))
    var space: String
    @Option(help: "random (draws --trials combinations) or grid (every combination, ranges at their :N points, default 3).")
    var method: SearchMethod = .random
    @Option(help: "Trials of a random search (default 20).") var trials = 20
    @Option(name: .customLong("search-seed"), help: "Seed of the random search's draws (trial N's values depend only on it and N).")
    var searchSeed: UInt64 = 1
    @Option(name: .customLong("budget-minutes"), help: "Stop starting trials when another one would end after this many minutes.")
    var budgetMinutes: Double?
    @Option(name: .customLong("model"), help: "The model trained: lightgcn, mf or lrgccf (default lightgcn).")
    var model = "lightgcn"
    @Option(help: ArgumentHelp("Directory of the trial files (default runs/tune).", valueName: "dir")) var results = "runs/tune"
    @Option(help: ArgumentHelp("Where to write the best configuration (default RESULTS/best.toml).", valueName: "file.toml"))
    var output: String?
    @OptionGroup(title: "Training") var training: TrainingOptions
    @OptionGroup var configFile: ConfigFileOption
    @OptionGroup(title: "Output") var console: ConsoleOptions

    func run() throws {
        guard let kind = ModelKind(name: model), [.lightgcn, .mf, .lrgccf].contains(kind) else {
            throw ValidationError("--model must be lightgcn, mf or lrgccf, got '\(model)'")
        }
        if dataOptions.paperProtocol {
            throw ValidationError("tune chooses on a validation split: leave out --paper-protocol (it has none)")
        }
        guard trials >= 1 else { throw ValidationError("--trials must be ≥ 1, got \(trials)") }
        if let budgetMinutes, !(budgetMinutes > 0) { throw ValidationError("--budget-minutes must be > 0, got \(budgetMinutes)") }
        let searchSpace: SearchSpace
        do { searchSpace = try SearchSpace(parsing: space) } catch { throw ValidationError(error.description) }
        var base = try training.configuration(validating: false)  // each trial is checked below
        base.refit = false  // tune scores the validation-selected model; a refit would train on validation
        let combinations = try plannedTrials(searchSpace)
        let trialConfigurations = try combinations.map { values in
            var c = base
            for (dimension, value) in zip(searchSpace.dimensions, values) {
                do { try dimension.parameter.apply(value, to: &c); try c.validate() } catch {
                        throw ValidationError("--space: \(dimension.parameter.rawValue) = \(value): \(error)")
                }
            }
            return c
        }

        let loaded = try dataOptions.load()
        let dataset = loaded.dataset
        guard (dataset.validation?.interactionCount ?? 0) > 0 else {
            throw ValidationError("\(dataset.name) has no validation split to tune on; give --validation-fraction or a dataset with one")
        }
        try checkCutoffs(base.ks, itemCount: dataset.itemCount)
        let plans = zip(combinations, trialConfigurations).map { values, configuration in
            TuneSearch.Plan(parameters: Dictionary(uniqueKeysWithValues: zip(searchSpace.dimensions.map(\.parameter.rawValue), values)),
                            configuration: configuration)
        }
        let store = TuneStore(directory: results, splitFingerprint: dataset.splitFingerprint, model: kind.rawValue)
        let progress = console.progress()
        let search = TuneSearch(kind: kind, plans: plans, budgetSeconds: budgetMinutes.map { $0 * 60 })
        let finished = try search.run(on: dataset, store: store) { event in
            switch event {
            case .reused(let index, let path): progress.finish("trial \(index + 1): reusing \(path)")
            case .budgetReached(let remaining):
                progress.finish("budget of \(budgetMinutes ?? 0) minutes reached: \(remaining) trials not started")
            case .claimedElsewhere(let index, let lock): progress.finish("trial \(index + 1): claimed by another tune process (\(lock))")
            case .started(let index, let count, let parameters):
                progress.update("trial \(index + 1)/\(count): " + describe(parameters, order: searchSpace))
            case .finished(let trial):
                progress.finish(String(format: "trial %d: %@ → %@ (%.1f s)", trial.index + 1, describe(trial.parameters, order: searchSpace),
                                       trial.value.map { String(format: "validation %@ %.4f", trial.metric, $0) } ?? "failed: \(trial.error ?? "")",
                                       trial.seconds))
            }
        }
        let ranked = TuneSearch.ranked(finished)
        if try console.emitJSON(finished) { return }
        print("\(dataset.name), \(kind.rawValue), split \(dataset.splitFingerprint): \(finished.count) trials, "
              + "ranked by validation \(base.selectionMetric) (the test set was not evaluated)")
        let names = searchSpace.dimensions.map(\.parameter.rawValue)
        var lines = [(["trial"] + names + [base.selectionMetric, "epoch", "seconds"]).joined(separator: "\t")]
        for trial in ranked + finished.filter({ $0.value == nil }) {
            lines.append(([String(trial.index + 1)] + names.map { trial.parameters[$0] ?? "" }
                          + [trial.value.map { String(format: "%.4f", $0) } ?? "failed", trial.selectedEpoch.map(String.init) ?? "–",
                             String(format: "%.1f", trial.seconds)]).joined(separator: "\t"))
        }
        print(lines.joined(separator: "\n"))
        guard let best = ranked.first else { throw CommandError("no trial finished: nothing to write") }
        let file = output ?? (results as NSString).appendingPathComponent("best.toml")
        let text = "# lightgcn tune: trial \(best.index + 1) of \(finished.count), validation "
            + String(format: "%@ %.6f", best.metric, best.value!) + " (search space: \(space))\n"
            + RunConfiguration(
                command: "train",
                tables: [("data", dataOptions.configurationEntries()),
                         ("training", training.configurationEntries(effective: best.configuration))],
                recorded: [("software", .string(softwareVersion)), ("dataset", .string(dataset.name)),
                           ("split-fingerprint", .string(dataset.splitFingerprint))]).text
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw CommandError("\(file): could not be written (\(error.localizedDescription))")
        }
        console.note("best: trial \(best.index + 1) (\(describe(best.parameters, order: searchSpace))), validation "
                     + String(format: "%@ %.4f", best.metric, best.value!) + "; its configuration: \(file) (replay: lightgcn train --config \(file))")
    }

    /// The values of every trial: the grid, or `trials` random draws (trial N from stream N of the seed).
    func plannedTrials(_ space: SearchSpace) throws -> [[String]] {
        switch method {
        case .grid:
            let grid = space.grid
            if grid.count > 10_000 { throw ValidationError("--method grid: \(grid.count) combinations; use fewer :N points or --method random") }
            return grid
        case .random:
            let root = SeededGenerator(seed: searchSeed)
            return (0..<trials).map { n in
                var generator = root.fork(UInt64(n))
                return space.dimensions.map { $0.sample(using: &generator) }
            }
        }
    }

    func describe(_ parameters: [String: String], order space: SearchSpace) -> String {
        space.dimensions.map { "\($0.parameter.rawValue)=\(parameters[$0.parameter.rawValue] ?? "")" }.joined(separator: " ")
    }
}

/// How `tune` chooses its trials.
enum SearchMethod: String, CaseIterable, ExpressibleByArgument {
    case random, grid
}
