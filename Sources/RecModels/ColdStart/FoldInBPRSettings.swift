/// Settings of the few gradient steps that fit a folded-in node's layer-0 embedding `e_*` on
/// its own BPR loss, every other parameter fixed.
///
/// The new node's final embedding is affine in `e_*`: `out_* = γ·e_* + r` (γ = α₀ for
/// ``FoldInPropagation/trainedNeighbourLayers``; for ``FoldInPropagation/exact`` γ also counts
/// the closed walks through the node). With the other side's final embeddings `f` fixed, each
/// step minimises
///
///     L(e_*) = (1/m) Σ_{(i, j)} softplus(⟨out_*, f_j⟩ − ⟨out_*, f_i⟩) + (λ/2)·‖e_*‖²
///     ∂L/∂e_* = (γ/m) Σ −σ(⟨out_*, f_j⟩ − ⟨out_*, f_i⟩)·(f_i − f_j) + λ·e_*
///
/// over the positives `i ∈ S` (at most `maxPositivesPerStep` of them per step, drawn uniformly
/// with replacement when `|S|` is larger) and `negativesPerPositive` uniform negatives `j ∉ S`
/// each, drawn afresh per step, with Adam (β₁ = 0.9, β₂ = 0.999).
public struct FoldInBPRSettings: Sendable, Equatable, Hashable {
    /// Number of Adam steps.
    public var steps: Int
    /// Adam step size.
    public var learningRate: Double
    /// Negatives drawn per positive and step.
    public var negativesPerPositive: Int
    /// L2 weight λ on `e_*`.
    public var lambda: Double
    /// Seed of the negative draws.
    public var seed: UInt64
    /// Largest number of positives per step (bounds the cost for users with many items).
    public var maxPositivesPerStep: Int

    /// Settings; the defaults take well under a millisecond for a user with 30 items at D = 64.
    public init(steps: Int = 20, learningRate: Double = 0.05, negativesPerPositive: Int = 4,
                lambda: Double = 1e-3, seed: UInt64 = 1, maxPositivesPerStep: Int = 32) {
        self.steps = steps
        self.learningRate = learningRate
        self.negativesPerPositive = negativesPerPositive
        self.lambda = lambda
        self.seed = seed
        self.maxPositivesPerStep = maxPositivesPerStep
    }
}
