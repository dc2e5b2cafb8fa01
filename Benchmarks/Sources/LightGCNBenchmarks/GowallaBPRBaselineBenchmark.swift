import Foundation
import RecData
import RecModels
import RecTraining

/// Fits MF-BPR and LR-GCCF on the real Gowalla split with their documented defaults and prints
/// fit time and Recall@20 / NDCG@20 (full ranking, training items excluded). A benchmark, not a
/// unit test: run by `swift run -c release lightgcn-benchmarks gowalla-baseline/mf, gowalla-baseline/lrgccf`, and belongs in a release build
/// ; the
/// defaults train 1000 epochs. For a smoke run, `BPR_BASELINES_EPOCHS` and
/// `BPR_BASELINES_MAX_BATCHES` override the epochs and cap the batches per epoch;
/// `BPR_BASELINES_GOWALLA` overrides the directory (default `../shared/data/gowalla`).
enum GowallaBPRBaselineBenchmark {
    static let environment = ProcessInfo.processInfo.environment
    static var directory: String { environment["BPR_BASELINES_GOWALLA"] ?? "../shared/data/gowalla" }
    static var epochs: Int? { environment["BPR_BASELINES_EPOCHS"].flatMap { Int($0) } }
    static var maxBatches: Int? { environment["BPR_BASELINES_MAX_BATCHES"].flatMap { Int($0) } }

    struct BenchmarkDataMissing: Error, CustomStringConvertible {
        let path: String
        var description: String { "Gowalla not found at \(path) (set BPR_BASELINES_GOWALLA)" }
    }

    static func load() throws -> RecommendationDataset {
        guard FileManager.default.fileExists(atPath: directory + "/train.txt") else { throw BenchmarkDataMissing(path: directory) }
        return try RecommendationDataset.loadPaperFormat(directory: directory, name: "gowalla")
    }

    /// Fits with `fit`, evaluates on the test split and prints one line.
    static func run(_ name: String, settings: String, fit: (InteractionMatrix) throws -> any Recommender) throws {
        let data = try load()
        let clock = ContinuousClock()
        var model: (any Recommender)?
        let fitTime = try clock.measure { model = try fit(data.train) }
        let evaluator = RankingEvaluator(known: data.train, heldOut: data.test, ks: [20])
        let report = evaluator.evaluate(model!)
        print("\(name) [\(settings)]: fit \(fitTime), Recall@20 \(report.metrics["Recall@20"] ?? .nan), "
              + "NDCG@20 \(report.metrics["NDCG@20"] ?? .nan), evaluation \(report.seconds) s")
    }

    static func matrixFactorization() throws {
        var options = MatrixFactorizationBPR.Options()
        if let epochs = Self.epochs { options.epochs = epochs }
        options.maxBatchesPerEpoch = Self.maxBatches
        try Self.run("MF-BPR", settings: "epochs \(options.epochs), max batches \(options.maxBatchesPerEpoch.map(String.init) ?? "all")") {
            try MatrixFactorizationBPR.fit(train: $0, options: options) { record in
                print("  MF-BPR epoch \(record.epoch): loss \(record.loss), \(record.seconds) s")
            }
        }
    }

    static func lrgccf() throws {
        var configuration = LRGCCFConfiguration()
        if let epochs = Self.epochs { configuration.training.epochs = epochs }
        configuration.training.maxBatchesPerEpoch = Self.maxBatches
        let settings = "L \(configuration.training.layers), epochs \(configuration.training.epochs), "
            + "max batches \(configuration.training.maxBatchesPerEpoch.map(String.init) ?? "all")"
        try Self.run("LR-GCCF", settings: settings) { train in
            let trainer = try LRGCCFTrainer(train: train, configuration: configuration)
            trainer.fit(evaluator: nil, onEpoch: { record in
                print("  LR-GCCF epoch \(record.epoch): loss \(record.loss), \(record.seconds) s")
            })
            print("  LR-GCCF time by phase: " + trainer.timings.phases.map { "\($0.name) \($0.seconds) s" }.joined(separator: ", "))
            return trainer.recommender()
        }
    }
}
