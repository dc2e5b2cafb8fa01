import RecModels

/// Turns a new user's profile (an anonymous visitor's items and, for feature models, features) into a
/// final embedding in the space of the model's item embeddings, so the user is scored like a
/// known one: `score(*, i) = ⟨out_*, out_i⟩`.
///
/// The server asks its strategy for every `POST /recommend`; a feature-aware strategy can take
/// the place of ``PropagationFoldInStrategy`` without any change to the routes.
public protocol FoldInStrategy: Sendable {
    /// The final embedding (length `model.dimension`) of `user`, or nil for a model outside the
    /// LightGCN family (which ranks a new user by scoring their items itself).
    ///
    /// - Precondition: every entry of `user.items` is in `0..<model.itemCount`.
    /// - Throws: ``ServingError/badRequest(_:)`` for a profile the model cannot use (no items
    ///   and no usable features, or features the model does not have).
    func userEmbedding(for user: NewUserProfile, model: ServingModel) throws(ServingError) -> [Float]?
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
/// For a model trained with user features, a profile with `features` is embedded by the model's
/// ``ColdStartRecommender`` instead: `e_*` is the projection of the features (a new user has no
/// ID embedding), propagated over the given items, if any. Feature values
/// are strings, numbers, booleans, or arrays of them for multi-valued columns; `null` or an
/// absent column is a missing value; an unknown category value counts as missing.
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

    public func userEmbedding(for user: NewUserProfile, model: ServingModel) throws(ServingError) -> [Float]? {
        if let features = user.features {
            guard let (schema, coldStart) = model.userFeatures else {
                throw .badRequest("""
                    this model has no features: it was trained without user attributes, so 'features' cannot be used; \
                    send 'items' (the ids of items the user has) instead
                    """)
            }
            let values = try Self.text(of: features, separator: schema.multiValueSeparator)
            let row: FeatureRow
            do {
                row = try schema.features(from: values)
            } catch {
                throw .badRequest("features: \(error.description)")
            }
            return coldStart.userEmbedding(userFeatures: row.features, items: user.items)
        }
        guard !user.items.isEmpty else { throw .badRequest("'items' must list at least one item id") }
        guard var recommender = model.foldIn else { return nil }
        recommender.propagation = propagation
        recommender.layerZero = layerZero
        return recommender.embedding(forItems: user.items)
    }
}

extension PropagationFoldInStrategy {
    /// The request's feature values as the text ``FeatureSchema/features(from:unknownValues:)``
    /// reads: numbers in their shortest form (whole numbers without a decimal point), arrays
    /// joined by the multi-value separator; `null` values are left out (missing).
    static func text(of features: [String: JSONValue], separator: String) throws(ServingError) -> [String: String] {
        func scalar(_ value: JSONValue, _ name: String) throws(ServingError) -> String {
            switch value {
            case .string(let text): return text
            case .bool(let flag): return flag ? "true" : "false"
            case .number(let number):
                if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
                return String(number)
            case .null, .array, .object:
                throw .badRequest("features: '\(name)' must be a string, a number, a boolean or an array of them")
            }
        }
        var text: [String: String] = [:]
        for (name, value) in features {
            switch value {
            case .null: continue
            case .array(let values): text[name] = try values.map { v throws(ServingError) in try scalar(v, name) }.joined(separator: separator)
            default: text[name] = try scalar(value, name)
            }
        }
        return text
    }
}
