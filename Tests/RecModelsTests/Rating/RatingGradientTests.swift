import RecData
import RecKernels
import RecModels
import Testing

/// The analytic gradients of the rating MSE objective against central finite differences in
/// `Double` (tolerances as in `GradientTests`: h = 1e-5, truncation and rounding errors far
/// below `1e-7 + 1e-5·|g|`, a wrong factor or transpose far above).
@Suite struct RatingGradientTests {
    /// 4 users, 5 items (user 3 and item 4 have no training rating), 11 ratings, D = 3.
    static let train = RatingSet(
        userCount: 4, itemCount: 5,
        users: [0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 1],
        items: [0, 1, 2, 1, 2, 3, 0, 3, 2, 3, 0],
        ratings: [5, 3, 4, 2, 1, 5, 4, 4, 3, 1, 2])

    /// A model with random table and biases; `layers` 0 (matrix factorisation) or more with
    /// unequal layer weights.
    static func model(layers: Int, seed: UInt64) -> RatingLightGCN<Double> {
        var generator = SeededGenerator(seed: seed)
        let table = RandomGraphs.matrix(rows: 9, columns: 3, generator: &generator)
        let alpha: LayerWeights = layers == 0 ? .uniform : .perLayer((0...layers).map { 0.5 - 0.1 * Double($0) })
        return RatingLightGCN(
            lightGCN: LightGCN(embedding: table, numLayers: layers, alpha: alpha), userCount: 4,
            userBias: RandomGraphs.matrix(rows: 4, columns: 1, generator: &generator),
            itemBias: RandomGraphs.matrix(rows: 5, columns: 1, generator: &generator),
            globalMean: train.meanRating)
    }

    /// The objective written out directly from its documented formula.
    static func directLoss(_ model: RatingLightGCN<Double>, graph: PropagationGraph<Double>, records: [Int],
                           lambda: Double, biasLambda: Double) -> Double {
        let batch = train.subset(records: records)
        let predictions = model.predictions(graph: graph, users: batch.users, items: batch.items)
        var loss = 0.0
        for k in 0..<batch.count {
            let u = Int(batch.users[k]), i = Int(batch.items[k])
            let error = predictions[k] - Double(batch.ratings[k])
            let rows = model.embedding.rowArray(u) + model.embedding.rowArray(4 + i)
            loss += error * error + lambda * rows.reduce(0) { $0 + $1 * $1 }
                + biasLambda * (model.userBias[u, 0] * model.userBias[u, 0] + model.itemBias[i, 0] * model.itemBias[i, 0])
        }
        return loss / Double(records.count)
    }

    /// Central differences of `loss` with respect to every entry of `table`.
    static func numericGradient(_ table: Matrix<Double>, _ loss: () -> Double) -> [Double] {
        let h = 1e-5
        return (0..<table.count).map { k in
            let saved = table[flat: k]
            table[flat: k] = saved + h
            let plus = loss()
            table[flat: k] = saved - h
            let minus = loss()
            table[flat: k] = saved
            return (plus - minus) / (2 * h)
        }
    }

    @Test(arguments: [(0, UInt64(1)), (1, UInt64(2)), (3, UInt64(3))])
    func gradientsMatchFiniteDifferences(layers: Int, seed: UInt64) {
        let model = Self.model(layers: layers, seed: seed)
        let graph = model.graph(train: Self.train)
        let records = [0, 3, 3, 7, 10, 5, 9]  // rating 3 twice
        let lambda = 0.07, biasLambda = 0.03
        let objective = RatingObjective(model: model)
        let loss = objective.lossAndGradient(model: model, graph: graph, ratings: Self.train, records: records,
                                             lambda: lambda, biasLambda: biasLambda)
        func direct() -> Double {
            Self.directLoss(model, graph: graph, records: records, lambda: lambda, biasLambda: biasLambda)
        }
        expectClose(loss.total, direct(), "loss", relative: 1e-12, absolute: 0)
        expectClose(Self.numericGradient(model.embedding, direct), objective.embeddingGradient.values, "∂L/∂E⁰",
                    relative: 1e-5, absolute: 1e-7)
        expectClose(Self.numericGradient(model.userBias, direct), objective.userBiasGradient.values, "∂L/∂b_user",
                    relative: 1e-5, absolute: 1e-7)
        expectClose(Self.numericGradient(model.itemBias, direct), objective.itemBiasGradient.values, "∂L/∂b_item",
                    relative: 1e-5, absolute: 1e-7)
    }

    /// A second call on another batch must not see anything of the first (buffers are reset).
    @Test func repeatedCallsDoNotLeakBetweenBatches() {
        let model = Self.model(layers: 2, seed: 4)
        let graph = model.graph(train: Self.train)
        let reused = RatingObjective(model: model), fresh = RatingObjective(model: model)
        reused.lossAndGradient(model: model, graph: graph, ratings: Self.train, records: [1, 2, 4, 6], lambda: 0.1,
                               biasLambda: 0.1)
        let a = reused.lossAndGradient(model: model, graph: graph, ratings: Self.train, records: [0, 8], lambda: 0.1,
                                       biasLambda: 0)
        let b = fresh.lossAndGradient(model: model, graph: graph, ratings: Self.train, records: [0, 8], lambda: 0.1,
                                      biasLambda: 0)
        #expect(a == b)
        #expect(reused.embeddingGradient.values == fresh.embeddingGradient.values)
        #expect(reused.userBiasGradient.values == fresh.userBiasGradient.values)
        #expect(reused.itemBiasGradient.values == fresh.itemBiasGradient.values)
    }
}
