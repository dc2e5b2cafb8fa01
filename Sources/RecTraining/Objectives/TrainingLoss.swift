/// The objective a BPR-family model (LightGCN, MF, LR-GCCF, feature LightGCN) is trained with.
///
/// Every objective reads the model's final score vectors `f(v)` of a batch of training pairs
/// `(u, i)` (the model's score is `s(u, i) = ⟨f(u), f(i)⟩`) and is averaged over the B pairs:
///
/// - ``bpr``: `ℓ = softplus(s(u, j) − s(u, i))` with the pair's sampled negative `j`
///   (Rendle et al., UAI 2009; the LightGCN paper's objective).
/// - ``softmax``: sampled softmax with temperature τ over the batch's shared negatives `N`
///   (see ``NegativeSource``): `ℓ = −s(u, i)/τ + log(e^{s(u, i)/τ} + Σ_{j∈N, j≠i} e^{s(u, j)/τ})`.
/// - ``bsl``: the bilateral softmax loss (Wu et al., ICDE 2024) in its per-pair form, with τ₁ on
///   the positive and τ₂ on the negatives: `ℓ = −s(u, i)/τ₁ + (τ₂/τ₁)·log Σ_{j∈N, j≠i} e^{s(u, j)/τ₂}`
///   (with τ₁ = τ₂ it is the softmax loss without the positive in its denominator).
/// - ``directau``: alignment and uniformity of the normalised vectors `f̃ = f/‖f‖` (Wang et al.,
///   KDD 2022): `ℓ = ‖f̃(u) − f̃(i)‖² + γ·(unif(users) + unif(items))/2`, where
///   `unif(X) = log mean_{a<b} e^{−2‖x̃_a − x̃_b‖²}` over the B rows of the batch (duplicates kept, as
///   in the authors' code). It uses no negatives.
public enum TrainingLoss: String, Codable, Sendable, CaseIterable {
    /// Bayesian personalised ranking on (u, i, j) triples.
    case bpr
    /// Sampled softmax over shared negatives, temperature τ.
    case softmax
    /// Bilateral softmax: τ₁ on the positive, τ₂ on the negatives.
    case bsl
    /// Alignment + γ · uniformity on normalised vectors.
    case directau
}

/// Where the negatives of the softmax losses come from. They are shared by every pair of a batch,
/// so that the scores are one matrix product; a pair's own positive is never its negative.
public enum NegativeSource: String, Codable, Sendable, CaseIterable {
    /// The other pairs' positive items (each distinct item once).
    case inBatch = "in-batch"
    /// `uniformNegatives` items drawn uniformly from the catalogue for each batch (with
    /// replacement; other training positives of a user are not filtered out, as in sampled softmax).
    case uniform
    /// Both of the above (each distinct item once).
    case both

    /// Whether the batch's positives are negatives.
    public var usesBatch: Bool { self != .uniform }
    /// Whether uniform items are drawn.
    public var usesUniform: Bool { self != .inBatch }
}
