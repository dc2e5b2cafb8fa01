import RecKernels
import RecModels
import Testing

/// Analytic gradients of every table of a feature-aware LightGCN against central differences.
@Suite("Features: gradients and cold-start layer 0")
struct FeaturesGradientTests {
    static let users = 5, items = 6, dimension = 3

    static let userFeatures = NodeFeatures(columns: [
        FeatureColumn(name: "gender", values: .categorical(codes: [0, 1, -1, 1, 0], cardinality: 2)),
        FeatureColumn(name: "tags", values: .multiCategorical(codes: [[0, 2], [1], [], [0, 1, 3], [3]], cardinality: 4)),
        FeatureColumn(name: "age", values: .numeric([20, nil, 35, 50, 41])),
    ], rowCount: users)

    static let itemFeatures = NodeFeatures(columns: [
        FeatureColumn(name: "genres", values: .multiCategorical(codes: [[0], [0, 1], [2], [1, 2], [], [0, 2]], cardinality: 3)),
        FeatureColumn(name: "year", values: .numeric([1990, 1995, 2001, nil, 1980, 1999])),
    ], rowCount: items)

    static func model(ids: Bool) -> FeatureLightGCN<Double> {
        var g = SeededGenerator(seed: 4)
        return FeatureLightGCN(userCount: users, itemCount: items, dimension: dimension, numLayers: 2,
                               userFeatures: userFeatures, itemFeatures: itemFeatures, useUserIDs: ids,
                               useItemIDs: ids, standardDeviation: 0.5, generator: &g)
    }

    static let graph = PropagationGraph<Double>(
        userCount: users, itemCount: items, itemsOfUser: IndexRows([[0, 1], [1, 2, 3], [4], [0, 5], [2, 3, 5]]))

    /// BPR pairs: (u, positive) at position p, (u, negative) at p + 4.
    static let pairs = EdgeIndex(sources: [0, 1, 3, 4, 0, 1, 3, 4],
                                 targets: [5, 6, 10, 8, 9, 10, 7, 6])

    static func lossAndGradient(_ model: FeatureLightGCN<Double>) -> (Double, Matrix<Double>) {
        model.assembleLayerZero()
        return model.lightGCN.recommendationLossGradient(graph: graph, edgeLabelIndex: pairs, posPositions: [0, 1, 2, 3],
                                                         negPositions: [4, 5, 6, 7], nodeId: nil, lambdaReg: 0.01)
    }

    @Test("every table's analytic gradient matches central differences", arguments: [true, false])
    func gradientsMatchFiniteDifferences(ids: Bool) {
        let model = Self.model(ids: ids)
        let (_, layerZeroGradient) = Self.lossAndGradient(model)
        let gradients = model.parameterGradients(layerZeroGradient: layerZeroGradient)
        #expect(gradients.count == model.parameters.count)
        #expect(model.parameters.count == (ids ? 2 : 0) + 3 + 2)
        let h = 1e-6
        var worst = 0.0
        for (table, gradient) in zip(model.parameters, gradients) {
            for k in 0..<table.count {
                let saved = table[flat: k]
                table[flat: k] = saved + h
                let plus = Self.lossAndGradient(model).0
                table[flat: k] = saved - h
                let minus = Self.lossAndGradient(model).0
                table[flat: k] = saved
                let numeric = (plus - minus) / (2 * h)
                worst = max(worst, abs(numeric - gradient[flat: k]) / max(1e-3, abs(numeric)))
            }
        }
        #expect(worst < 1e-6, "worst relative error \(worst)")
    }

    @Test("E⁰ is the ID row plus the feature projection; new nodes get the projection alone")
    func layerZeroComposition() {
        let model = Self.model(ids: true)
        model.assembleLayerZero()
        let projection = model.userLayerZero(features: Self.userFeatures)
        let ids = model.userIDEmbedding!
        for u in 0..<Self.users {
            for c in 0..<Self.dimension {
                #expect(abs(model.lightGCN.embedding[u, c] - ids[u, c] - projection[u, c]) < 1e-12)
            }
        }
        // Row 2: gender missing, no tags, age 35 standardised with the training mean and deviation.
        let encoder = model.userEncoder!
        let z = (35 - encoder.means[2]) / encoder.deviations[2]
        for c in 0..<Self.dimension { #expect(abs(projection[2, c] - z * encoder.tables[2][0, c]) < 1e-12) }
        // A new item: the mean of its genres' rows (no year).
        let newItem = NodeFeatures(columns: [
            FeatureColumn(name: "genres", values: .multiCategorical(codes: [[1, 2]], cardinality: 3)),
            FeatureColumn(name: "year", values: .numeric([nil])),
        ], rowCount: 1)
        let row = model.itemLayerZero(features: newItem)
        let genres = model.itemEncoder!.tables[0]
        for c in 0..<Self.dimension { #expect(abs(row[0, c] - (genres[1, c] + genres[2, c]) / 2) < 1e-12) }
    }
}
