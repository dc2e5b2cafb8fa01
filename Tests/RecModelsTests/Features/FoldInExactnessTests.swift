import RecKernels
import RecModels
import Testing

/// The fold-in of a new node against a from-scratch propagation on the enlarged graph.
@Suite("Fold-in exactness")
struct FoldInExactnessTests {
    static let users = 6, items = 7, dimension = 5

    /// Random rows of items per user (each user 1…4 items).
    static func rows(_ generator: inout SeededGenerator) -> [[Int]] {
        (0..<users).map { _ in (0..<(1 + generator.nextIndex(below: 4))).map { _ in generator.nextIndex(below: items) } }
    }

    static func table(rows: Int, _ generator: inout SeededGenerator) -> Matrix<Double> {
        Matrix(rows: rows, columns: dimension,
               values: (0..<rows * dimension).map { _ in Double.random(in: -1..<1, using: &generator) })
    }

    /// The final embeddings of `E` propagated on the graph of `rows`.
    static func finalEmbeddings(_ table: Matrix<Double>, rows: [[Int]], userCount: Int, itemCount: Int,
                                layers: Int) -> Matrix<Double> {
        let graph = PropagationGraph<Double>(userCount: userCount, itemCount: itemCount, itemsOfUser: IndexRows(rows))
        return LightGCN(embedding: table.copy(), numLayers: layers).getEmbedding(graph: graph)
    }

    @Test("a new user's exact fold-in equals its row after propagating the enlarged graph", arguments: [1, 2, 3, 4, 5])
    func newUserExact(layers: Int) {
        var g = SeededGenerator(seed: UInt64(10 + layers))
        let rows = Self.rows(&g)
        let e = Self.table(rows: Self.users + Self.items, &g)
        let star = (0..<Self.dimension).map { _ in Double.random(in: -1..<1, using: &g) }
        let newItems = [1, 4, 6]
        let graph = PropagationGraph<Double>(userCount: Self.users, itemCount: Self.items, itemsOfUser: IndexRows(rows))
        let foldIn = PropagationFoldIn(model: LightGCN(embedding: e.copy(), numLayers: layers), graph: graph)
        let folded = foldIn.newNodeEmbedding(neighbours: newItems.map { Self.users + $0 }, layerZero: star,
                                             propagation: .exact)
        // Enlarged graph: the new user is user U, items move to U+1….
        var values = Array(e.values[0..<(Self.users * Self.dimension)]) + star
        values += Array(e.values[(Self.users * Self.dimension)...])
        let enlarged = Matrix(rows: Self.users + 1 + Self.items, columns: Self.dimension, values: values)
        let out = Self.finalEmbeddings(enlarged, rows: rows + [newItems], userCount: Self.users + 1,
                                       itemCount: Self.items, layers: layers)
        for c in 0..<Self.dimension { #expect(abs(folded[c] - out[Self.users, c]) < 1e-12) }
        if layers <= 1 {
            let approximate = foldIn.newNodeEmbedding(neighbours: newItems.map { Self.users + $0 }, layerZero: star,
                                                      propagation: .trainedNeighbourLayers)
            for c in 0..<Self.dimension { #expect(abs(approximate[c] - out[Self.users, c]) < 1e-12) }
        }
        // out_* = γ e_* + r.
        let (gamma, offset) = foldIn.newNodeAffineMap(neighbours: newItems.map { Self.users + $0 }, propagation: .exact)
        for c in 0..<Self.dimension { #expect(abs(gamma * star[c] + offset[c] - folded[c]) < 1e-12) }
    }

    @Test("a new item's exact fold-in equals its row after propagating the enlarged graph", arguments: [1, 3])
    func newItemExact(layers: Int) {
        var g = SeededGenerator(seed: UInt64(30 + layers))
        var rows = Self.rows(&g)
        let e = Self.table(rows: Self.users + Self.items, &g)
        let star = (0..<Self.dimension).map { _ in Double.random(in: -1..<1, using: &g) }
        let newUsers = [0, 2, 3, 5]
        let graph = PropagationGraph<Double>(userCount: Self.users, itemCount: Self.items, itemsOfUser: IndexRows(rows))
        let foldIn = PropagationFoldIn(model: LightGCN(embedding: e.copy(), numLayers: layers), graph: graph)
        let folded = foldIn.newNodeEmbedding(neighbours: newUsers, layerZero: star, propagation: .exact)
        for u in newUsers { rows[u].append(Self.items) }
        let enlarged = Matrix(rows: Self.users + Self.items + 1, columns: Self.dimension, values: e.values + star)
        let out = Self.finalEmbeddings(enlarged, rows: rows, userCount: Self.users, itemCount: Self.items + 1,
                                       layers: layers)
        for c in 0..<Self.dimension { #expect(abs(folded[c] - out[Self.users + Self.items, c]) < 1e-12) }
    }

    @Test("with trained neighbour layers, layer l is Σ x^{l−1}_i / √(|S|(d_i+1))")
    func trainedNeighbourLayersFormula() {
        var g = SeededGenerator(seed: 5)
        let rows = Self.rows(&g)
        let e = Self.table(rows: Self.users + Self.items, &g)
        let graph = PropagationGraph<Double>(userCount: Self.users, itemCount: Self.items, itemsOfUser: IndexRows(rows))
        let model = LightGCN(embedding: e.copy(), numLayers: 3)
        let foldIn = PropagationFoldIn(model: model, graph: graph)
        let s = [Self.users + 2, Self.users + 3]
        let layers = foldIn.newNodeLayers(neighbours: s, layerZero: [Double](repeating: 0, count: Self.dimension),
                                          propagation: .trainedNeighbourLayers)
        var x = e
        for l in 1...3 {
            for c in 0..<Self.dimension {
                let expected = s.map { x[$0, c] / (2 * Double(foldIn.degree[$0] + 1)).squareRoot() }.reduce(0, +)
                #expect(abs(layers[l][c] - expected) < 1e-12)
            }
            let next = Matrix<Double>(rows: x.rows, columns: x.columns)
            graph.adjacency.multiply(x, into: next)
            x = next
        }
    }

    @Test("recommendations for a new user exclude the given items and come best first")
    func recommendExcludesGivenItems() {
        var g = SeededGenerator(seed: 9)
        let rows = Self.rows(&g)
        let e = Matrix<Float>(rows: Self.users + Self.items, columns: 4,
                              values: (0..<(Self.users + Self.items) * 4).map { _ in Float.random(in: -1..<1, using: &g) })
        let graph = PropagationGraph<Float>(userCount: Self.users, itemCount: Self.items, itemsOfUser: IndexRows(rows))
        let recommender = FoldInRecommender(model: LightGCN(embedding: e, numLayers: 2), graph: graph,
                                            userCount: Self.users, itemCount: Self.items)
        let given = [0, 3]
        let top = recommender.recommend(items: given, k: 10)
        #expect(top.count == Self.items - given.count)
        #expect(top.allSatisfy { !given.contains($0.item) })
        #expect(zip(top, top.dropFirst()).allSatisfy { $0.score >= $1.score })
        let users = recommender.recommendUsers(forItemWithUsers: [1], k: 3)
        #expect(users.count == 3 && users.allSatisfy { $0.user != 1 })
    }
}
