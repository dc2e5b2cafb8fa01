/// A log's records divided into train, validation and test, as matrices over the log's id space.
///
/// Every record is in exactly one part (`parts[k]`), and the log's (user, item) pairs are
/// unique, so the three matrices share no pair: nothing leaks from validation or test into the
/// training graph.
public struct DataSplit: Sendable, Equatable {
    /// The part a record belongs to.
    public enum Part: UInt8, Sendable, Equatable, CaseIterable {
        /// Training interactions (the only ones the graph may contain).
        case train
        /// Held out for model selection.
        case validation
        /// Held out for final metrics.
        case test
    }

    /// The part of each record of the log, in record order.
    public let parts: [Part]
    /// Training interactions.
    public let train: InteractionMatrix
    /// Validation interactions, or nil when the method makes none.
    public let validation: InteractionMatrix?
    /// Test interactions.
    public let test: InteractionMatrix
    /// How the split was made, for reports (for example `random holdout 0.8/0.1/0.1, seed 42`).
    public let method: String

    /// The split of `log` given each record's part. `hasValidation` decides whether
    /// `validation` is a matrix (possibly empty) or nil.
    public init(log: InteractionLog, parts: [Part], hasValidation: Bool, method: String) {
        precondition(parts.count == log.count, "one part per record")
        self.parts = parts
        self.method = method
        var records: [[Int]] = [[], [], []]
        for (k, part) in parts.enumerated() { records[Int(part.rawValue)].append(k) }
        train = log.matrix(records: records[0], duplicateCount: log.duplicateCount)
        validation = hasValidation ? log.matrix(records: records[1]) : nil
        test = log.matrix(records: records[2])
    }

    /// Number of records in `part`.
    public func count(of part: Part) -> Int { parts.lazy.filter { $0 == part }.count }

    /// Users with test interactions but no training interaction (cold-start users).
    public var coldStartTestUsers: Int {
        test.usersWithInteractions.filter { train.itemsOfUser.count(ofRow: $0) == 0 }.count
    }

    /// Items with test interactions but no training interaction (cold-start items).
    public var coldStartTestItems: Int {
        (0..<test.itemCount).filter { test.itemPopularity[$0] > 0 && train.itemPopularity[$0] == 0 }.count
    }
}
