/// The ranking metrics of one evaluated user: the row `lightgcn evaluate-shard` prints.
public struct UserMetrics: Sendable, Equatable {
    /// The user's dense index.
    public var user: Int
    /// How many held-out items the user has (≥ 1: users without any are not evaluated).
    public var heldOutCount: Int
    /// Every metric at every cut-off for this user alone, in `RankingMetricAccumulator.results`
    /// order (metric by metric, `k` ascending).
    public var values: [MetricValue]
}
