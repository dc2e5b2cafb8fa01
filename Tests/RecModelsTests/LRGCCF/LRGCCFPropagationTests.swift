import RecKernels
import RecModels
import Testing

@Suite("LR-GCCF propagation and scores")
struct LRGCCFPropagationTests {
    /// `[X⁰ | … | X^L]` with `X^l = Ã X^{l−1} W_l`, from the dense definition.
    static func referenceFinal(_ model: LRGCCF<Double>) -> [[Double]] {
        let s = LRGCCFTestSupport.self
        let op = s.referenceOperator()
        var x = model.embedding.rowArrays
        var blocks = [x]
        for w in model.transforms {
            x = s.product(s.product(op, x), w.rowArrays)
            blocks.append(x)
        }
        return (0..<model.numNodes).map { v in blocks.flatMap { $0[v] } }
    }

    @Test("final embeddings are the concatenation of the linear layers", arguments: [0, 1, 2, 3])
    func finalEmbeddings(layers: Int) {
        let model = LRGCCFTestSupport.model(layers: layers)
        let graph = model.graph(itemsOfUser: LRGCCFTestSupport.itemsOfUser)
        let out = model.finalEmbeddings(graph: graph)
        #expect(out.columns == (layers + 1) * 3)
        expectClose(out.values, Self.referenceFinal(model).flatMap { $0 }, "out", relative: 1e-12, absolute: 1e-14)
    }

    @Test("scores are inner products of the concatenations")
    func scores() {
        let model = LRGCCFTestSupport.model(layers: 2)
        let graph = model.graph(itemsOfUser: LRGCCFTestSupport.itemsOfUser)
        let reference = Self.referenceFinal(model)
        let users = [0, 1, 4, 2], items = [5, 0, 3, 2]
        let expected = zip(users, items).map { u, i in
            zip(reference[u], reference[LRGCCFTestSupport.userCount + i]).reduce(0) { $0 + $1.0 * $1.1 }
        }
        expectClose(model.scores(graph: graph, users: users, items: items), expected, "scores", relative: 1e-12)
    }

    @Test("identity transforms: the layers are plain self-loop propagations")
    func identityTransforms() {
        var g = SeededGenerator(seed: 3)
        let model = LRGCCF<Double>(userCount: 5, itemCount: 6, embeddingDim: 4, numLayers: 2, generator: &g)
        #expect(model.transforms.allSatisfy { w in (0..<4).allSatisfy { r in (0..<4).allSatisfy { w[r, $0] == (r == $0 ? 1 : 0) } } })
        let graph = model.graph(itemsOfUser: LRGCCFTestSupport.itemsOfUser)
        let once = Matrix<Double>(rows: 11, columns: 4), twice = Matrix<Double>(rows: 11, columns: 4)
        graph.adjacency.multiply(model.embedding, into: once)
        graph.adjacency.multiply(once, into: twice)
        let out = model.finalEmbeddings(graph: graph)
        for v in 0..<11 {
            for c in 0..<4 {
                #expect(abs(out[v, 4 + c] - once[v, c]) < 1e-14 && abs(out[v, 8 + c] - twice[v, c]) < 1e-14)
            }
        }
    }
}
