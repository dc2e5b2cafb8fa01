import Dispatch

/// Wall seconds spent in each phase of BPR training, summed over all steps so far.
public struct StepTimings: Codable, Sendable, Equatable {
    /// Drawing the epoch's triples.
    public var sampling = 0.0
    /// Dynamic negative sampling: drawing each triple's negative candidates, scoring them and
    /// keeping the hardest (zero with one candidate per triple).
    public var candidates = 0.0
    /// Propagation Σₗ αₗ Âˡ E⁰.
    public var forward = 0.0
    /// Scores, BPR loss and ∂L/∂out of the batch.
    public var loss = 0.0
    /// Back-propagation Σₗ αₗ (Âᵀ)ˡ ∂L/∂out (and clearing ∂L/∂out).
    public var backward = 0.0
    /// The L2 term and its gradient.
    public var regularization = 0.0
    /// The Adam update.
    public var optimizer = 0.0

    /// Sum of all phases.
    public var total: Double { sampling + candidates + forward + loss + backward + regularization + optimizer }

    /// Adds `other`'s seconds phase by phase (for example a refit's to its selection run's).
    public mutating func add(_ other: StepTimings) {
        sampling += other.sampling
        candidates += other.candidates
        forward += other.forward
        loss += other.loss
        backward += other.backward
        regularization += other.regularization
        optimizer += other.optimizer
    }

    /// The phases as (name, seconds) pairs, in step order.
    public var phases: [(name: String, seconds: Double)] {
        [("sampling", sampling), ("candidates", candidates), ("forward", forward), ("loss", loss), ("backward", backward),
         ("regularization", regularization), ("optimizer", optimizer)]
    }
}

/// A stopwatch for consecutive phases.
struct PhaseClock {
    var last = DispatchTime.now().uptimeNanoseconds

    /// Seconds since the previous lap (or creation), and starts the next.
    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}
