import ArgumentParser
import Foundation
import RecData
import RecKernels
import RecModels
import RecTraining

/// The evaluation protocols of `lightgcn evaluate`.
enum EvaluationProtocol: String, ExpressibleByArgument, CaseIterable {
    /// A saved model on a held-out test set.
    case holdout
    /// Yearly forward chaining: a new model per test year.
    case forwardChaining = "forward-chaining"
}

/// `lightgcn evaluate`: full-ranking metrics of a saved model on a test set, or the yearly
/// forward-chaining protocol.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Full-ranking metrics of a saved model on DIR/test.txt (training items excluded), or yearly forward chaining.",
        discussion: """
            --protocol forward-chaining reads DIR/train_YEAR.csv and DIR/test_YEAR.csv (for example             ../shared/data/lastfm-mlg-cs224w/folds), fits a new LightGCN and a popularity model per             year and prints HitRate@{5,10,25,50,500} (normalised ranks), Recall@K (raw ranks), MRR,             fit seconds and mean per-user recommend milliseconds; users absent from training get the             popularity ranking. No --model is needed.
            """)

    @Option(help: "A model file written by 'lightgcn train --output' (holdout protocol).") var model: String?
    @Option(help: "Directory with test.txt (and train.txt) in the LightGCN paper format, or the folds directory.") var data: String
    @Option(name: .customLong("protocol"), help: "holdout or forward-chaining.") var evaluationProtocol = EvaluationProtocol.holdout
    @Option(name: .customLong("k"), help: "Cut-off(s), comma-separated (holdout).") var k = "20"
    @Flag(help: "Print one JSON document on standard output.") var json = false
    @Flag(help: "Also evaluate the popularity baseline (holdout).") var popularity = false
    @Option(help: "Forward chaining: epochs per fold.") var epochs = 300
    @Option(help: "Forward chaining: propagation layers.") var layers = 3
    @Option(help: "Forward chaining: embedding dimension.") var dim = 64
    @Option(help: "Forward chaining: random seed.") var seed: UInt64 = 2020
    @Flag(help: "No progress output.") var quiet = false

    func run() throws {
        if evaluationProtocol == .forwardChaining {
            var configuration = TrainingConfiguration()
            configuration.epochs = epochs
            configuration.layers = layers
            configuration.dimension = dim
            configuration.seed = seed
            configuration.evaluateEvery = 0
            try ForwardChainingRun(directory: data, configuration: configuration, json: json, quiet: quiet).run()
            return
        }
        guard let model else { throw ValidationError("--model is required with --protocol holdout") }
        let trained = try ModelFile.read(from: model)
        let dataset = try RecommendationDataset.loadPaperFormat(directory: data)
        guard dataset.userCount <= trained.userCount, dataset.itemCount <= trained.itemCount else {
            throw ValidationError("\(data) has \(dataset.userCount) users and \(dataset.itemCount) items but the model was trained on \(trained.userCount) users and \(trained.itemCount) items")
        }
        if dataset.train != trained.train && dataset.train.interactionCount > 0 {
            printError("warning: \(data)/train.txt differs from the interactions the model was trained on; the model's own are excluded from the ranking")
        }
        let ks = try parseCutoffs(k)
        try checkCutoffs(ks, itemCount: trained.itemCount)
        let heldOut = InteractionMatrix(userCount: trained.userCount, itemCount: trained.itemCount,
                                        itemsOfUser: padded(dataset.test.itemsOfUser, to: trained.userCount))
        let evaluator = RankingEvaluator(known: trained.train, heldOut: heldOut, ks: ks)
        var reports: [String: EvaluationReport] = ["lightgcn": evaluator.evaluate(trained.recommender())]
        if popularity {
            reports["popularity"] = evaluator.evaluate(PopularityRecommender(itemPopularity: trained.train.itemPopularity,
                                                                             userCount: trained.userCount))
        }
        if json {
            try printJSON(reports)
        } else {
            for (name, report) in reports.sorted(by: { $0.key < $1.key }) {
                print("\(name) (\(report.userCount) users, \(String(format: "%.2f", report.seconds)) s): "
                      + formatMetrics(report.metrics, ks: ks, names: ["Recall", "NDCG", "Precision", "HitRate", "MRR", "MAP"]))
            }
        }
    }
}

/// The same rows with empty rows appended up to `rows`.
func padded(_ rows: IndexRows, to count: Int) -> IndexRows {
    var offsets = rows.offsets
    while offsets.count < count + 1 { offsets.append(offsets.last!) }
    return IndexRows(offsets: offsets, indices: rows.indices)
}
