import RecData
import RecKernels
import RecModels

/// The outcome of ``RatingTrainer/fit(validation:onEpoch:)``.
public struct RatingFitResult: Sendable, Equatable {
    /// The epoch whose parameters the model holds at the end (the best on validation, or the last).
    public var selectedEpoch: Int
    /// Validation metrics of the selected epoch (nil without validation ratings).
    public var validation: RatingMetrics?
    /// Whether training stopped before `configuration.epochs` for lack of improvement.
    public var stoppedEarly: Bool
}

extension RatingTrainer {
    /// Runs up to `configuration.epochs` epochs.
    ///
    /// With non-empty `validation` ratings, the validation RMSE (predictions clipped to
    /// `configuration.ratingRange`) is measured after every epoch and recorded in the epoch's
    /// record; training stops after `configuration.patience` epochs without a lower RMSE, and the
    /// parameters (`E⁰` and both biases) of the best epoch are restored at the end. Without
    /// validation, every epoch runs and the last is kept.
    ///
    /// - Parameters:
    ///   - validation: held-out ratings for early stopping (never the test ratings).
    ///   - onEpoch: called after each epoch (and its validation) with its record.
    @discardableResult
    public func fit(validation: RatingSet? = nil, onEpoch: ((RatingEpochRecord) -> Void)? = nil) -> RatingFitResult {
        let range = configuration.ratingRange
        let evaluator = validation.flatMap { $0.isEmpty ? nil : RatingEvaluator(heldOut: $0, ratingRange: range) }
        var best: (epoch: Int, metrics: RatingMetrics, parameters: [Matrix<Float>])?
        var epochsSinceBest = 0
        var stoppedEarly = false
        for epoch in 1...max(configuration.epochs, 1) where configuration.epochs > 0 {
            trainEpoch()
            if let evaluator {
                let metrics = evaluator.evaluate(predictor())
                history[history.count - 1].validation = metrics
                if best.map({ metrics.rmse < $0.metrics.rmse }) ?? true {
                    best = (history.count, metrics, parameters.map { $0.copy() })
                    epochsSinceBest = 0
                } else {
                    epochsSinceBest += 1
                }
            }
            onEpoch?(history[history.count - 1])
            if let patience = configuration.patience, evaluator != nil, epochsSinceBest >= patience {
                stoppedEarly = epoch < configuration.epochs
                break
            }
        }
        guard let best else {
            return RatingFitResult(selectedEpoch: history.count, validation: nil, stoppedEarly: false)
        }
        for (table, saved) in zip(parameters, best.parameters) { table.assign(saved) }
        return RatingFitResult(selectedEpoch: best.epoch, validation: best.metrics, stoppedEarly: stoppedEarly)
    }

    /// The trained tables: `E⁰`, user biases, item biases.
    var parameters: [Matrix<Float>] { [model.embedding, model.userBias, model.itemBias] }
}
