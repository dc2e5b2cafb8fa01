import RecData
import RecKernels
import RecModels
import Testing

@Suite struct RatingPredictorTests {
    static let train = RatingGradientTests.train

    @Test(arguments: [0, 2])
    func predictorMatchesTheModelOnKnownPairs(layers: Int) {
        let model = RatingGradientTests.model(layers: layers, seed: 9)
        let graph = model.graph(train: Self.train)
        let predictor = model.predictor(graph: graph, train: Self.train)
        let users: [Int32] = [0, 1, 2, 2, 0], items: [Int32] = [3, 0, 1, 2, 0]
        let expected = model.predictions(graph: graph, users: users, items: items)
        expectClose(predictor.predictRatings(users: users, items: items).map(Double.init), expected, "r̂",
                    relative: 1e-5, absolute: 1e-6)
        #expect(zip(users, items).allSatisfy { !predictor.usesFallback(user: Int($0), item: Int($1)) })
    }

    /// With no layers the model is biased matrix factorisation: μ + b_u + b_i + p_u·q_i.
    @Test func zeroLayersIsBiasedMatrixFactorisation() {
        let model = RatingGradientTests.model(layers: 0, seed: 10)
        let graph = model.graph(train: Self.train)
        let e = model.embedding
        let expected = (0..<3).map { c in e[1, c] * e[4 + 2, c] }.reduce(0, +)
            + model.globalMean + model.userBias[1, 0] + model.itemBias[2, 0]
        expectClose(model.predictions(graph: graph, users: [1], items: [2])[0], expected, "r̂", relative: 1e-14)
    }

    /// User 3 and item 4 have no training rating: their terms fall back as documented.
    @Test func unseenUsersAndItemsFallBackToMeanPlusKnownBiases() {
        let model = RatingGradientTests.model(layers: 2, seed: 11)
        let predictor = model.predictor(graph: model.graph(train: Self.train), train: Self.train)
        let mu = Float(model.globalMean)
        let bu = model.userBias.values.map(Float.init), bi = model.itemBias.values.map(Float.init)
        #expect(predictor.predictRating(user: 0, item: 4) == mu + bu[0])
        #expect(predictor.predictRating(user: 3, item: 1) == mu + bi[1])
        #expect(predictor.predictRating(user: 3, item: 4) == mu)
        #expect(predictor.predictRating(user: 99, item: -1) == mu)
        #expect(predictor.usesFallback(user: 0, item: 4) && predictor.usesFallback(user: 3, item: 1))
        #expect(!predictor.usesFallback(user: 0, item: 1))
    }

    /// The closed-form shrunk means, by hand: μ = 3, item 0 has ratings 5 and 1.
    @Test func biasPredictorIsTheShrunkMean() {
        let train = RatingSet(userCount: 3, itemCount: 3, users: [0, 1, 0, 1], items: [0, 0, 1, 1],
                              ratings: [5, 1, 4, 2])
        let predictor = BiasRatingPredictor(train: train, itemShrinkage: 1, userShrinkage: 2)
        // b_i = Σ(r − 3)/(1 + 2): item 0 → 0, item 1 → 0.
        // b_u = Σ(r − 3 − b_i)/(2 + 2): user 0 → 3/4, user 1 → −3/4.
        #expect(predictor.itemBias == [0, 0, 0])
        #expect(predictor.userBias == [0.75, -0.75, 0])
        #expect(predictor.predictRating(user: 0, item: 1) == 3.75)
        #expect(predictor.predictRating(user: 2, item: 2) == 3)
        #expect(predictor.usesFallback(user: 2, item: 0) && !predictor.usesFallback(user: 1, item: 1))
        #expect(GlobalMeanRatingPredictor(train: train).predictRating(user: 0, item: 0) == 3)
    }
}
