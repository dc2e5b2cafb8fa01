/// A fitted model that predicts explicit ratings: the one interface rating evaluation
/// (`RatingEvaluator`: RMSE, MAE) depends on.
///
/// Users are dense indices `0..<U`, items `0..<I`, of the training id space. A predictor never
/// stops on a user or item it has not seen: it returns its documented fallback (typically the
/// global mean plus whatever biases are known) and says so through ``usesFallback(user:item:)``.
/// Predictions are not clipped; the evaluator clips them to the rating range.
public protocol RatingPredictor: Sendable {
    /// The predicted rating of `user` for `item`, unclipped.
    func predictRating(user: Int, item: Int) -> Float

    /// Whether ``predictRating(user:item:)`` is the fallback for this pair because the user or
    /// the item had no training rating (or lies outside the training id space).
    func usesFallback(user: Int, item: Int) -> Bool
}

extension RatingPredictor {
    /// The predictions of parallel arrays of users and items.
    public func predictRatings(users: [Int32], items: [Int32]) -> [Float] {
        precondition(users.count == items.count, "predictRatings: \(users.count) users for \(items.count) items")
        return zip(users, items).map { predictRating(user: Int($0), item: Int($1)) }
    }
}
