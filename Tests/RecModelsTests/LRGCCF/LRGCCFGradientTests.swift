import RecData
import RecKernels
import RecModels
import Testing

/// LR-GCCF's analytic gradients with respect to `E` and every `W_l` against central finite
/// differences of the plain forward loss, in `Double` (tolerances as in ``GradientTests``:
/// h = 1e-5 gives errors near 1e-10, a wrong transpose or a missing term errors near 1e-2).
@Suite("LR-GCCF gradients")
struct LRGCCFGradientTests {
    static let graph = PropagationGraph<Double>.selfLoopBipartite(
        userCount: LRGCCFTestSupport.userCount, itemCount: LRGCCFTestSupport.itemCount,
        itemsOfUser: LRGCCFTestSupport.itemsOfUser)

    /// Central differences of `loss` with respect to every entry of `parameter`.
    static func numericGradient(_ parameter: Matrix<Double>, _ loss: () -> Double) -> [Double] {
        let h = 1e-5
        return (0..<parameter.count).map { i in
            let saved = parameter[flat: i]
            parameter[flat: i] = saved + h
            let plus = loss()
            parameter[flat: i] = saved - h
            let minus = loss()
            parameter[flat: i] = saved
            return (plus - minus) / (2 * h)
        }
    }

    @Test("∂L/∂E and ∂L/∂W_l match finite differences", arguments: [0, 1, 2, 3])
    func finiteDifferences(layers: Int) {
        let model = LRGCCFTestSupport.model(layers: layers)
        let triples = LRGCCFTestSupport.triples, range = 0..<triples.count
        func loss() -> Double { model.bprLoss(graph: Self.graph, triples: triples, range: range) }
        let analytic = model.bprLossGradient(graph: Self.graph, triples: triples, range: range)
        expectClose(analytic.loss, loss(), "loss", relative: 1e-13, absolute: 0)
        let numericE = Self.numericGradient(model.embedding, loss)
        #expect(numericE.contains { abs($0) > 1e-3 }, "the check must see a non-trivial gradient")
        expectClose(analytic.embeddingGradient.values, numericE, "∂L/∂E", relative: 1e-5, absolute: 1e-7)
        for (l, w) in model.transforms.enumerated() {
            let numericW = Self.numericGradient(w, loss)
            #expect(numericW.contains { abs($0) > 1e-3 }, "W_\(l + 1) gradient is trivial")
            expectClose(analytic.transformGradients[l].values, numericW, "∂L/∂W_\(l + 1)", relative: 1e-5, absolute: 1e-7)
        }
    }

    /// Runs one forward/backward pass on `workspace` and returns (loss, ∂E, ∂W).
    static func pass(_ model: LRGCCF<Double>, workspace: LRGCCFWorkspace<Double>, rows: [Int32]?)
        -> (Double, [Double], [[Double]]) {
        let triples = LRGCCFTestSupport.triples
        model.propagate(graph: graph, workspace: workspace, onlyRows: rows)
        let loss = model.accumulateBPRGradient(triples, 0..<triples.count, workspace: workspace)
        let e = Matrix<Double>(rows: model.numNodes, columns: model.embeddingDim)
        e.fill(with: .nan)  // stale contents must be overwritten
        let w = model.transforms.map { Matrix<Double>(rows: $0.rows, columns: $0.columns) }
        model.backpropagate(graph: graph, workspace: workspace, nonZeroRows: rows, into: e, transformGradients: w)
        return (loss, e.values, w.map(\.values))
    }

    @Test("the batch-restricted pass equals the full pass and leaves the workspace clean", arguments: [0, 1, 2, 3, 4])
    func batchPathEqualsFullPath(layers: Int) {
        let model = LRGCCFTestSupport.model(layers: layers)
        let rows = model.distinctNodes(LRGCCFTestSupport.triples, 0..<LRGCCFTestSupport.triples.count)
        let workspace = LRGCCFWorkspace<Double>(nodeCount: model.numNodes, dimension: model.embeddingDim, layers: layers)
        let full = Self.pass(model, workspace: workspace, rows: nil)
        let batch = Self.pass(model, workspace: workspace, rows: rows)
        let again = Self.pass(model, workspace: workspace, rows: rows)
        #expect(abs(full.0 - batch.0) < 1e-14)
        expectClose(batch.1, full.1, "∂L/∂E", relative: 1e-12, absolute: 1e-15)
        for l in 0..<layers { expectClose(batch.2[l], full.2[l], "∂L/∂W_\(l + 1)", relative: 1e-12, absolute: 1e-15) }
        #expect(again.1 == batch.1 && again.2 == batch.2)
        for l in 0...layers { #expect(workspace.layerGradient(l).values.allSatisfy { $0 == 0 }) }
    }

    @Test("Float (packed dense kernel) agrees with Double (plain loops)")
    func floatMatchesDouble() {
        let model = LRGCCFTestSupport.model(layers: 3, dimension: 40, scale: 0.3)
        let single = LRGCCF<Float>(userCount: model.userCount, embedding: model.embedding.converted(),
                                   transforms: model.transforms.map { $0.converted() })
        let graph = single.graph(itemsOfUser: LRGCCFTestSupport.itemsOfUser)
        let triples = LRGCCFTestSupport.triples, range = 0..<triples.count
        let workspace = LRGCCFWorkspace<Float>(nodeCount: single.numNodes, dimension: 40, layers: 3)
        single.propagate(graph: graph, workspace: workspace)
        _ = single.accumulateBPRGradient(triples, range, workspace: workspace)
        let e = Matrix<Float>(rows: single.numNodes, columns: 40)
        let w = single.transforms.map { Matrix<Float>(rows: $0.rows, columns: $0.columns) }
        single.backpropagate(graph: graph, workspace: workspace, nonZeroRows: nil, into: e, transformGradients: w)
        let reference = model.bprLossGradient(graph: Self.graph, triples: triples, range: range)
        func close(_ a: [Float], _ b: [Double], _ what: String) {
            let scale = b.map(abs).max() ?? 1
            let worst = zip(a, b).map { abs(Double($0) - $1) }.max() ?? 0
            #expect(worst <= 1e-4 * scale, "\(what): worst difference \(worst) at scale \(scale)")
        }
        close(e.values, reference.embeddingGradient.values, "∂L/∂E")
        for l in 0..<3 { close(w[l].values, reference.transformGradients[l].values, "∂L/∂W_\(l + 1)") }
        let out = single.finalEmbeddings(graph: graph), expected = model.finalEmbeddings(graph: Self.graph)
        close(out.values, expected.values, "out")
    }

    @Test("Float batch path (rows gathered onto the GEMM kernel) agrees with the Double reference on a larger graph")
    func floatBatchPathMatchesDouble() {
        let data = SyntheticDataset.generate(userCount: 90, itemCount: 70, seed: 4)
        let train = data.train
        var g = SeededGenerator(seed: 21)
        let layers = 3, d = 24
        let table = Matrix<Double>(rows: train.userCount + train.itemCount, columns: d,
                                   values: (0..<(train.userCount + train.itemCount) * d).map { _ in 0.5 * Double.random(in: -1..<1, using: &g) })
        let transforms = (0..<layers).map { _ in
            Matrix<Double>(rows: d, columns: d, values: (0..<d * d).map { _ in (3 / Double(d)).squareRoot() * Double.random(in: -1..<1, using: &g) })
        }
        let reference = LRGCCF<Double>(userCount: train.userCount, embedding: table, transforms: transforms)
        let single = LRGCCF<Float>(userCount: train.userCount, embedding: table.converted(), transforms: transforms.map { $0.converted() })
        let triples = BPRSampler(train: train, strategy: .userUniform).sampleEpoch(using: &g)
        let range = 0..<min(triples.count, 300)
        let rows = single.distinctNodes(triples, range)
        #expect(rows.count >= 64, "the batch must be large enough for the gathered GEMM path (\(rows.count) rows)")
        let expected = reference.bprLossGradient(graph: reference.graph(itemsOfUser: train.itemsOfUser), triples: triples, range: range)
        let graph = single.graph(itemsOfUser: train.itemsOfUser)
        let workspace = LRGCCFWorkspace<Float>(nodeCount: single.numNodes, dimension: d, layers: layers)
        single.propagate(graph: graph, workspace: workspace, onlyRows: rows)
        let loss = single.accumulateBPRGradient(triples, range, workspace: workspace)
        let e = Matrix<Float>(rows: single.numNodes, columns: d)
        let w = transforms.map { _ in Matrix<Float>(rows: d, columns: d) }
        single.backpropagate(graph: graph, workspace: workspace, nonZeroRows: rows, into: e, transformGradients: w)
        #expect(abs(loss - expected.loss) <= 1e-5 * max(1, abs(expected.loss)))
        func close(_ a: [Float], _ b: [Double], _ what: String) {
            let scale = b.map(abs).max() ?? 1
            let worst = zip(a, b).map { abs(Double($0) - $1) }.max() ?? 0
            #expect(scale > 1e-6, "\(what) must not be trivial")
            #expect(worst <= 1e-4 * scale, "\(what): worst difference \(worst) at scale \(scale)")
        }
        close(e.values, expected.embeddingGradient.values, "∂L/∂E")
        for l in 0..<layers { close(w[l].values, expected.transformGradients[l].values, "∂L/∂W_\(l + 1)") }
    }

    @Test("the trainer's batch-block passes: the forward bit for bit as the workspace's, the backward as the full pass", arguments: [300, 20])
    func batchBlocksEqualWorkspacePasses(triplesInBatch: Int) {
        // 300 triples give ≥ 64 rows (the gathered GEMM path), 20 triples fewer (the row loop).
        let data = SyntheticDataset.generate(userCount: 90, itemCount: 70, seed: 4)
        let train = data.train
        var g = SeededGenerator(seed: 22)
        let layers = 3, d = 24
        let nodes = train.userCount + train.itemCount
        let table = Matrix<Float>(rows: nodes, columns: d, values: (0..<nodes * d).map { _ in 0.5 * Float.random(in: -1..<1, using: &g) })
        let transforms = (0..<layers).map { _ in
            Matrix<Float>(rows: d, columns: d, values: (0..<d * d).map { _ in 0.35 * Float.random(in: -1..<1, using: &g) })
        }
        let model = LRGCCF<Float>(userCount: train.userCount, embedding: table, transforms: transforms)
        let graph = model.graph(itemsOfUser: train.itemsOfUser)
        let triples = BPRSampler(train: train, strategy: .userUniform).sampleEpoch(using: &g)
        let rows = model.distinctNodes(triples, 0..<min(triples.count, triplesInBatch))
        #expect((rows.count >= 64) == (triplesInBatch == 300), "\(rows.count) rows")
        let width = (layers + 1) * d
        let scoreGradient = Matrix<Float>(rows: rows.count, columns: width,
                                          values: (0..<rows.count * width).map { _ in Float.random(in: -1..<1, using: &g) })

        // The workspace passes: the restricted forward with its layer outputs gathered after, and
        // the full backward (every row, no scatter) with the layer gradients scattered before.
        let workspace = LRGCCFWorkspace<Float>(nodeCount: nodes, dimension: d, layers: layers)
        model.propagate(graph: graph, workspace: workspace, onlyRows: rows)
        let expectedScores = Matrix<Float>(rows: rows.count, columns: width)
        for l in 0...layers {
            (l == 0 ? model.embedding : workspace.layerOutput(l)).gatherRows(rows, into: expectedScores, atColumn: l * d)
            workspace.layerGradient(l).scatterRows(rows, from: scoreGradient, atColumn: l * d)
        }
        let expectedE = Matrix<Float>(rows: nodes, columns: d)
        let expectedW = transforms.map { _ in Matrix<Float>(rows: d, columns: d) }
        model.propagate(graph: graph, workspace: workspace)
        model.backpropagate(graph: graph, workspace: workspace, nonZeroRows: nil, into: expectedE, transformGradients: expectedW)

        // The block passes, on a fresh workspace.
        let blocks = LRGCCFWorkspace<Float>(nodeCount: nodes, dimension: d, layers: layers)
        let scores = Matrix<Float>(rows: rows.count, columns: width)
        model.propagate(graph: graph, workspace: blocks, batchRows: rows, into: scores)
        let e = Matrix<Float>(rows: nodes, columns: d)
        let w = transforms.map { _ in Matrix<Float>(rows: d, columns: d) }
        model.backpropagate(graph: graph, workspace: blocks, batchRows: rows, scoreGradient: scoreGradient, into: e,
                            transformGradients: w)
        #expect(scores.values == expectedScores.values)
        func close(_ a: [Float], _ b: [Float], _ what: String) {
            let scale = b.map(abs).max() ?? 0
            let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
            #expect(scale > 1e-3, "\(what) must not be trivial")
            #expect(worst <= 1e-5 * scale, "\(what): worst difference \(worst) at scale \(scale)")
        }
        close(e.values, expectedE.values, "∂L/∂E")
        for l in 0..<layers { close(w[l].values, expectedW[l].values, "∂L/∂W_\(l + 1)") }
    }
}
