/// What one retrain did, for the log, `POST /admin/retrain`, `/health` and `/metrics`.
public struct RetrainOutcome: Sendable, Equatable, Encodable {
    /// What happened to the candidate.
    public enum Decision: String, Sendable, Encodable {
        /// The candidate was not worse on the hold-out and now serves.
        case swapped
        /// The candidate was worse on the hold-out; the served model stays.
        case kept
        /// No candidate was trained (nothing to compare on, or the model cannot be retrained from events).
        case skipped
        /// The retrain failed (the message says why); the served model stays.
        case failed
    }

    /// The decision.
    public var decision: Decision
    /// Why, in one sentence.
    public var reason: String
    /// The ranking cutoff of the comparison.
    public var k: Int
    /// Users with a held-out pair.
    public var heldOutUsers = 0
    /// Recall@k and NDCG@k of the served model and of the candidate on the hold-out.
    public var servedRecall: Double?
    public var servedNDCG: Double?
    public var candidateRecall: Double?
    public var candidateNDCG: Double?
    /// Events in the snapshot, positive pairs trained on, and the snapshot's cursor.
    public var events = 0
    public var trainPairs = 0
    public var cursor: Int64 = 0
    /// Seconds for the whole retrain and for the fit alone.
    public var seconds = 0.0
    public var fitSeconds = 0.0
    /// The file the candidate was written to (swapped only).
    public var modelPath: String?

    /// An outcome.
    public init(decision: Decision, reason: String, k: Int) {
        self.decision = decision
        self.reason = reason
        self.k = k
    }

    /// One line for the server's log.
    public var logLine: String {
        var line = "retrain \(decision.rawValue): \(reason)"
        if let servedRecall, let candidateRecall {
            line += " (Recall@\(k) served \(Self.format(servedRecall)) vs candidate \(Self.format(candidateRecall))"
            if let servedNDCG, let candidateNDCG { line += ", NDCG@\(k) \(Self.format(servedNDCG)) vs \(Self.format(candidateNDCG))" }
            line += " on \(heldOutUsers) held-out users)"
        }
        return line + " in \(Self.format(seconds)) s"
    }

    private static func format(_ x: Double) -> String { String(format: "%.4f", x) }
}
