import RecData
import RecKernels
import Testing
@testable import RecModels

@Suite("Spectral initialisation")
struct SpectralInitializationTests {
    /// A small bipartite graph: 7 users, 6 items, every user and item with an interaction.
    static let train = InteractionMatrix(userCount: 7, itemCount: 6, pairs: [
        (0, 0), (0, 1), (1, 1), (1, 2), (2, 0), (2, 3), (3, 4), (3, 5), (4, 2), (4, 4),
        (5, 5), (5, 0), (6, 3), (6, 1), (6, 5),
    ])

    @Test("with full rank and p = 1, LightGCN's initial scores are proportional to D^-1/2 R D^-1/2")
    func scoresReconstructTheNormalisedMatrix() throws {
        let layers = 2
        let alpha = [Double](repeating: 1.0 / 3, count: 3)
        let table = SpectralInitialization(exponent: 1, powerIterations: 8)
            .table(train: Self.train, dimension: 6, alpha: alpha)
        let model = LightGCN<Float>(embedding: table, numLayers: layers, alpha: .uniform)
        let graph = PropagationGraph<Float>(userCount: 7, itemCount: 6, itemsOfUser: Self.train.itemsOfUser)
        let out = model.getEmbedding(graph: graph)
        func score(_ u: Int, _ i: Int) -> Double {
            (0..<6).reduce(0.0) { $0 + Double(out[u, $1]) * Double(out[7 + i, $1]) }
        }
        let userDegree = (0..<7).map { Double(Self.train.items(ofUser: $0).count) }
        let itemDegree = Self.train.itemPopularity.map(Double.init)
        let ratio = score(0, 0) * (userDegree[0] * itemDegree[0]).squareRoot()
        #expect(ratio > 0)
        for u in 0..<7 {
            for i in 0..<6 {
                let normalised = Self.train.contains(user: u, item: i) ? 1 / (userDegree[u] * itemDegree[i]).squareRoot() : 0
                #expect(abs(score(u, i) - ratio * normalised) < 1e-3 * ratio, "user \(u), item \(i)")
            }
        }
        // The table has the requested scale.
        let rms = (table.values.reduce(0.0) { $0 + Double($1 * $1) } / Double(table.count)).squareRoot()
        #expect(abs(rms - 0.1) < 1e-4)
    }

    @Test("users and items without interactions get zero rows")
    func isolatedNodes() {
        let train = InteractionMatrix(userCount: 3, itemCount: 3, pairs: [(0, 0), (0, 1), (1, 1)])
        let table = SpectralInitialization().table(train: train, dimension: 2, alpha: [0.5, 0.5])
        #expect((0..<2).allSatisfy { table[2, $0] == 0 && table[3 + 2, $0] == 0 })
        #expect(table.values.contains { $0 != 0 })
    }
}
