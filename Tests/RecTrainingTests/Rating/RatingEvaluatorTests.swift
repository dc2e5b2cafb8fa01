import RecData
import RecModels
import RecTraining
import Testing

@Suite struct RatingEvaluatorTests {
    /// Predicts from a table; pairs not in it use the fallback value 3.
    struct TablePredictor: RatingPredictor {
        let table: [String: Float]
        func predictRating(user: Int, item: Int) -> Float { table["\(user) \(item)"] ?? 3 }
        func usesFallback(user: Int, item: Int) -> Bool { table["\(user) \(item)"] == nil }
    }

    static let heldOut = RatingSet(userCount: 3, itemCount: 3, users: [0, 1, 2, 2], items: [0, 1, 2, 0],
                                   ratings: [4, 1, 5, 2])
    static let predictor = TablePredictor(table: ["0 0": 3.5, "1 1": 0.2, "2 2": 5.6])

    @Test func rmseAndMaeOfClippedPredictions() {
        // Clipped: 3.5, 1 (from 0.2), 5 (from 5.6), 3 (fallback). Errors −0.5, 0, 0, 1.
        let metrics = RatingEvaluator(heldOut: Self.heldOut).evaluate(Self.predictor)
        #expect(abs(metrics.rmse - (1.25 / 4).squareRoot()) < 1e-12)
        #expect(abs(metrics.mae - 1.5 / 4) < 1e-12)
        #expect(metrics.count == 4 && metrics.clippedCount == 2 && metrics.fallbackCount == 1)
    }

    @Test func withoutARangeRawPredictionsAreScored() {
        // Errors −0.5, −0.8, 0.6, 1.
        let metrics = RatingEvaluator(heldOut: Self.heldOut, ratingRange: nil).evaluate(Self.predictor)
        #expect(abs(metrics.rmse - ((0.25 + 0.64 + 0.36 + 1) / 4).squareRoot()) < 1e-6)
        #expect(abs(metrics.mae - 2.9 / 4) < 1e-6)
        #expect(metrics.clippedCount == 0)
    }

    @Test func emptyHeldOutGivesNaN() {
        let empty = RatingSet(userCount: 1, itemCount: 1, users: [], items: [], ratings: [])
        let metrics = RatingEvaluator(heldOut: empty).evaluate(Self.predictor)
        #expect(metrics.rmse.isNaN && metrics.mae.isNaN && metrics.count == 0)
    }
}
