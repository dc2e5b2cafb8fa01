/// What one epoch of training did.
public struct EpochRecord: Codable, Sendable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Mean BPR term −ln σ(ŷᵤᵢ − ŷᵤⱼ) over the epoch's triples.
    public var bprLoss: Double
    /// Mean regularisation term over the epoch's batches.
    public var regularizationLoss: Double
    /// Batches run.
    public var batches: Int
    /// Wall seconds of the training part of the epoch (sampling included, evaluation excluded).
    public var seconds: Double
    /// Metrics of the evaluation after this epoch, keyed like "Recall@20" (empty when none ran).
    public var metrics: [String: Double]
    /// Seconds the evaluation took (0 when none ran).
    public var evaluationSeconds: Double

    /// A record from its parts.
    public init(epoch: Int, bprLoss: Double, regularizationLoss: Double, batches: Int, seconds: Double,
                metrics: [String: Double] = [:], evaluationSeconds: Double = 0) {
        self.epoch = epoch
        self.bprLoss = bprLoss
        self.regularizationLoss = regularizationLoss
        self.batches = batches
        self.seconds = seconds
        self.metrics = metrics
        self.evaluationSeconds = evaluationSeconds
    }

    /// Total loss = BPR + regularisation.
    public var loss: Double { bprLoss + regularizationLoss }
}

extension Sequence where Element == EpochRecord {
    /// Training seconds of the epochs, Σ seconds (evaluations excluded).
    public var trainingSeconds: Double { reduce(0) { $0 + $1.seconds } }
    /// Evaluation seconds of the epochs, Σ evaluationSeconds.
    public var evaluationSeconds: Double { reduce(0) { $0 + $1.evaluationSeconds } }
}
