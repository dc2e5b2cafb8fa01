import RecData
import RecModels

/// The yearly forward-chaining protocol (``ForwardChainingEvaluation``) run over every fold
/// with the two models it compares: a new LightGCN trained by BPR on each fold's earlier years,
/// and training popularity.
///
/// What `lightgcn evaluate --protocol forward-chaining` runs; the command only reads the folds
/// and prints.
public struct ForwardChainingStudy {
    /// The names of the compared models, in the order of the results.
    public static let modelNames = ["lightgcn", "popularity"]

    /// What the study reports while it runs.
    public enum Event {
        /// LightGCN is about to be fitted on `year`'s `rows` training rows.
        case fitting(year: Int, rows: Int)
        /// A batch of `year`'s fit ended (`done` of `total` in `epoch`).
        case batch(year: Int, epoch: Int, done: Int, total: Int)
        /// `year`'s `rows` test rows are being ranked.
        case evaluating(year: Int, rows: Int)
    }

    /// The settings of every LightGCN fit (`evaluateEvery` is ignored: nothing is held out).
    public var configuration: TrainingConfiguration
    /// The protocol (its cut-offs).
    public var evaluation: ForwardChainingEvaluation

    /// A study fitting LightGCN with `configuration`, at cut-offs `ks` (nil: the protocol's).
    public init(configuration: TrainingConfiguration, ks: [Int]? = nil) {
        self.configuration = configuration
        evaluation = ks.map(ForwardChainingEvaluation.init(ks:)) ?? ForwardChainingEvaluation()
    }

    /// Every fold's result per model name (``modelNames``), in fold order.
    ///
    /// - Throws: a training error of a fold's LightGCN.
    public func run(_ folds: [ForwardChainingFold],
                    onEvent: (Event) -> Void = { _ in }) throws -> [String: [ForwardChainingYearResult]] {
        var results: [String: [ForwardChainingYearResult]] = Dictionary(uniqueKeysWithValues: Self.modelNames.map { ($0, []) })
        for fold in folds {
            onEvent(.fitting(year: fold.year, rows: fold.train.count))
            results["lightgcn"]!.append(try evaluation.evaluate(fold) { train in
                let trainer = try BPRTrainer(train: train, configuration: configuration)
                withoutActuallyEscaping(onEvent) { report in
                    _ = trainer.fit(evaluator: nil, onBatch: { epoch, done, total in
                        report(.batch(year: fold.year, epoch: epoch, done: done, total: total))
                    })
                }
                onEvent(.evaluating(year: fold.year, rows: fold.test.count))
                return trainer.recommender()
            })
            results["popularity"]!.append(evaluation.evaluate(fold) { train in
                PopularityRecommender(itemPopularity: train.itemPopularity, userCount: train.userCount)
            })
        }
        return results
    }
}
