import RecKernels
import Testing
@testable import RecModels

@Suite("Training-step propagation shortcuts")
struct SparseStepTests {
    /// A bipartite graph, a model and a gradient that is non-zero on a few rows.
    static func setUp() -> (LightGCN<Double>, PropagationGraph<Double>, Matrix<Double>, [Int32]) {
        var g = SeededGenerator(seed: 21)
        let users = 30, items = 40
        let rows = (0..<users).map { _ in (0..<5).map { _ in g.nextIndex(below: items) } }
        let graph = PropagationGraph<Double>(userCount: users, itemCount: items, itemsOfUser: IndexRows(rows))
        let model = LightGCN<Double>(numNodes: users + items, embeddingDim: 8, numLayers: 3,
                                     alpha: .perLayer([0.4, 0.3, 0.2, 0.1]), initialization: .normal(standardDeviation: 0.1),
                                     generator: &g)
        let batch: [Int32] = [2, 7, 31, 55, 69]
        let gradient = Matrix<Double>(rows: users + items, columns: 8)
        for r in batch { for c in 0..<8 { gradient[Int(r), c] = Double.random(in: -1...1, using: &g) } }
        return (model, graph, gradient, batch)
    }

    @Test("forward on the batch rows equals the full forward on those rows")
    func forwardRows() {
        let (model, graph, _, batch) = Self.setUp()
        let workspace = PropagationWorkspace<Double>(nodeCount: model.numNodes, dimension: 8)
        let full = Matrix<Double>(rows: model.numNodes, columns: 8)
        model.propagate(graph: graph, into: full, workspace: workspace)
        let partial = Matrix<Double>(rows: model.numNodes, columns: 8)
        model.propagate(graph: graph, into: partial, workspace: workspace, onlyRows: batch)
        for r in batch { for c in 0..<8 { #expect(abs(full[Int(r), c] - partial[Int(r), c]) < 1e-14) } }
    }

    @Test("backward from a sparse gradient equals the dense backward", arguments: [0, 1, 2, 3])
    func backwardSparse(layers: Int) {
        let (base, graph, gradient, batch) = Self.setUp()
        let model = LightGCN<Double>(embedding: base.embedding, numLayers: layers, alpha: .uniform)
        let workspace = PropagationWorkspace<Double>(nodeCount: model.numNodes, dimension: 8)
        let dense = Matrix<Double>(rows: model.numNodes, columns: 8)
        model.backpropagate(graph: graph, outputGradient: gradient, into: dense, workspace: workspace)
        let sparse = Matrix<Double>(rows: model.numNodes, columns: 8)
        model.backpropagate(graph: graph, outputGradient: gradient, nonZeroRows: batch, into: sparse, workspace: workspace)
        var worst = 0.0
        for i in 0..<dense.count { worst = max(worst, abs(dense[flat: i] - sparse[flat: i])) }
        #expect(worst < 1e-14)
    }
}
