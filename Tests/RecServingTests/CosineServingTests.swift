import RecData
import RecKernels
import RecModels
import RecTraining
import Testing
@testable import RecServing

/// A model trained with `--score cosine` is served by the cosine.
@Suite("Serving a cosine-scored model")
struct CosineServingTests {
    /// The cosine of two vectors.
    static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        let dot = zip(a, b).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        let norms = a.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot() * b.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return dot / norms
    }

    @Test("known users and folded-in users are ranked by the cosine of the final vectors")
    func cosineScores() throws {
        var model = TestModels.tiny(users: 5, items: 8, dimension: 4)
        model.configuration.score = .cosine
        let served = ServingModel(model: model, source: "cosine")
        var inner = model
        inner.configuration.score = .inner
        let plain = inner.recommender()
        func row(_ m: Matrix<Float>, _ r: Int) -> [Float] { (0..<m.columns).map { m[r, $0] } }
        // Known user 2: every score is a cosine.
        let known = served.recommend(user: 2, k: 8, excludeSeen: false)
        #expect(known.count == 8)
        for item in known {
            let expected = Self.cosine(row(plain.userEmbeddings, 2), row(plain.itemEmbeddings, item.item))
            #expect(abs(item.score - expected) < 1e-5)
        }
        // A user folded in from items: the query is scaled to unit length, so scores are cosines too.
        let embedding = try #require(try PropagationFoldInStrategy().userEmbedding(for: NewUserProfile(items: [0, 3]),
                                                                                    model: served))
        let ranked = try served.request(newUserItems: [0, 3], embedding: embedding, k: 6, mask: .none).run()
        #expect(ranked.count == 6 && !ranked.contains { [0, 3].contains($0.item) })
        for item in ranked {
            #expect(abs(item.score - Self.cosine(embedding, row(plain.itemEmbeddings, item.item))) < 1e-5)
        }
        #expect(ranked.map(\.score) == ranked.map(\.score).sorted(by: >))
    }
}
