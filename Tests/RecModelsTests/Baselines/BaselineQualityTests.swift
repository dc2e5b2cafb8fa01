import RecData
import RecKernels
import RecModels
import Testing

/// Each baseline must find the planted communities that popularity cannot see.
@Suite("Baselines beat popularity on synthetic data")
struct BaselineQualityTests {
    static let data = BaselineTestSupport.synthetic
    static let popularityRecall = BaselineTestSupport.recall(
        PopularityRecommender(itemsOfUser: data.train.itemsOfUser, itemCount: data.train.itemCount),
        train: data.train, test: data.test)

    static func expectBeatsPopularity(_ model: some Recommender, _ name: String) {
        let recall = BaselineTestSupport.recall(model, train: data.train, test: data.test)
        #expect(recall > 2 * popularityRecall, "\(name) Recall@20 \(recall) vs popularity \(popularityRecall)")
        BaselineTestSupport.expectContract(model, excluding: data.train.itemsOfUser, k: 20)
    }

    @Test func ease() throws {
        Self.expectBeatsPopularity(try EASERecommender.fit(train: Self.data.train, options: .init(regularization: 50)), "EASE")
    }

    @Test func itemKNN() throws {
        Self.expectBeatsPopularity(try ItemKNNRecommender.fit(train: Self.data.train), "ItemKNN")
    }

    @Test func gfcf() throws {
        Self.expectBeatsPopularity(try GFCFRecommender.fit(train: Self.data.train, options: .init(rank: 16, oversampling: 16)), "GF-CF")
    }

    @Test func implicitALS() throws {
        Self.expectBeatsPopularity(try ImplicitALSRecommender.fit(train: Self.data.train,
                                                                  options: .init(factors: 16, regularization: 1, iterations: 8)),
                                   "iALS")
    }
}
