import Foundation
import RecData
import RecModels

/// Fits a model of any kind outside the LightGCN family on a dataset's training split by the
/// same protocol as LightGCN (`lightgcn train --model KIND`): models trained by epochs (LR-GCCF)
/// select their epoch on the validation split; the test set is evaluated once, on the kept
/// model, ranking all items except those the user had before the test (training and validation).
public enum KindTraining {
    /// What ``run(_:dataset:settings:ks:)`` produced.
    public struct Outcome: Sendable {
        /// The fitted model with its provenance, ready to save.
        public var model: SavedModel
        /// The test metrics (nil without test interactions).
        public var test: EvaluationReport?
        /// Seconds the fit took.
        public var fitSeconds: Double
    }

    /// Fits a `kind` model on `dataset.train` and evaluates it once on `dataset.test` at `ks`.
    ///
    /// - Precondition: `kind` is not of the LightGCN family (those train through their own run,
    ///   with features, refits and progress).
    public static func run(_ kind: ModelKind, dataset: RecommendationDataset, settings: ModelRegistry.Settings,
                           ks: [Int]) throws -> Outcome {
        precondition(!kind.isLightGCNFamily, "KindTraining: the LightGCN family trains through TrainingRun")
        let validation = dataset.validation.flatMap { $0.interactionCount > 0 ? $0 : nil }.map {
            RankingEvaluator(known: dataset.train, heldOut: $0, ks: ks)
        }
        let start = Date()
        let fitted = try ModelRegistry.fit(kind, train: dataset.train, validation: validation, settings: settings)
        let fitSeconds = Date().timeIntervalSince(start)
        let test = dataset.test.interactionCount > 0
            ? RankingEvaluator(known: dataset.knownBeforeTest, heldOut: dataset.test, ks: ks).evaluate(fitted.recommender) : nil
        var model = fitted.saved(kind: kind, train: dataset.train, datasetName: dataset.name)
        model.catalog = dataset.catalog
        model.splitFingerprint = dataset.splitFingerprint
        model.testMetrics = test?.metrics
        return Outcome(model: model, test: test, fitSeconds: fitSeconds)
    }
}
