import RecData
import RecKernels
import RecModels

extension TrainedModel {
    /// The normalised propagation graph of the training interactions (users first, then items).
    public func propagationGraph() -> PropagationGraph<Float> {
        PropagationGraph<Float>(userCount: train.userCount, itemCount: train.itemCount, itemsOfUser: train.itemsOfUser)
    }

    /// Recommendations for users (and items) the model has never seen, without retraining:
    /// folded in through the propagation from their interactions, and for a model with side
    /// features from their features as well (see ``ColdStartRecommender``).
    ///
    /// A feature model gives its ``featureModel``; an ID-only model gives its layer-0 table as
    /// the ID tables of a ``FeatureLightGCN`` without features, so that fold-in works alike and
    /// reading features from text throws ``FeatureInputError/noFeatures(side:)``.
    ///
    /// - Complexity: L sparse products over the training graph and two scorer packings, once.
    public func coldStartRecommender(propagation: FoldInPropagation = .exact) -> ColdStartRecommender {
        ColdStartRecommender(model: featureModel ?? idOnlyFeatureModel(), graph: propagationGraph(), propagation: propagation,
                             score: configuration.score)
    }

    /// The ID-only model as a feature model without features (its tables copied).
    func idOnlyFeatureModel() -> FeatureLightGCN<Float> {
        let d = embedding.columns
        let users = Matrix<Float>(rows: userCount, columns: d), items = Matrix<Float>(rows: itemCount, columns: d)
        users.copyRows(0..<userCount, of: embedding)
        items.copyRows(userCount..<(userCount + itemCount), of: embedding)
        return FeatureLightGCN(userCount: userCount, itemCount: itemCount, dimension: d, numLayers: configuration.layers,
                               userIDEmbedding: users, itemIDEmbedding: items, userEncoder: nil, userFeatures: nil,
                               itemEncoder: nil, itemFeatures: nil)
    }
}
