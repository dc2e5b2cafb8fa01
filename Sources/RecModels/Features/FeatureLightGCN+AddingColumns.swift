import RecKernels

extension FeatureLightGCN {
    /// The same model with more user feature columns: the training users' values of the new
    /// columns (`columns`, `U` rows) are appended to the user features, each new column gets a
    /// projection table of zeros, and every other table is copied. Since `φ_U` is linear in its
    /// tables, the new model's E⁰, final embeddings and scores equal this model's exactly;
    /// training from there (``FeatureBPRTrainer/init(train:configuration:model:coldStartTraining:)``)
    /// only learns what the new columns add.
    ///
    /// - Precondition: `columns` has `U` rows and none of its names is already a user column;
    ///   the model has no separate cold heads.
    /// - Complexity: a copy of every table, O((U + I) · D + Σ table sizes).
    public func addingUserColumns(_ columns: NodeFeatures) -> FeatureLightGCN {
        precondition(userColdEncoder == nil && itemColdEncoder == nil, "FeatureLightGCN: cannot add columns next to cold heads")
        let (encoder, features) = Self.adding(columns, to: userEncoder, userFeatures, rows: userCount, dimension: dimension)
        return FeatureLightGCN(userCount: userCount, itemCount: itemCount, dimension: dimension,
                               numLayers: lightGCN.numLayers, alpha: .perLayer(lightGCN.alpha.map { Double($0) }),
                               userIDEmbedding: userIDEmbedding?.copy(), itemIDEmbedding: itemIDEmbedding?.copy(),
                               userEncoder: encoder, userFeatures: features,
                               itemEncoder: itemEncoder.map(Self.copy), itemFeatures: itemFeatures,
                               popularityPrior: popularityPrior.map(Self.copy))
    }

    /// The same model with more item feature columns (see ``addingUserColumns(_:)``).
    public func addingItemColumns(_ columns: NodeFeatures) -> FeatureLightGCN {
        precondition(userColdEncoder == nil && itemColdEncoder == nil, "FeatureLightGCN: cannot add columns next to cold heads")
        let (encoder, features) = Self.adding(columns, to: itemEncoder, itemFeatures, rows: itemCount, dimension: dimension)
        return FeatureLightGCN(userCount: userCount, itemCount: itemCount, dimension: dimension,
                               numLayers: lightGCN.numLayers, alpha: .perLayer(lightGCN.alpha.map { Double($0) }),
                               userIDEmbedding: userIDEmbedding?.copy(), itemIDEmbedding: itemIDEmbedding?.copy(),
                               userEncoder: userEncoder.map(Self.copy), userFeatures: userFeatures,
                               itemEncoder: encoder, itemFeatures: features,
                               popularityPrior: popularityPrior.map(Self.copy))
    }

    static func adding(_ columns: NodeFeatures, to encoder: FeatureEncoder<Scalar>?, _ features: NodeFeatures?,
                       rows: Int, dimension: Int) -> (FeatureEncoder<Scalar>, NodeFeatures) {
        precondition(columns.rowCount == rows, "FeatureLightGCN: the new columns need \(rows) rows, got \(columns.rowCount)")
        let old = features?.columns ?? []
        let taken = Set(old.map(\.name))
        for column in columns.columns {
            precondition(!taken.contains(column.name), "FeatureLightGCN: column \(column.name) is already a feature")
        }
        let combined = NodeFeatures(columns: old + columns.columns, rowCount: rows)
        let schema = FeatureSchema(training: combined)
        let tables = (encoder?.tables.map { $0.copy() } ?? [])
            + columns.columns.map { Matrix<Scalar>(rows: $0.tableRows, columns: dimension) }
        return (FeatureEncoder(schema: schema, tables: tables, dimension: dimension), combined)
    }

    static func copy(_ encoder: FeatureEncoder<Scalar>) -> FeatureEncoder<Scalar> {
        FeatureEncoder(schema: encoder.schema, tables: encoder.tables.map { $0.copy() }, dimension: encoder.dimension)
    }

    static func copy(_ prior: PopularityPrior<Scalar>) -> PopularityPrior<Scalar> {
        PopularityPrior(itemValues: prior.itemValues, weight: prior.currentWeight)
    }
}
