import RecModels

/// Turns a new user's profile (an anonymous visitor's items, later also their features) into a
/// final embedding in the space of the model's item embeddings, so the user is scored like a
/// known one: `score(*, i) = ⟨out_*, out_i⟩`.
///
/// The server asks its strategy for every `POST /recommend`; a feature-aware strategy can take
/// the place of ``PropagationFoldInStrategy`` without any change to the routes.
public protocol FoldInStrategy: Sendable {
    /// The final embedding (length `model.dimension`) of `user`.
    ///
    /// - Precondition: every entry of `user.items` is in `0..<model.itemCount`.
    /// - Throws: ``ServingError/badRequest(_:)`` for a profile the model cannot use (no items
    ///   and no usable features, or features the model does not have).
    func userEmbedding(for user: NewUserProfile, model: ServingModel) throws(ServingError) -> [Float]
}

/// LightGCN's own propagation applied to a new user node with edges to its items `S`, every
/// trained parameter fixed (``FoldInRecommender`` over ``ServingModel/foldIn``):
///
///     x̃⁰_* = e_*,   x̃ˡ_* = Σ_{i∈S} x̃^{l−1}_i / √(|S|·(d_i+1)),   out_* = Σ_l α_l x̃ˡ_*
///
/// With ``FoldInPropagation/exact`` (the default) `out_*` is the final embedding a propagation
/// of the training graph enlarged by the user would give it; `e_*` is the mean of the items'
/// layer-0 rows by default (``FoldInLayerZero/neighbourMean``).
///
/// Cost: O(L · D · Σ_{i∈S} d_i) for `L ≤ 3`, well under a millisecond on Gowalla for a user with
/// a few dozen items; then one pass over the items to score.
public struct PropagationFoldInStrategy: FoldInStrategy {
    /// How the new user's layers are propagated.
    public var propagation: FoldInPropagation
    /// Where the new user's layer-0 embedding comes from.
    public var layerZero: FoldInLayerZero

    /// The exact propagation with the neighbours' mean as layer 0 (``FoldInRecommender``'s defaults).
    public init(propagation: FoldInPropagation = .exact, layerZero: FoldInLayerZero = .neighbourMean) {
        self.propagation = propagation
        self.layerZero = layerZero
    }

    public func userEmbedding(for user: NewUserProfile, model: ServingModel) throws(ServingError) -> [Float] {
        if user.features != nil && !model.acceptsFeatures {
            throw .badRequest("""
                this model has no features: it was trained without user attributes, so 'features' cannot be used; \
                send 'items' (the ids of items the user has) instead
                """)
        }
        guard !user.items.isEmpty else { throw .badRequest("'items' must list at least one item id") }
        var recommender = model.foldIn
        recommender.propagation = propagation
        recommender.layerZero = layerZero
        return recommender.embedding(forItems: user.items)
    }
}
