import RecKernels

/// LightGCN whose layer-0 embeddings come from features as well as (optionally) node ids:
///
///     E⁰_u = [ids] P_u + φ_U(u)        (users, nodes 0..<U)
///     E⁰_i = [ids] Q_i + φ_I(i)        (items, nodes U..<U+I)
///
/// with ID tables `P` (`U × D`), `Q` (`I × D`) and the feature projections `φ_U`, `φ_I` of
/// ``FeatureEncoder`` (users and items have their own feature sets). Propagation and scoring
/// are LightGCN's, unchanged: `out = Σ_l α_l Âˡ E⁰`, `score(u, i) = ⟨out_u, out_{U+i}⟩`.
///
/// Gradients: the backward pass of the propagation gives `G = ∂L/∂E⁰`
/// (``LightGCN/backpropagate(graph:outputGradient:into:workspace:)``); since E⁰ is linear in
/// every table, `∂L/∂P_u = G_u`, `∂L/∂Q_i = G_{U+i}`, and the feature tables follow from
/// ``FeatureEncoder/addGradient(_:layerZeroGradient:rowOffset:into:)`` on the user rows and on
/// the item rows of `G` (see ``parameterGradients(layerZeroGradient:)``).
///
/// A node never seen in training gets `E⁰ = φ(features)` (ID part zero): see
/// ``userLayerZero(features:)`` and ``itemLayerZero(features:)``.
///
/// Optionally the scores carry an item-popularity prior, `score(u, i) = ⟨out_u, out_i⟩ + w · p_i`
/// (``PopularityPrior``), so that a user described by weak features alone falls back on
/// popularity inside the model.
public final class FeatureLightGCN<Scalar: KernelScalar>: Sendable {
    /// Number of users `U`.
    public let userCount: Int
    /// Number of items `I`.
    public let itemCount: Int
    /// The propagation model; its ``LightGCN/embedding`` holds E⁰ as last assembled by
    /// ``assembleLayerZero()``.
    public let lightGCN: LightGCN<Scalar>
    /// User ID table `P` (`U × D`), nil when user ids are switched off.
    public let userIDEmbedding: Matrix<Scalar>?
    /// Item ID table `Q` (`I × D`), nil when item ids are switched off.
    public let itemIDEmbedding: Matrix<Scalar>?
    /// Projection of the user features, nil without user features.
    public let userEncoder: FeatureEncoder<Scalar>?
    /// Projection of the item features, nil without item features.
    public let itemEncoder: FeatureEncoder<Scalar>?
    /// The features of the training users (`U` rows), if any.
    public let userFeatures: NodeFeatures?
    /// The features of the training items (`I` rows), if any.
    public let itemFeatures: NodeFeatures?
    /// The item-popularity prior added to every score, nil without one.
    public let popularityPrior: PopularityPrior<Scalar>?
    /// A separate feature-only head for new users (same columns as ``userEncoder``, its own
    /// tables), nil when new users are projected by ``userEncoder``. It is not part of E⁰: it
    /// only serves users without an ID row (``userLayerZero(features:)``), so training it (ID
    /// dropout, distillation) leaves the warm model alone.
    public let userColdEncoder: FeatureEncoder<Scalar>?
    /// A separate feature-only head for new items (see ``userColdEncoder``).
    public let itemColdEncoder: FeatureEncoder<Scalar>?

    /// A model with freshly drawn tables (N(0, standardDeviation²)).
    ///
    /// - Parameters:
    ///   - userFeatures: `U` rows, or nil; likewise `itemFeatures` with `I` rows.
    ///   - useUserIDs, useItemIDs: whether the side has an ID table. A side without ids and
    ///     without features has E⁰ = 0.
    ///   - itemPopularity: the number of training users of each item (`I` values) for a
    ///     ``PopularityPrior`` with weight 0, or nil for none.
    ///   - separateColdHeads: whether each side with features gets its own feature-only head
    ///     for new nodes (``userColdEncoder``, ``itemColdEncoder``), drawn after every other
    ///     table so that the other tables are those of a model without heads.
    public init(userCount: Int, itemCount: Int, dimension: Int, numLayers: Int, alpha: LayerWeights = .uniform,
                userFeatures: NodeFeatures?, itemFeatures: NodeFeatures?, useUserIDs: Bool = true,
                useItemIDs: Bool = true, itemPopularity: [Int]? = nil, separateColdHeads: Bool = false,
                standardDeviation: Double = 0.1, generator: inout SeededGenerator) {
        precondition(itemPopularity.map { $0.count == itemCount } ?? true, "FeatureLightGCN: one popularity per item")
        precondition(userFeatures.map { $0.rowCount == userCount } ?? true, "FeatureLightGCN: one user feature row per user")
        precondition(itemFeatures.map { $0.rowCount == itemCount } ?? true, "FeatureLightGCN: one item feature row per item")
        self.userCount = userCount
        self.itemCount = itemCount
        self.userFeatures = userFeatures
        self.itemFeatures = itemFeatures
        popularityPrior = itemPopularity.map { PopularityPrior(itemCounts: $0) }
        func table(_ rows: Int, _ generator: inout SeededGenerator) -> Matrix<Scalar> {
            let m = Matrix<Scalar>(rows: rows, columns: dimension)
            m.fill { _ in Scalar(generator.nextGaussian() * standardDeviation) }
            return m
        }
        userIDEmbedding = useUserIDs ? table(userCount, &generator) : nil
        itemIDEmbedding = useItemIDs ? table(itemCount, &generator) : nil
        userEncoder = userFeatures.map { FeatureEncoder(features: $0, dimension: dimension,
                                                        standardDeviation: standardDeviation, generator: &generator) }
        itemEncoder = itemFeatures.map { FeatureEncoder(features: $0, dimension: dimension,
                                                        standardDeviation: standardDeviation, generator: &generator) }
        userColdEncoder = separateColdHeads ? userFeatures.map {
            FeatureEncoder(features: $0, dimension: dimension, standardDeviation: standardDeviation, generator: &generator)
        } : nil
        itemColdEncoder = separateColdHeads ? itemFeatures.map {
            FeatureEncoder(features: $0, dimension: dimension, standardDeviation: standardDeviation, generator: &generator)
        } : nil
        lightGCN = LightGCN(embedding: Matrix(rows: userCount + itemCount, columns: dimension),
                            numLayers: numLayers, alpha: alpha)
        assembleLayerZero()
    }

    /// A model from the parts of a trained one (for example read back from a model file), used
    /// as given (not copied); E⁰ is assembled from them.
    ///
    /// - Parameters:
    ///   - userIDEmbedding: `U × D`, or nil for a model without user ids; likewise
    ///     `itemIDEmbedding` (`I × D`).
    ///   - userEncoder, userFeatures: both or neither; the features have `U` rows in the
    ///     encoder's columns. Likewise for items (`I` rows).
    ///   - popularityPrior: a prior over the `I` items, or nil.
    ///   - userColdEncoder: a separate feature-only head for new users, reading the same
    ///     features as `userEncoder` (nil: new users are projected by `userEncoder`); likewise
    ///     `itemColdEncoder`.
    public init(userCount: Int, itemCount: Int, dimension: Int, numLayers: Int, alpha: LayerWeights = .uniform,
                userIDEmbedding: Matrix<Scalar>?, itemIDEmbedding: Matrix<Scalar>?,
                userEncoder: FeatureEncoder<Scalar>?, userFeatures: NodeFeatures?,
                itemEncoder: FeatureEncoder<Scalar>?, itemFeatures: NodeFeatures?,
                popularityPrior: PopularityPrior<Scalar>? = nil,
                userColdEncoder: FeatureEncoder<Scalar>? = nil, itemColdEncoder: FeatureEncoder<Scalar>? = nil) {
        precondition(popularityPrior.map { $0.itemValues.count == itemCount } ?? true,
                     "FeatureLightGCN: the popularity prior must have \(itemCount) items")
        precondition(userIDEmbedding.map { $0.rows == userCount && $0.columns == dimension } ?? true,
                     "FeatureLightGCN: the user ID table must be \(userCount) × \(dimension)")
        precondition(itemIDEmbedding.map { $0.rows == itemCount && $0.columns == dimension } ?? true,
                     "FeatureLightGCN: the item ID table must be \(itemCount) × \(dimension)")
        for (encoder, features, rows, side) in [(userEncoder, userFeatures, userCount, "user"),
                                                (itemEncoder, itemFeatures, itemCount, "item")] {
            precondition((encoder == nil) == (features == nil), "FeatureLightGCN: \(side) encoder and features go together")
            if let encoder, let features {
                precondition(encoder.dimension == dimension && features.rowCount == rows,
                             "FeatureLightGCN: \(side) features must have \(rows) rows and their encoder dimension \(dimension)")
                encoder.check(features)
            }
        }
        for (head, encoder, side) in [(userColdEncoder, userEncoder, "user"), (itemColdEncoder, itemEncoder, "item")] {
            guard let head else { continue }
            precondition(encoder.map { head.dimension == dimension && head.schema == $0.schema } ?? false,
                         "FeatureLightGCN: a \(side) cold head needs the \(side) encoder's columns and dimension \(dimension)")
        }
        self.userCount = userCount
        self.itemCount = itemCount
        self.userIDEmbedding = userIDEmbedding
        self.itemIDEmbedding = itemIDEmbedding
        self.userEncoder = userEncoder
        self.itemEncoder = itemEncoder
        self.userFeatures = userFeatures
        self.itemFeatures = itemFeatures
        self.popularityPrior = popularityPrior
        self.userColdEncoder = userColdEncoder
        self.itemColdEncoder = itemColdEncoder
        lightGCN = LightGCN(embedding: Matrix(rows: userCount + itemCount, columns: dimension),
                            numLayers: numLayers, alpha: alpha)
        assembleLayerZero()
    }

    /// Embedding dimension `D`.
    public var dimension: Int { lightGCN.embeddingDim }

    /// Every trainable table, in a fixed order: `P`, `Q` (when present), the user feature
    /// tables, the item feature tables, the popularity prior's weight (when present), then the
    /// tables of the separate cold heads (users', items').
    public var parameters: [Matrix<Scalar>] {
        [userIDEmbedding, itemIDEmbedding].compactMap { $0 } + (userEncoder?.tables ?? []) + (itemEncoder?.tables ?? [])
            + [popularityPrior?.weight].compactMap { $0 } + (userColdEncoder?.tables ?? []) + (itemColdEncoder?.tables ?? [])
    }

    /// The projection that serves new users: ``userColdEncoder`` when there is one, else ``userEncoder``.
    public var userFeatureOnlyEncoder: FeatureEncoder<Scalar>? { userColdEncoder ?? userEncoder }
    /// The projection that serves new items: ``itemColdEncoder`` when there is one, else ``itemEncoder``.
    public var itemFeatureOnlyEncoder: FeatureEncoder<Scalar>? { itemColdEncoder ?? itemEncoder }

    /// `α₀`, the weight of layer 0 in the output: a node without edges has `out = α₀ · E⁰`.
    public var layerZeroWeight: Scalar { lightGCN.alpha[0] }

    /// Writes `E⁰` (see the type's documentation) into ``lightGCN``'s embedding table.
    public func assembleLayerZero() {
        let e = lightGCN.embedding
        e.zero()
        if let p = userIDEmbedding { e.copyRows(0..<userCount, of: p) }
        if let q = itemIDEmbedding { e.copyRows(0..<itemCount, of: q, toRow: userCount) }
        if let encoder = userEncoder, let features = userFeatures { encoder.add(features, into: e, rowOffset: 0) }
        if let encoder = itemEncoder, let features = itemFeatures { encoder.add(features, into: e, rowOffset: userCount) }
    }

    /// The gradient of every table in ``parameters`` (same order and shapes) from
    /// `G = ∂L/∂E⁰` (`(U+I) × D`).
    public func parameterGradients(layerZeroGradient g: Matrix<Scalar>) -> [Matrix<Scalar>] {
        let gradients = parameters.map { Matrix<Scalar>(rows: $0.rows, columns: $0.columns) }
        accumulateGradients(layerZeroGradient: g, into: gradients)
        return gradients
    }

    /// Overwrites `gradients` (shaped as ``parameters``) with the tables' gradients from `G`
    /// (the popularity prior's weight, which E⁰ does not contain, gets 0).
    public func accumulateGradients(layerZeroGradient g: Matrix<Scalar>, into gradients: [Matrix<Scalar>]) {
        precondition(g.rows == userCount + itemCount && g.columns == dimension, "FeatureLightGCN: gradient shape")
        precondition(gradients.count == parameters.count, "FeatureLightGCN: one gradient per table")
        var k = 0
        if userIDEmbedding != nil { gradients[k].copyRows(0..<userCount, of: g); k += 1 }
        if itemIDEmbedding != nil { gradients[k].copyRows(userCount..<(userCount + itemCount), of: g); k += 1 }
        for table in gradients[k...] { table.zero() }
        if let encoder = userEncoder, let features = userFeatures {
            let count = encoder.tables.count
            encoder.addGradient(features, layerZeroGradient: g, rowOffset: 0, into: Array(gradients[k..<(k + count)]))
            k += count
        }
        if let encoder = itemEncoder, let features = itemFeatures {
            encoder.addGradient(features, layerZeroGradient: g, rowOffset: userCount,
                                into: Array(gradients[k..<(k + encoder.tables.count)]))
        }
    }

    /// Layer-0 embeddings `φ_U(features)` of users never seen in training (ID part zero), one
    /// row per feature row, by ``userFeatureOnlyEncoder``; zero rows without user features.
    public func userLayerZero(features: NodeFeatures) -> Matrix<Scalar> {
        userFeatureOnlyEncoder?.encode(features) ?? Matrix(rows: features.rowCount, columns: dimension)
    }

    /// Layer-0 embeddings `φ_I(features)` of items never seen in training (ID part zero), by
    /// ``itemFeatureOnlyEncoder``.
    public func itemLayerZero(features: NodeFeatures) -> Matrix<Scalar> {
        itemFeatureOnlyEncoder?.encode(features) ?? Matrix(rows: features.rowCount, columns: dimension)
    }

    /// The features of a new user read from `column → value` text with the user columns' labels
    /// and training statistics (rules and fallbacks in ``FeatureSchema``); pass
    /// ``FeatureRow/features`` to ``userLayerZero(features:)`` or to a ``ColdStartRecommender``.
    ///
    /// - Throws: ``FeatureInputError``, including ``FeatureInputError/noFeatures(side:)`` for a
    ///   model without user features.
    public func userFeatures(from values: [String: String],
                             unknownValues: UnknownFeatureValuePolicy = .treatAsMissing) throws(FeatureInputError) -> FeatureRow {
        guard let schema = userEncoder?.schema else { throw .noFeatures(side: "user") }
        return try schema.features(from: values, unknownValues: unknownValues)
    }

    /// The features of a new item read from text (see ``userFeatures(from:unknownValues:)``).
    public func itemFeatures(from values: [String: String],
                             unknownValues: UnknownFeatureValuePolicy = .treatAsMissing) throws(FeatureInputError) -> FeatureRow {
        guard let schema = itemEncoder?.schema else { throw .noFeatures(side: "item") }
        return try schema.features(from: values, unknownValues: unknownValues)
    }
}
