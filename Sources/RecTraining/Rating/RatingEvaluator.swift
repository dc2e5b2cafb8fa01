import RecData
import RecModels

/// RMSE and MAE of a ``RatingPredictor`` on held-out ratings.
///
/// Every prediction is clipped to `ratingRange` before the error is taken (default `1...5`,
/// the MovieLens star range): a prediction of 5.4 counts as 5, one of 0.7 as 1. This is what
/// rating libraries report (Surprise clips to the dataset's rating scale) and can only lower
/// the error. Pass `ratingRange: nil` to score raw predictions (for example a training MSE).
///
/// Users and items without training ratings get the predictor's documented fallback (for the
/// models here, `μ` plus the biases that are known); they are counted in
/// ``RatingMetrics/fallbackCount`` and included in the metrics.
public struct RatingEvaluator: Sendable {
    /// The ratings to predict.
    public let heldOut: RatingSet
    /// The range predictions are clipped to, or nil for no clipping.
    public let ratingRange: ClosedRange<Float>?

    /// An evaluator of `heldOut`, clipping to `ratingRange`.
    public init(heldOut: RatingSet, ratingRange: ClosedRange<Float>? = 1...5) {
        self.heldOut = heldOut
        self.ratingRange = ratingRange
    }

    /// The metrics of `predictor` on ``heldOut`` (RMSE and MAE are NaN for an empty set).
    ///
    /// - Complexity: one prediction per held-out rating (O(n · D) for embedding models).
    public func evaluate(_ predictor: some RatingPredictor) -> RatingMetrics {
        var squares = 0.0, absolutes = 0.0, fallbacks = 0, clipped = 0
        for k in 0..<heldOut.count {
            let user = Int(heldOut.users[k]), item = Int(heldOut.items[k])
            var r = predictor.predictRating(user: user, item: item)
            if let range = ratingRange, !range.contains(r) {
                r = min(max(r, range.lowerBound), range.upperBound)
                clipped += 1
            }
            if predictor.usesFallback(user: user, item: item) { fallbacks += 1 }
            let error = Double(r) - Double(heldOut.ratings[k])
            squares += error * error
            absolutes += abs(error)
        }
        let n = Double(heldOut.count)
        return RatingMetrics(rmse: heldOut.isEmpty ? .nan : (squares / n).squareRoot(),
                             mae: heldOut.isEmpty ? .nan : absolutes / n, count: heldOut.count,
                             fallbackCount: fallbacks, clippedCount: clipped)
    }
}
