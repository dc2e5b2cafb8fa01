/// The two terms of the rating loss of one batch (see ``RatingObjective``).
public struct RatingLoss: Sendable, Equatable {
    /// `(1/B) Σ (r̂ − r)²`: the batch's mean squared error.
    public var squaredError: Double
    /// The L2 term `(1/B) Σ [λ(‖E⁰_u‖² + ‖E⁰_i‖²) + λ_b(b_u² + b_i²)]`.
    public var regularization: Double

    /// A loss from its terms.
    public init(squaredError: Double, regularization: Double) {
        self.squaredError = squaredError
        self.regularization = regularization
    }

    /// The minimised value, `squaredError + regularization`.
    public var total: Double { squaredError + regularization }
}
