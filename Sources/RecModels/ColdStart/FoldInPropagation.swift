/// How the propagated layers of a node added after training (a new user or item, "folded in")
/// are computed.
///
/// Adding a node `*` with neighbours `S` to the training graph gives it degree `|S|` and raises
/// the degree of each `w ∈ S` from `d_w` to `d_w + 1`. In the enlarged operator Ã the new edges
/// weigh `b_w = 1/√(|S|·(d_w+1))` and the old entries touching `S` shrink by
/// `c_w = √(d_w/(d_w+1))`: `Ã[v, w] = c_v · Â[v, w] · c_w` (`c = 1` outside `S`). The new
/// node's layers are
///
///     x̃⁰_* = e_*,   x̃ˡ_* = Σ_{w∈S} b_w · x̃^{l−1}_w,   out_* = Σ_l α_l x̃ˡ_*
///
/// where `x̃` are the layers of the *enlarged* graph. The two cases differ in `x̃^{l−1}_w`.
public enum FoldInPropagation: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Uses the neighbours' layers of the training graph, `x̃^{l−1}_w ≈ x^{l−1}_w`:
    ///
    ///     x̃ˡ_* = Σ_{w∈S} x^{l−1}_w / √(|S|·(d_w+1))
    ///
    /// Exact for `L ≤ 1`. For `L ≥ 2` it ignores that the new node changes its neighbours'
    /// layers (their degree becomes `d_w+1`, and from layer 1 on they also receive the new
    /// node's message). Cost O(|S|·L·D).
    case trainedNeighbourLayers
    /// The new node's final embedding on the enlarged graph exactly, as a from-scratch
    /// propagation would give it. Only the layers that change are recomputed: with
    /// `x̃ˡ_v = c_v·(xˡ_v + Σ_{w∈N(v)} Â[v,w]·ε^{l−1}_w) + [v∈S]·b_v·x̃^{l−1}_*` and the
    /// correction `εˡ_w = c_w·x̃ˡ_w − xˡ_w` (zero farther than `l` hops from `S`), layer `l` is
    /// needed only within `min(l, L−1−l)` hops of `S`. Cost O((Σ_{w∈S} d_w)·D) for `L ≤ 3`;
    /// from `L = 4` on it grows with the two-hop neighbourhood of `S`.
    case exact
}
