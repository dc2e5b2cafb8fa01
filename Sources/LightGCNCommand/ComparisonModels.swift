import Foundation
import RecData
import RecModels
import RecTraining

/// A model `compare` can fit: its name, its settings in one line, and how to fit it on a
/// training matrix (with a validation evaluator for models trained by epochs).
struct ComparisonModel {
    /// The name on the command line and in the table.
    var name: String
    /// The settings, one line (part of the key under which results are reused).
    var settings: String
    /// Fits on `train`; `validation` (when the protocol has one) selects the epoch of models
    /// trained by epochs. Returns the fitted model and the selected epoch, if any.
    var fit: (_ train: InteractionMatrix, _ validation: RankingEvaluator?) throws -> (any Recommender, Int?)
}

/// The models of `compare`, with their documented defaults.
enum ComparisonModels {
    /// Every model name `compare` knows, in the default order of the table.
    static let names = ["lightgcn", "mf", "lrgccf", "ials", "ease", "itemknn", "gfcf", "popularity"]

    /// The model called `name`, trained (for LightGCN) with `configuration`.
    /// `memoryLimitBytes` caps what EASE may allocate (nil: the machine's available memory).
    static func model(named name: String, configuration: TrainingConfiguration, memoryLimitBytes: Int? = nil) throws -> ComparisonModel {
        switch name {
        case "popularity":
            return ComparisonModel(name: name, settings: "training interaction counts") { train, _ in
                (PopularityRecommender(itemPopularity: train.itemPopularity, userCount: train.userCount), nil)
            }
        case "lightgcn":
            return ComparisonModel(name: name, settings: describe(configuration)) { train, validation in
                let trainer = try BPRTrainer(train: train, configuration: configuration)
                let fit = trainer.fit(evaluator: nil, validation: validation)
                return (trainer.recommender(), validation == nil ? nil : fit.selectedEpoch)
            }
        case "mf":
            // MF-BPR is LightGCN with no propagation layer (final embedding = layer 0).
            var mf = configuration
            mf.layers = 0
            return ComparisonModel(name: name, settings: describe(mf)) { train, validation in
                let trainer = try BPRTrainer(train: train, configuration: mf)
                let fit = trainer.fit(evaluator: nil, validation: validation)
                return (trainer.recommender(), validation == nil ? nil : fit.selectedEpoch)
            }
        case "lrgccf":
            var lrgccf = LRGCCFConfiguration()
            lrgccf.training = configuration
            return ComparisonModel(
                name: name, settings: describe(configuration) + ", W: \(lrgccf.transformInitialization), μ \(lrgccf.transformLambda)"
            ) { train, validation in
                let trainer = try LRGCCFTrainer(train: train, configuration: lrgccf)
                let fit = trainer.fit(evaluator: nil, validation: validation)
                return (trainer.recommender(), validation == nil ? nil : fit.selectedEpoch)
            }
        case "ease":
            var options = EASERecommender.Options()
            options.memoryLimitBytes = memoryLimitBytes
            return ComparisonModel(name: name, settings: "λ = \(options.regularization)") { train, _ in
                (try EASERecommender.fit(train: train, options: options), nil)
            }
        case "itemknn":
            let options = ItemKNNRecommender.Options()
            return ComparisonModel(name: name, settings: "cosine, k = \(options.neighbors), shrinkage \(options.shrinkage)") { train, _ in
                (try ItemKNNRecommender.fit(train: train, options: options), nil)
            }
        case "gfcf":
            let options = GFCFRecommender.Options()
            return ComparisonModel(name: name, settings: "rank \(options.rank), α = \(options.idealFilterWeight), seed \(options.seed)") { train, _ in
                (try GFCFRecommender.fit(train: train, options: options), nil)
            }
        case "ials":
            let options = ImplicitALSRecommender.Options()
            return ComparisonModel(
                name: name,
                settings: "f = \(options.factors), λ = \(options.regularization), α = \(options.alpha), \(options.iterations) iterations, seed \(options.seed)"
            ) { train, _ in
                (try ImplicitALSRecommender.fit(train: train, options: options), nil)
            }
        default:
            throw CommandError("unknown model '\(name)'; known models: \(names.joined(separator: ", "))")
        }
    }

    /// The training settings that matter for results, one line.
    static func describe(_ c: TrainingConfiguration) -> String {
        "\(c.layers) layers, dim \(c.dimension), \(c.epochs) epochs, batch \(c.batchSize), lr \(c.learningRate), "
            + "λ \(c.lambda) (\(c.regularization.rawValue)), \(c.initialization.rawValue) init, \(c.sampling.rawValue), "
            + "seed \(c.seed), eval every \(c.evaluateEvery), patience \(c.patience.map(String.init) ?? "none"), "
            + "select \(c.selectionMetric)"
            + (c.initialization == .spectral ? ", spectral p \(c.spectralExponent) scale \(c.spectralScale)" : "")
            + (c.negativeCandidates > 1 ? ", hardest of \(c.negativeCandidates) negatives" : "")
            + (c.timeBudgetSeconds.map { ", budget \($0) s" } ?? "")
            + (c.cosineDecayEpochs.map { ", lr cosine-decayed over \($0) epochs" } ?? "")
    }
}
