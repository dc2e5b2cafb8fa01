/// Rating-prediction accuracy on held-out ratings (see ``RatingEvaluator``).
///
///     RMSE = √( (1/n) Σ (clip(r̂) − r)² ),   MAE = (1/n) Σ |clip(r̂) − r|
public struct RatingMetrics: Codable, Sendable, Equatable {
    /// Root mean squared error (NaN when nothing was evaluated).
    public var rmse: Double
    /// Mean absolute error (NaN when nothing was evaluated).
    public var mae: Double
    /// Number of ratings evaluated, `n`.
    public var count: Int
    /// How many of them were predicted by the predictor's fallback (user or item unseen in training).
    public var fallbackCount: Int
    /// How many predictions fell outside the rating range and were clipped.
    public var clippedCount: Int

    /// Metrics from their values.
    public init(rmse: Double, mae: Double, count: Int, fallbackCount: Int, clippedCount: Int) {
        self.rmse = rmse
        self.mae = mae
        self.count = count
        self.fallbackCount = fallbackCount
        self.clippedCount = clippedCount
    }

    /// `["RMSE": …, "MAE": …]`, for histories and reports.
    public var dictionary: [String: Double] { ["RMSE": rmse, "MAE": mae] }
}
