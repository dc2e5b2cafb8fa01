/// What happened in one epoch of ``RatingTrainer``.
public struct RatingEpochRecord: Codable, Sendable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Mean over the epoch's ratings of `(r̂ − r)²`, each taken before its batch's update.
    public var squaredError: Double
    /// Mean over the epoch's batches of the L2 term.
    public var regularization: Double
    /// Batches run.
    public var batches: Int
    /// Wall seconds of training (without validation).
    public var seconds: Double
    /// Validation metrics after the epoch, when validation ratings were given.
    public var validation: RatingMetrics?

    /// A record from its values.
    public init(epoch: Int, squaredError: Double, regularization: Double, batches: Int, seconds: Double,
                validation: RatingMetrics? = nil) {
        self.epoch = epoch
        self.squaredError = squaredError
        self.regularization = regularization
        self.batches = batches
        self.seconds = seconds
        self.validation = validation
    }
}
