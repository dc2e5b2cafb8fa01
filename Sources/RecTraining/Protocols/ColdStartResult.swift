/// One row of a cold-start evaluation: a group of users (or items), a method, its metrics.
public struct ColdStartResult: Codable, Sendable, Equatable {
    /// Who is evaluated.
    public enum Group: String, Codable, Sendable, Equatable, CaseIterable {
        /// Users held out of training (``ColdUserSplit``).
        case coldUsers = "cold users"
        /// The model's own users (``ColdUserSplit/warmTest``).
        case warmUsers = "warm users"
        /// Items held out of training, ranked for their users (``ColdItemSplit``).
        case coldItems = "cold items"
    }

    /// Who is evaluated.
    public var group: Group
    /// The model and strategy, for example `"feature LightGCN, fold-in + features"`.
    public var method: String
    /// The metrics, keyed like `"Recall@20"`, and the number of evaluated users.
    public var report: EvaluationReport

    /// A row from its parts.
    public init(group: Group, method: String, report: EvaluationReport) {
        self.group = group
        self.method = method
        self.report = report
    }
}
