/// The serving-time rule that moves a new user from features to interactions as its items
/// arrive: with `n` revealed items,
///
///     out_* = λ(n) · out_*(features + items) + (1 − λ(n)) · out_*(features only),
///     λ(n) = n / (n + κ),
///
/// so a user with no item is served by its features alone (λ = 0) and one with many items
/// almost entirely by the fold-in of its items with its features (λ → 1). `κ` is the number of
/// items at which both count equally; it is chosen on validation (the cold-start protocol picks
/// it on the revealed items alone, see `ColdStartEvaluation.chooseBlend`). `κ = 0` means
/// fold-in + features as soon as one item is known; `κ = ∞` means features only.
public struct ColdStartBlend: Sendable, Equatable, Hashable {
    /// `κ ≥ 0` (may be `.infinity`).
    public var kappa: Double

    /// A rule with half-way point `kappa`.
    public init(kappa: Double) {
        precondition(kappa >= 0, "ColdStartBlend: κ must be ≥ 0, got \(kappa)")
        self.kappa = kappa
    }

    /// `λ(n) = n / (n + κ)` (0 for `n = 0`; 0 for every `n` when `κ = ∞`).
    public func interactionWeight(revealedCount n: Int) -> Float {
        guard n > 0, kappa.isFinite else { return 0 }
        return Float(Double(n) / (Double(n) + kappa))
    }

    /// The candidates the protocol tries: `κ ∈ {0, 0.5, 1, 2, 4, 8, 16, 32, ∞}`.
    public static let grid: [ColdStartBlend] = [0, 0.5, 1, 2, 4, 8, 16, 32, .infinity].map(ColdStartBlend.init(kappa:))
}
