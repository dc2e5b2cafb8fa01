import RecKernels
import RecModels
import Testing

/// LightGCN with no layers is matrix factorisation: a training step must not touch the graph
/// or rows outside the batch.
@Suite("Zero-layer training step")
struct ZeroLayerStepTests {
    static func setUp() -> (LightGCN<Double>, PropagationGraph<Double>, PropagationWorkspace<Double>) {
        var g = SeededGenerator(seed: 8)
        let rows = (0..<12).map { _ in (0..<4).map { _ in g.nextIndex(below: 9) } }
        let graph = PropagationGraph<Double>(userCount: 12, itemCount: 9, itemsOfUser: IndexRows(rows))
        let model = LightGCN<Double>(numNodes: 21, embeddingDim: 5, numLayers: 0,
                                     initialization: .normal(standardDeviation: 0.1), generator: &g)
        return (model, graph, PropagationWorkspace(nodeCount: 21, dimension: 5))
    }

    @Test("the batch forward writes the batch rows (out = E) and nothing else")
    func forwardTouchesOnlyBatchRows() {
        let (model, graph, workspace) = Self.setUp()
        let output = Matrix<Double>(rows: 21, columns: 5)
        output.fill(with: 42)
        let batch: [Int32] = [3, 0, 15, 20]
        model.propagate(graph: graph, into: output, workspace: workspace, onlyRows: batch)
        for r in 0..<21 {
            for c in 0..<5 {
                #expect(output[r, c] == (batch.contains(Int32(r)) ? model.embedding[r, c] : 42))
            }
        }
    }

    @Test("the sparse backward sets ∂L/∂E = ∂L/∂out, zero elsewhere, over stale contents")
    func backwardIsTheBatchGradient() {
        let (model, graph, workspace) = Self.setUp()
        var g = SeededGenerator(seed: 9)
        let batch: [Int32] = [1, 13, 7]
        let outputGradient = Matrix<Double>(rows: 21, columns: 5)
        for r in batch { for c in 0..<5 { outputGradient[Int(r), c] = Double.random(in: -1...1, using: &g) } }
        let gradient = Matrix<Double>(rows: 21, columns: 5)
        gradient.fill(with: 7)
        model.backpropagate(graph: graph, outputGradient: outputGradient, nonZeroRows: batch, into: gradient,
                            workspace: workspace)
        #expect(gradient.values == outputGradient.values)
    }
}
