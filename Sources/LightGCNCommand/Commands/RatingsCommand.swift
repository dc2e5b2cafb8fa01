import ArgumentParser
import Foundation
import RecData
import RecKernels
import RecModels
import RecTraining

/// `lightgcn ratings`: rating prediction on explicit feedback (MovieLens stars), LightGCN with a
/// score head next to biased matrix factorisation and the simple baselines, by RMSE and MAE.
struct RatingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ratings",
        abstract: "Predict explicit ratings (RMSE/MAE): LightGCN with a score head, biased MF, biases, global mean.",
        discussion: """
            Every rating of --data (MovieLens 100K or 1M, or a CSV with a rating column) is \
            split per user into train, validation and test (--split-fractions, --split-seed). \
            The models trained by epochs (lightgcn: r̂ = μ + b_u + b_i + ⟨out_u, out_i⟩ with \
            out = LightGCN's propagation over the graph of training ratings; mf: the same with \
            no propagation layer, the classic biased MF) minimise the mean squared error with \
            Adam and stop early on validation RMSE, restoring the best epoch. 'biases' is the \
            closed-form shrunk user and item biases, 'mean' the training mean. Predictions are \
            clipped to [1, 5]; users or items without training ratings fall back to μ plus the \
            known bias. RMSE and MAE are on the test ratings.

            Exit codes: 0 success; 1 a runtime error (no ratings in the data); 64 a usage error.
            """)

    @OptionGroup(title: "Data") var dataOptions: DataOptions
    @Option(help: "Models, comma-separated (mean, biases, mf, lightgcn).") var models = "mean,biases,mf,lightgcn"
    @Option(help: "Propagation layers of lightgcn.") var layers = 3
    @Option(help: "Embedding dimension.") var dim = 64
    @Option(help: "Maximum epochs (early stopping on validation RMSE).") var epochs = 100
    @Option(name: .customLong("batch-size"), help: "Ratings per batch (default 1024).") var batchSize: Int?
    @Option(help: "Adam learning rate (default 0.005).") var lr: Double?
    @Option(help: "Random seed of initialisation and shuffling.") var seed: UInt64 = 2020
    @OptionGroup var console: ConsoleOptions

    /// One model's test results.
    struct Row: Encodable {
        var model: String
        var rmse: Double
        var mae: Double
        var fitSeconds: Double
        var selectedEpoch: Int?
        var fallbacks: Int
    }

    func run() throws {
        let names = models.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let known = ["mean", "biases", "mf", "lightgcn"]
        if let unknown = names.first(where: { !known.contains($0) }) {
            throw ValidationError("unknown model '\(unknown)'; known: \(known.joined(separator: ", "))")
        }
        guard let data = dataOptions.data else { throw ValidationError("--data is required: a dataset with ratings") }
        var options = try dataOptions.datasetOptions()
        options.minRating = .none
        let log = try DatasetLocator(dataRoot: dataOptions.dataRoot).load(data, options: options).log
        guard let log, log.ratings != nil else {
            throw CommandError("\(data) has no rating values; rating prediction needs explicit ratings (MovieLens, or a CSV with a rating column)")
        }
        var generator = SeededGenerator(seed: options.seed)
        let split = try RatingSplit(log: log, splitter: options.split.splitter, using: &generator)
        console.note("\(log.name): \(grouped(split.train.count)) training, \(grouped(split.validation?.count ?? 0)) validation, "
                     + "\(grouped(split.test.count)) test ratings (\(split.method), seed \(options.seed))")
        let evaluator = RatingEvaluator(heldOut: split.test)
        var rows: [Row] = []
        for name in names {
            let start = Date()
            let progress = console.progress()
            switch name {
            case "mean":
                let m = evaluator.evaluate(GlobalMeanRatingPredictor(train: split.train))
                rows.append(Row(model: name, rmse: m.rmse, mae: m.mae, fitSeconds: 0, selectedEpoch: nil, fallbacks: m.fallbackCount))
            case "biases":
                let predictor = BiasRatingPredictor(train: split.train)
                let m = evaluator.evaluate(predictor)
                rows.append(Row(model: name, rmse: m.rmse, mae: m.mae, fitSeconds: Date().timeIntervalSince(start),
                                selectedEpoch: nil, fallbacks: m.fallbackCount))
            default:
                var configuration = name == "mf" ? RatingTrainingConfiguration.matrixFactorization : RatingTrainingConfiguration()
                if name == "lightgcn" { configuration.layers = layers }
                configuration.dimension = dim
                configuration.epochs = epochs
                configuration.seed = seed
                if let batchSize { configuration.batchSize = batchSize }
                if let lr { configuration.learningRate = lr }
                do {
                    try configuration.validate()
                } catch {
                    throw ValidationError(error.description)
                }
                let trainer = try RatingTrainer(train: split.train, configuration: configuration)
                let fit = trainer.fit(validation: split.validation) { record in
                    progress.update("\(name): epoch \(record.epoch)/\(epochs)")
                }
                let m = evaluator.evaluate(trainer.predictor())
                rows.append(Row(model: name, rmse: m.rmse, mae: m.mae, fitSeconds: Date().timeIntervalSince(start),
                                selectedEpoch: fit.selectedEpoch, fallbacks: m.fallbackCount))
            }
            progress.finish(String(format: "%@: test RMSE %.4f", name, rows.last!.rmse))
        }
        if try console.emitJSON(rows) { return }
        print("model       test RMSE   test MAE   fit s  epoch")
        for r in rows {
            print(pad(r.model, 10) + String(format: "%11.4f%11.4f%8.2f", r.rmse, r.mae, r.fitSeconds)
                  + pad(r.selectedEpoch.map(String.init) ?? "–", 7, left: true))
        }
    }
}
