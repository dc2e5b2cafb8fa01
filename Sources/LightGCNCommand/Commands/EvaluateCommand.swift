import ArgumentParser
import Foundation
import RecData
import RecKernels
import RecModels
import RecReports
import RecTraining

/// The evaluation protocols of `lightgcn evaluate`.
enum EvaluationProtocol: String, ExpressibleByArgument, CaseIterable {
    /// A saved model on a held-out test set.
    case holdout
    /// Yearly forward chaining: a new model per test year.
    case forwardChaining = "forward-chaining"
    /// Whole users (or items) held out of training, ranked by fold-in and/or features.
    case coldStart = "cold-start"
}

extension ColdStartStudy.Side: ExpressibleByArgument {}

/// `lightgcn evaluate`: full-ranking metrics of a saved model on its test set, the yearly
/// forward-chaining protocol, or the cold-start protocol.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Full-ranking metrics of a saved model on its test set (known items excluded), yearly forward chaining, or cold start.",
        discussion: """
            Holdout (the default): the model file records the data options it was trained \
            with, so 'evaluate --model M' rebuilds the same split (checked by its fingerprint) \
            and ranks every item for every test user, with the user's training and validation \
            items excluded. Options given here override the recorded ones (for example --data \
            for a dataset that moved).

            --protocol forward-chaining --data FOLDS reads FOLDS/train_YEAR.csv and \
            FOLDS/test_YEAR.csv (for example ../shared/data/lastfm-mlg-cs224w/folds), fits a \
            new LightGCN and a popularity model per year and prints HitRate@{5,10,25,50,500} \
            (normalised ranks), Recall@K (raw ranks), MRR, fit seconds and mean per-user \
            recommend milliseconds; users absent from training get the popularity ranking. \
            No --model is needed. The LightGCN here is this project's (symmetric \
            normalisation, sampled BPR); the reference project used mean aggregation and a \
            full BPR over 1000 epochs, so its numbers are not the same model's.

            --protocol cold-start --data D holds whole users out of training (--cold items: \
            whole items), --cold-fraction of them, and reveals --revealed of each one's \
            interactions (default 0.5 for users, 0 for items); an ID-only LightGCN and, with \
            feature options (--features, --user-features FILE, …), a feature-aware LightGCN are \
            fitted on the rest for --epochs, and Recall/NDCG@K are printed for the cold group \
            (popularity, fold-in of the revealed items, features only, fold-in + features) and \
            for the warm users (popularity, ID LightGCN, feature LightGCN), as mean ± standard \
            deviation over --seeds (a new split and new models per seed). No --model is needed.

            --report FILE writes an HTML page: for holdout, the models compared (LightGCN, and \
            popularity with --popularity); for forward chaining, the per-year results as bar \
            charts and a table.

            Exit codes: 0 success; 1 a runtime error (unreadable model, data that does not \
            match it); 64 a usage error.
            """)

    @Option(help: "A model file of any kind written by 'lightgcn train --output' (holdout protocol).") var model: String?
    @OptionGroup(title: "Data (default: as recorded in the model)") var dataOptions: DataOptions
    @Option(name: .customLong("protocol"), help: "holdout, forward-chaining or cold-start.")
    var evaluationProtocol = EvaluationProtocol.holdout
    @Option(name: .customLong("k"), help: "Cut-off(s), comma-separated (holdout, cold start).") var k = "20"
    @Flag(help: "Also evaluate the popularity baseline (holdout).") var popularity = false
    @Flag(name: .customLong("beyond-accuracy"), help: """
        Holdout: also coverage@K, Gini@K of the recommended items, novelty@K (mean self-information, bits),         average recommendation popularity ARP@K, and Recall/NDCG@K by item popularity (head/mid/tail thirds)         and by user activity (quartiles Q1-Q4).
        """)
    var beyondAccuracy = false
    @Option(help: ArgumentHelp("Write an HTML report of the results to this file.", valueName: "file.html"))
    var report: String?
    @Option(help: "Forward chaining and cold start: epochs of each fitted model (default 300 for forward chaining, 40 for cold start).")
    var epochs: Int?
    @Option(help: "Forward chaining and cold start: propagation layers.") var layers = 3
    @Option(help: "Forward chaining and cold start: embedding dimension.") var dim = 64
    @Option(help: "Forward chaining and cold start: Adam learning rate (default 0.001 for forward chaining, 0.005 for cold start).")
    var lr: Double?
    @Option(help: "Forward chaining: random seed.") var seed: UInt64 = 2020
    @Option(help: "Cold start: hold out whole users or whole items.") var cold = ColdStartRun.Side.users
    @Option(name: .customLong("cold-fraction"), help: "Cold start: the share of users (or items) with ≥ 2 interactions held out.")
    var coldFraction = 0.2
    @Option(help: "Cold start: the share of each cold user's items (cold item's users) revealed for fold-in (default 0.5 for users, 0 for items).")
    var revealed: Double?
    @Option(name: .customLong("revealed-items"), help: ArgumentHelp(
        "Cold users: reveal at most this many items per cold user (the few-items case; with the default share 0.5 "
            + "a user reveals min(N, half its items)).", valueName: "N"))
    var revealedItems: Int?
    @Option(help: "Cold start: seeds, comma-separated; each gives a new split and new models, and the spread over them is printed.")
    var seeds = "1,2,3"
    @Flag(help: ArgumentHelp(
        "Cold users: add a row for the serving-time blend λ·(fold-in + features) + (1−λ)·(features only), "
            + "λ = n/(n+κ) for n revealed items, with κ chosen on the revealed items alone (needs features)."))
    var blend = false
    @OptionGroup(title: "Features (cold start)") var features: FeatureOptions
    @OptionGroup(title: "Output") var console: ConsoleOptions

    func run() throws {
        if let report { try RunFiles.checkWritable(report, option: "--report") }
        if features.isEnabled && evaluationProtocol != .coldStart {
            throw ValidationError("the feature options apply to --protocol cold-start (a saved feature model is evaluated like any other)")
        }
        if evaluationProtocol == .coldStart { return try runColdStart() }
        if evaluationProtocol == .forwardChaining {
            guard let data = dataOptions.data else { throw ValidationError("--data FOLDS is required with --protocol forward-chaining") }
            var configuration = TrainingConfiguration()
            configuration.epochs = epochs ?? 300
            if let lr { configuration.learningRate = lr }
            configuration.layers = layers
            configuration.dimension = dim
            configuration.seed = seed
            configuration.evaluateEvery = 0
            try ForwardChainingRun(directory: data, configuration: configuration, console: console, report: report).run()
            return
        }
        guard let model else { throw ValidationError("--model is required with --protocol holdout") }
        let ks = try parseCutoffs(k)
        let progress = console.progress()
        progress.update("reading \(model)…")
        let saved = try ModelRegistry.load(from: model)
        progress.finish("read \(model): \(saved.kind.displayName), \(saved.userCount) users, \(saved.itemCount) items")
        let options = try DataOptions.merging(saved: saved.dataArguments, overrides: dataOptions)
        guard options.data != nil else {
            throw ValidationError("--data is required: \(model) does not record the dataset it was trained on")
        }
        let dataset = try options.loadShowingProgress(console: console).dataset
        try checkMatches(saved: saved, dataset: dataset)
        try checkCutoffs(ks, itemCount: saved.itemCount)
        let evaluator = RankingEvaluator(known: saved.train.union(dataset.validation ?? .empty(userCount: saved.userCount, itemCount: saved.itemCount)),
                                         heldOut: dataset.test, ks: ks)
        progress.update("evaluating \(grouped(evaluator.evaluatedUsers.count)) test users…")
        var reports: [String: EvaluationReport] = [
            saved.kind.rawValue: evaluator.evaluate(saved.recommender, beyondAccuracy: beyondAccuracy),
        ]
        if popularity && saved.kind != .popularity {
            reports["popularity"] = evaluator.evaluate(PopularityRecommender(itemPopularity: saved.train.itemPopularity,
                                                                             userCount: saved.userCount),
                                                       beyondAccuracy: beyondAccuracy)
        }
        progress.finish("evaluated in \(formatDuration(reports.values.map(\.seconds).reduce(0, +)))")
        if let report {
            let rows = reports.sorted { $0.key < $1.key }.map { ComparisonReport.Row(model: $0.key, metrics: $0.value.metrics) }
            try RunReports.writeComparison(rows, dataset: dataset, seed: saved.trainedModel?.configuration.seed,
                                           configurationFile: nil, command: "evaluate", to: report)
            console.note("report written to \(report)")
        }
        if try console.emitJSON(reports) { return }
        for (name, report) in reports.sorted(by: { $0.key < $1.key }) {
            console.result("\(name) (\(report.userCount) users, \(String(format: "%.2f", report.seconds)) s): "
                           + formatMetrics(report.metrics, ks: ks, names: ["Recall", "NDCG", "Precision", "HitRate", "MRR", "MAP"]))
            if beyondAccuracy { for line in Self.beyondAccuracyLines(report.metrics, ks: ks) { console.result("  " + line) } }
        }
    }

    /// The beyond-accuracy metrics of `metrics` (``BeyondAccuracyMetrics``), a few lines per cut-off.
    static func beyondAccuracyLines(_ metrics: [String: Double], ks: [Int]) -> [String] {
        func value(_ key: String, _ format: String = "%.4f") -> String { metrics[key].map { String(format: format, $0) } ?? "–" }
        return ks.flatMap { k -> [String] in
            let groups = BeyondAccuracyMetrics.itemGroupNames, quartiles = (1...4).map { "users-Q\($0)" }
            func row(_ label: String, _ parts: [String]) -> String {
                "\(label): " + ["Recall", "NDCG"].map { metric in
                    "\(metric)@\(k) " + parts.map { "\($0.replacingOccurrences(of: "users-", with: "")) \(value("\(metric):\($0)@\(k)"))" }
                        .joined(separator: ", ")
                }.joined(separator: "; ")
            }
            return ["@\(k): coverage \(value("Coverage@\(k)")), Gini \(value("Gini@\(k)")), novelty \(value("Novelty@\(k)", "%.2f")) bits, "
                        + "ARP \(value("ARP@\(k)", "%.1f"))",
                    row("by item popularity", groups), row("by user activity (Q1 least active)", quartiles)]
        }
    }

    /// Checks that `dataset` is the data `saved` was fitted on: same shape, same training
    /// interactions (with the validation interactions, for a refitted model), and (when
    /// recorded) the same split.
    func checkMatches(saved trained: SavedModel, dataset: RecommendationDataset) throws {
        guard dataset.userCount == trained.userCount, dataset.itemCount == trained.itemCount else {
            throw CommandError("the data has \(dataset.userCount) users and \(dataset.itemCount) items but the model was "
                               + "trained on \(trained.userCount) users and \(trained.itemCount) items; pass the dataset it was trained on")
        }
        // A refitted model was trained on the training and validation interactions together.
        let expected = trained.trainedModel?.refitHistory == nil ? dataset.train : dataset.knownBeforeTest
        guard expected == trained.train else {
            throw CommandError("the data's training interactions differ from the model's (another dataset, split seed or "
                               + "validation fraction?); evaluate with the options the model was trained with")
        }
        if let recorded = trained.splitFingerprint, recorded != dataset.splitFingerprint {
            console.note("note: the validation or test interactions differ from those recorded at training time")
        }
    }
}
