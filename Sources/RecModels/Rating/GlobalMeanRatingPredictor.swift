import RecData

/// The simplest rating baseline: every pair gets the mean training rating, `r̂_ui = μ`.
public struct GlobalMeanRatingPredictor: RatingPredictor {
    /// `μ`, the mean of the training ratings.
    public let globalMean: Float

    /// A predictor of a given mean.
    public init(globalMean: Float) {
        self.globalMean = globalMean
    }

    /// The predictor of the mean of `train` (0 when it is empty).
    public init(train: RatingSet) {
        globalMean = Float(train.meanRating)
    }

    /// `μ`.
    public func predictRating(user: Int, item: Int) -> Float { globalMean }

    /// Always false: the mean is the model, not a fallback.
    public func usesFallback(user: Int, item: Int) -> Bool { false }
}
