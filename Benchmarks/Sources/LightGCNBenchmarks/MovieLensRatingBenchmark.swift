import Foundation
import RecData
import RecKernels
import RecModels
import RecTraining

/// Rating prediction on MovieLens 100K: a random per-user 80/10/10 split of the ratings
/// (seed 2020), early stopping on the validation RMSE, then RMSE and MAE on test (predictions
/// clipped to 1…5), for the global mean, the closed-form biases, biased matrix factorisation
/// and LightGCN with the rating head, each with its fit time.
///
/// A benchmark, not a unit test: run by `swift run -c release lightgcn-benchmarks ratings/…`, best in release
/// . `RATINGS_ML100K`
/// overrides the directory (default `../shared/data/ml-100k`); `RATINGS_EPOCHS`, `RATINGS_LR`,
/// `RATINGS_LAMBDA` and `RATINGS_DIM` override the library defaults of both models
/// (`RatingTrainingConfiguration()` for LightGCN, `.matrixFactorization` for MF).
enum MovieLensRatingBenchmark {
    static let environment = ProcessInfo.processInfo.environment
    static var directory: String { environment["RATINGS_ML100K"] ?? "../shared/data/ml-100k" }

    struct BenchmarkDataMissing: Error, CustomStringConvertible {
        let path: String
        var description: String { "MovieLens 100K not found at \(path) (set RATINGS_ML100K)" }
    }

    static func split() throws -> RatingSplit {
        guard FileManager.default.fileExists(atPath: directory + "/u.data") else {
            throw BenchmarkDataMissing(path: directory)
        }
        let log = try MovieLens100KReader().readRatings(path: directory + "/u.data")
        var generator = SeededGenerator(seed: 2020)
        return try RatingSplit(log: log, splitter: RandomHoldoutSplit(train: 0.8, validation: 0.1, test: 0.1),
                               using: &generator)
    }

    static func configuration(layers: Int) -> RatingTrainingConfiguration {
        var c = layers == 0 ? RatingTrainingConfiguration.matrixFactorization : RatingTrainingConfiguration()
        c.layers = layers
        if let v = environment["RATINGS_EPOCHS"].flatMap(Int.init) { c.epochs = v }
        if let v = environment["RATINGS_LR"].flatMap(Double.init) { c.learningRate = v }
        if let v = environment["RATINGS_LAMBDA"].flatMap(Double.init) { c.lambda = v }
        if let v = environment["RATINGS_DIM"].flatMap(Int.init) { c.dimension = v }
        return c
    }

    static func line(_ name: String, _ m: RatingMetrics) -> String {
        "\(name): " + String(format: "test RMSE %.4f, MAE %.4f (%d ratings, %d by fallback, %d clipped)",
                              m.rmse, m.mae, m.count, m.fallbackCount, m.clippedCount)
    }

    static func run(_ name: String, layers: Int) throws {
        let data = try split()
        let configuration = configuration(layers: layers)
        let clock = ContinuousClock()
        var result: RatingFitResult?
        var trainer: RatingTrainer?
        let fitTime = try clock.measure {
            let t = try RatingTrainer(train: data.train, configuration: configuration)
            result = t.fit(validation: data.validation) { record in
                print("\(name) " + String(format: "epoch %d: train MSE %.4f, validation RMSE %.4f, %.2f s", record.epoch,
                                          record.squaredError, record.validation?.rmse ?? .nan, record.seconds))
            }
            trainer = t
        }
        let metrics = RatingEvaluator(heldOut: data.test).evaluate(trainer!.predictor())
        print(line(name, metrics) + String(
            format: "; validation RMSE %.4f at epoch %d of %d; fit %.1f s; L=%d D=%d lr=%g λ=%g λ_b=%g batch=%d",
            result!.validation?.rmse ?? .nan, result!.selectedEpoch, trainer!.history.count,
            Double(fitTime.components.seconds) + Double(fitTime.components.attoseconds) * 1e-18,
            configuration.layers, configuration.dimension, configuration.learningRate, configuration.lambda,
            configuration.biasLambda, configuration.batchSize))
    }

    static func baselines() throws {
        let data = try Self.split()
        print("ml-100k \(data.method): train \(data.train.count), validation \(data.validation?.count ?? 0), "
            + "test \(data.test.count) ratings; \(data.coldRatingCount(in: data.test)) test ratings with a cold user or item")
        let test = RatingEvaluator(heldOut: data.test)
        print(Self.line("global mean", test.evaluate(GlobalMeanRatingPredictor(train: data.train))))
        print(Self.line("biases (closed form)", test.evaluate(BiasRatingPredictor(train: data.train))))
    }

    static func matrixFactorization() throws { try Self.run("biased MF", layers: 0) }
    static func lightGCN() throws { try Self.run("LightGCN", layers: 3) }
}
