import Foundation
import RecData
import RecKernels
import RecModels

/// What fitting a model produced: the recommender, and for models trained by epochs the
/// selected epoch and the history.
public struct FittedModel: Sendable {
    /// The fitted model.
    public var recommender: any Recommender
    /// The settings, one line.
    public var settings: String
    /// The epoch chosen on validation (models trained by epochs, with a validation split).
    public var selectedEpoch: Int?
    /// What each epoch did (empty for closed-form models).
    public var history: [EpochRecord]
    /// The whole model, for the LightGCN family.
    public var trainedModel: TrainedModel?

    /// The model ready to save, with the provenance of its data.
    public func saved(kind: ModelKind, train: InteractionMatrix, datasetName: String) -> SavedModel {
        if let trainedModel {
            var model = trainedModel
            model.datasetName = datasetName
            model.selectedEpoch = selectedEpoch
            return SavedModel(trainedModel: model, kind: kind)
        }
        guard let persistent = recommender as? any PersistentRecommender else {
            preconditionFailure("FittedModel: a \(kind.displayName) recommender that cannot be saved")
        }
        return SavedModel(recommender: persistent, train: train, datasetName: datasetName, settings: settings,
                          history: history, selectedEpoch: selectedEpoch)
    }
}

/// The model registry: for every ``ModelKind``, how to fit it, describe its settings, save it
/// and load it again. The command-line tool, the comparison table and the server find models
/// here only, so a new kind is added in this one place (and in ``ModelKind``).
public enum ModelRegistry {
    /// The settings a kind is fitted with: the BPR training configuration of models trained by
    /// epochs (LightGCN, MF, LR-GCCF) and each closed-form model's options.
    public struct Settings: Sendable {
        /// Training of the models trained by BPR (MF uses it with zero layers).
        public var training: TrainingConfiguration
        /// EASE's options.
        public var ease: EASERecommender.Options
        /// ItemKNN's options.
        public var itemKNN: ItemKNNRecommender.Options
        /// GF-CF's options.
        public var gfcf: GFCFRecommender.Options
        /// iALS's options.
        public var ials: ImplicitALSRecommender.Options
        /// LR-GCCF's own settings beyond the training configuration.
        public var lrgccf: LRGCCFConfiguration

        /// The documented defaults, with `training` for the BPR models.
        public init(training: TrainingConfiguration = TrainingConfiguration()) {
            self.training = training
            ease = EASERecommender.Options()
            itemKNN = ItemKNNRecommender.Options()
            gfcf = GFCFRecommender.Options()
            ials = ImplicitALSRecommender.Options()
            lrgccf = LRGCCFConfiguration()
        }
    }

    /// The settings of `kind` that matter for results, in one line.
    public static func describe(_ kind: ModelKind, settings: Settings) -> String {
        switch kind {
        case .lightgcn: describe(settings.training)
        case .mf: describe(mfConfiguration(settings.training))
        case .lrgccf:
            describe(settings.training) + ", W: \(settings.lrgccf.transformInitialization), μ \(settings.lrgccf.transformLambda)"
        case .ease: "λ = \(settings.ease.regularization)"
        case .itemknn: "cosine, k = \(settings.itemKNN.neighbors), shrinkage \(settings.itemKNN.shrinkage)"
        case .gfcf: "rank \(settings.gfcf.rank), α = \(settings.gfcf.idealFilterWeight), seed \(settings.gfcf.seed)"
        case .ials:
            "f = \(settings.ials.factors), λ = \(settings.ials.regularization), α = \(settings.ials.alpha), "
                + "\(settings.ials.iterations) iterations, seed \(settings.ials.seed)"
        case .popularity: "training interaction counts"
        }
    }

    /// The BPR training settings that matter for results, one line.
    public static func describe(_ c: TrainingConfiguration) -> String {
        "\(c.layers) layers, dim \(c.dimension), \(c.epochs) epochs, batch \(c.batchSize), lr \(c.learningRate), "
            + "λ \(c.lambda) (\(c.regularization.rawValue)), \(c.initialization.rawValue) init, \(c.sampling.rawValue), "
            + "seed \(c.seed), eval every \(c.evaluateEvery), patience \(c.patience.map(String.init) ?? "none"), "
            + "select \(c.selectionMetric)"
            + (c.initialization == .spectral ? ", spectral p \(c.spectralExponent) scale \(c.spectralScale)" : "")
            + (c.negativeCandidates > 1 ? ", hardest of \(c.negativeCandidates) negatives" : "")
            + (c.timeBudgetSeconds.map { ", budget \($0) s" } ?? "")
            + (c.cosineDecayEpochs.map { ", lr cosine-decayed over \($0) epochs" } ?? "")
            + lossDescription(c)
    }

    /// The objective part of ``describe(_:)``: empty for BPR, the paper's.
    static func lossDescription(_ c: TrainingConfiguration) -> String {
        switch c.loss {
        case .bpr: ""
        case .softmax: ", softmax loss τ \(c.temperature), \(negativeDescription(c))"
        case .bsl: ", BSL τ₁ \(c.temperature) τ₂ \(c.negativeTemperature ?? c.temperature), \(negativeDescription(c))"
        case .directau: ", DirectAU γ \(c.uniformityWeight)"
        }
    }

    static func negativeDescription(_ c: TrainingConfiguration) -> String {
        switch c.negatives {
        case .inBatch: "in-batch negatives"
        case .uniform: "\(c.uniformNegatives) uniform negatives"
        case .both: "in-batch + \(c.uniformNegatives) uniform negatives"
        }
    }

    /// MF-BPR's configuration: LightGCN's with no propagation layer (final embedding = layer 0).
    public static func mfConfiguration(_ training: TrainingConfiguration) -> TrainingConfiguration {
        var mf = training
        mf.layers = 0
        return mf
    }

    /// Fits a `kind` model on `train`; `validation` (when given) selects the epoch of models
    /// trained by epochs and is ignored by closed-form models.
    ///
    /// LR-GCCF's step does not draw hard negatives: that setting is refused for it rather than ignored.
    public static func fit(_ kind: ModelKind, train: InteractionMatrix, validation: RankingEvaluator?,
                           settings: Settings) throws -> FittedModel {
        let line = describe(kind, settings: settings)
        switch kind {
        case .lightgcn, .mf:
            let configuration = kind == .mf ? mfConfiguration(settings.training) : settings.training
            let trainer = try BPRTrainer(train: train, configuration: configuration)
            let fit = trainer.fit(evaluator: nil, validation: validation)
            var model = trainer.trainedModel(datasetName: "")
            model.kind = kind
            return FittedModel(recommender: trainer.recommender(), settings: line,
                               selectedEpoch: validation == nil ? nil : fit.selectedEpoch,
                               history: trainer.history, trainedModel: model)
        case .lrgccf:
            try checkLRGCCFHonours(settings.training)
            var configuration = settings.lrgccf
            configuration.training = settings.training
            let trainer = try LRGCCFTrainer(train: train, configuration: configuration)
            let fit = trainer.fit(evaluator: nil, validation: validation)
            return FittedModel(recommender: trainer.recommender(), settings: line,
                               selectedEpoch: validation == nil ? nil : fit.selectedEpoch, history: trainer.history)
        case .ease:
            return FittedModel(recommender: try EASERecommender.fit(train: train, options: settings.ease), settings: line, history: [])
        case .itemknn:
            return FittedModel(recommender: try ItemKNNRecommender.fit(train: train, options: settings.itemKNN), settings: line,
                               history: [])
        case .gfcf:
            return FittedModel(recommender: try GFCFRecommender.fit(train: train, options: settings.gfcf), settings: line, history: [])
        case .ials:
            return FittedModel(recommender: try ImplicitALSRecommender.fit(train: train, options: settings.ials), settings: line,
                               history: [])
        case .popularity:
            return FittedModel(recommender: PopularityRecommender(itemPopularity: train.itemPopularity, userCount: train.userCount),
                               settings: line, history: [])
        }
    }

    /// LR-GCCF's trainer has no hard negatives, spectral initialisation or refit: asking for them is an error.
    static func checkLRGCCFHonours(_ training: TrainingConfiguration) throws(RegistryError) {
        var unsupported: [String] = []
        if training.negativeCandidates > 1 { unsupported.append("hard negatives (\(training.negativeCandidates) candidates)") }
        if training.initialization == .spectral { unsupported.append("spectral initialisation") }
        if training.refit { unsupported.append("a refit with the validation interactions") }
        if !unsupported.isEmpty { throw .unsupported(.lrgccf, unsupported) }
    }

    /// The `kind` model of a saved state (format version 4).
    static func rebuild(_ kind: ModelKind, state: ModelState, train: InteractionMatrix) throws(ModelStateError) -> any PersistentRecommender {
        switch kind {
        case .lightgcn, .mf: throw .invalid("kind", "\(kind.rawValue) models are stored as format version 2 or 3")
        case .lrgccf: try LRGCCFRecommender(state: state, train: train)
        case .ials: try ImplicitALSRecommender(state: state, train: train)
        case .ease: try EASERecommender(state: state, train: train)
        case .itemknn: try ItemKNNRecommender(state: state, train: train)
        case .gfcf: try GFCFRecommender(state: state, train: train)
        case .popularity: try PopularityRecommender(state: state, train: train)
        }
    }

    /// Reads a model file of any kind (format versions 2 to 4), checking its magic bytes,
    /// version, sizes and checksum.
    public static func load(from path: String) throws(ModelFileError) -> SavedModel {
        let version = try ModelFile.formatVersion(of: path)
        if version == ModelFile.stateFormatVersion {
            let data = try ModelFile.checkedContents(of: path)
            return try ModelFile.readState(data, path: path)
        }
        let trained = try ModelFile.read(from: path)
        return SavedModel(trainedModel: trained, kind: trained.kind)
    }

    /// Writes `model` to `path` (see ``ModelFile/write(_:to:)-(SavedModel,_)``).
    public static func save(_ model: SavedModel, to path: String) throws(ModelFileError) {
        try ModelFile.write(model, to: path)
    }
}

/// A setting a model kind cannot honour.
public enum RegistryError: Error, Equatable, CustomStringConvertible {
    /// The kind and the settings it does not support.
    case unsupported(ModelKind, [String])

    public var description: String {
        switch self {
        case .unsupported(let kind, let what):
            "\(kind.displayName) does not support " + what.joined(separator: ", ") + "; leave them out for this model"
        }
    }
}
