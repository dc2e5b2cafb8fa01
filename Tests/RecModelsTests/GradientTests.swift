import RecKernels
import RecModels
import Testing

/// The analytic gradients against central finite differences in `Double`.
///
/// Tolerance: with step h = 1e-5 the central difference has truncation error ≈ h²·|f'''|/6
/// (≈1e-11 here, the loss being smooth with O(1) derivatives) and rounding error ≈ ε·|f|/h
/// (≈2e-11); `1e-7 + 1e-5·|g|` is far above both and far below any real error (a missing
/// factor or a wrong transpose changes entries by ≥ 1e-3 relative).
@Suite struct GradientTests {
    struct Setup {
        let model: LightGCN<Double>
        let edges: EdgeIndex
        let weight: [Double]
        let labels: EdgeIndex
    }

    /// 10 nodes, 30 random directed weighted edges (duplicates, self loops, sinks), D = 3,
    /// L = 3 with unequal layer weights: every path of the propagation code is exercised.
    func setup(seed: UInt64) -> Setup {
        var generator = SeededGenerator(seed: seed)
        let edges = RandomGraphs.directedEdges(nodes: 10, edges: 30, generator: &generator)
        let weight = RandomGraphs.weights(count: 30, low: 0.2, high: 2, generator: &generator)
        let labels = RandomGraphs.directedEdges(nodes: 10, edges: 12, generator: &generator)
        let table = RandomGraphs.matrix(rows: 10, columns: 3, generator: &generator)
        let model = LightGCN<Double>(embedding: table, numLayers: 3, alpha: .perLayer([0.4, 0.3, 0.2, 0.5]))
        return Setup(model: model, edges: edges, weight: weight, labels: labels)
    }

    /// Central differences of `loss` with respect to every entry of the table.
    func numericGradient(_ model: LightGCN<Double>, _ loss: () -> Double) -> [Double] {
        let h = 1e-5
        return (0..<model.embedding.count).map { i in
            let saved = model.embedding[flat: i]
            model.embedding[flat: i] = saved + h
            let plus = loss()
            model.embedding[flat: i] = saved - h
            let minus = loss()
            model.embedding[flat: i] = saved
            return (plus - minus) / (2 * h)
        }
    }

    @Test(arguments: [(UInt64(1), [0, 3, 3, 9, 4] as [Int]?), (UInt64(2), nil)])
    func bprGradientMatchesFiniteDifferences(seed: UInt64, nodeId: [Int]?) {
        let s = setup(seed: seed)
        let pos = [0, 1, 2, 3, 0, 5], neg = [6, 7, 8, 9, 10, 11]  // position 0 used twice
        let lambda = 0.05
        func loss() -> Double {
            let scores = s.model.forward(edgeIndex: s.edges, edgeLabelIndex: s.labels, edgeWeight: s.weight)
            return s.model.recommendationLoss(posEdgeRank: pos.map { scores[$0] }, negEdgeRank: neg.map { scores[$0] },
                                              nodeId: nodeId, lambdaReg: lambda)
        }
        let analytic = s.model.recommendationLossGradient(edgeIndex: s.edges, edgeWeight: s.weight, edgeLabelIndex: s.labels,
                                                          posPositions: pos, negPositions: neg, nodeId: nodeId,
                                                          lambdaReg: lambda)
        expectClose(analytic.loss, loss(), "loss", relative: 1e-14, absolute: 0)
        expectClose(numericGradient(s.model, loss), analytic.gradient.values, "∂BPR/∂E", relative: 1e-5, absolute: 1e-7)
    }

    @Test func bceGradientMatchesFiniteDifferences() {
        let s = setup(seed: 3)
        let label: [Double] = [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0.5, 1]
        func loss() -> Double {
            LightGCN<Double>.linkPredLoss(
                pred: s.model.forward(edgeIndex: s.edges, edgeLabelIndex: s.labels, edgeWeight: s.weight), edgeLabel: label)
        }
        let analytic = s.model.linkPredLossGradient(edgeIndex: s.edges, edgeWeight: s.weight, edgeLabelIndex: s.labels,
                                                    edgeLabel: label)
        expectClose(analytic.loss, loss(), "loss", relative: 1e-14, absolute: 0)
        expectClose(numericGradient(s.model, loss), analytic.gradient.values, "∂BCE/∂E", relative: 1e-5, absolute: 1e-7)
    }

    /// ⟨Â·x, w⟩ = ⟨x, Âᵀ·w⟩ for the whole layer combination: the backward pass is the adjoint of
    /// the forward pass (this is what makes the analytic gradient correct).
    @Test func backpropagationIsAdjointOfPropagation() {
        var generator = SeededGenerator(seed: 4)
        let s = setup(seed: 4)
        let graph = s.model.graph(edgeIndex: s.edges, edgeWeight: s.weight)
        let w = RandomGraphs.matrix(rows: 10, columns: 3, generator: &generator)
        let workspace = PropagationWorkspace<Double>(nodeCount: 10, dimension: 3)
        let out = Matrix<Double>(rows: 10, columns: 3), back = Matrix<Double>(rows: 10, columns: 3)
        s.model.propagate(graph: graph, into: out, workspace: workspace)
        s.model.backpropagate(graph: graph, outputGradient: w, into: back, workspace: workspace)
        let lhs = zip(out.values, w.values).reduce(0) { $0 + $1.0 * $1.1 }
        let rhs = zip(s.model.embedding.values, back.values).reduce(0) { $0 + $1.0 * $1.1 }
        expectClose(lhs, rhs, "⟨out, w⟩ vs ⟨E, backward(w)⟩", relative: 1e-12, absolute: 1e-14)
    }
}
