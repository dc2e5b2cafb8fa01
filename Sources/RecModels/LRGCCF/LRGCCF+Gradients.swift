import RecData
import RecKernels

extension LRGCCF {
    /// The mean BPR term of `triples[range]` after a forward pass, and its gradient with respect
    /// to every layer output, *added* to the workspace's ``LRGCCFWorkspace/layerGradient(_:)``:
    ///
    ///     x_t = ŷ_ui − ŷ_uj = Σ_l ⟨X^l_u, X^l_i − X^l_j⟩,    L_BPR = (1/B) Σ_t softplus(−x_t)
    ///     G^l_u += g_t (X^l_i − X^l_j),  G^l_i += g_t X^l_u,  G^l_j −= g_t X^l_u,   g_t = −σ(−x_t)/B
    ///
    /// for each triple `t = (u, i, j)` (items are nodes `U + i`). No regularisation.
    ///
    /// - Precondition: the forward pass covered the triples' nodes.
    /// - Returns: `L_BPR`, accumulated in `Double`.
    @_specialize(exported: true, where Scalar == Float)
    public func accumulateBPRGradient(_ triples: BPRTriples, _ range: Range<Int>, workspace: LRGCCFWorkspace<Scalar>) -> Double {
        guard !range.isEmpty else { return 0 }
        let first = range.lowerBound, count = range.count, users = userCount
        let layers = (0...numLayers).map { layer($0, in: workspace) }
        let gradients = (0...numLayers).map { workspace.layerGradient($0) }
        let batch = Scalar(count)
        // Pass 1, parallel over triples (read only): x_t and the loss.
        let terms = parallelMap(count: count, chunks: count < 512 ? 1 : defaultParallelChunks) { k -> (loss: Double, factor: Scalar) in
            let t = first + k
            let x = Matrix.layeredDifferenceDot(layers, Int(triples.users[t]), users + Int(triples.positives[t]),
                                                users + Int(triples.negatives[t]))
            // softplus(−x) = max(−x, 0) + ln(1 + e^{−|x|});  ∂/∂x = −σ(−x) = −1/(1 + eˣ).
            return (Double(max(-x, 0) + Scalar.logarithmOnePlus(Scalar.exponential(-abs(x)))),
                    -1 / (1 + Scalar.exponential(x)) / batch)
        }
        // Pass 2, parallel over layers (each writes its own G^l, triples in order).
        parallelFor(numLayers + 1) { l in
            let layerRows = layers[l], gradientRows = gradients[l]
            for k in 0..<count {
                let t = first + k
                gradientRows.addTripleGradient(Int(triples.users[t]), users + Int(triples.positives[t]),
                                               users + Int(triples.negatives[t]), scaledBy: terms[k].factor, of: layerRows)
            }
        }
        let sum = terms.reduce(0) { $0 + $1.loss }
        return sum / Double(range.count)
    }

    /// The backward pass: from `G^l = ∂L/∂X^l` in the workspace and the forward pass's
    /// `X^l = P^l M_l` (``propagate(graph:workspace:onlyRows:)``), *sets*
    ///
    ///     H^l = G^l M_lᵀ (H⁰ = G⁰),   T^L = H^L,   T^{l−1} = H^{l−1} + Ãᵀ T^l,   ∂L/∂E = T⁰
    ///     ∂L/∂M_l = (P^l)ᵀ G^l,   R_L = ∂L/∂M_L,   R_l = ∂L/∂M_l + R_{l+1} W_{l+1}ᵀ,
    ///     ∂L/∂W_l = M_{l−1}ᵀ R_l   (M_0 = I)
    ///
    /// into `embeddingGradient` (`N × d`) and `transformGradients[l − 1]` (`d × d`), then clears the
    /// workspace's layer gradients. Add regularisation afterwards. (These are the chain rule
    /// through `E ↦ P^l` and `W_1…W_l ↦ M_l`: `∂L/∂W_k = Σ_{l≥k} M_{k−1}ᵀ (∂L/∂M_l)(W_{k+1}⋯W_l)ᵀ`,
    /// summed from the top.)
    ///
    /// With `nonZeroRows` (the distinct nodes of a batch, listed once each, and a forward pass
    /// restricted to them), the `G^l` must be zero outside those rows: they are gathered into a
    /// block and the pass is ``backpropagate(graph:workspace:batchRows:scoreGradient:into:transformGradients:)``,
    /// which computes the `H^l` and `∂L/∂M_l` on those rows only and scatters the first step back
    /// along Ã instead of reading the whole graph.
    ///
    /// - Complexity: L−1 sparse products and one scatter (L with `nonZeroRows: nil`), 2L dense
    ///   `rows × d × d` products and O(L·d³) for the transforms.
    @_specialize(exported: true, where Scalar == Float)
    public func backpropagate(graph: PropagationGraph<Scalar>, workspace: LRGCCFWorkspace<Scalar>, nonZeroRows rows: [Int32]?,
                              into embeddingGradient: Matrix<Scalar>, transformGradients: [Matrix<Scalar>]) {
        precondition(graph.nodeCount == numNodes, "LRGCCF: graph has \(graph.nodeCount) nodes, model \(numNodes)")
        precondition(transformGradients.count == numLayers, "LRGCCF: \(transformGradients.count) transform gradients for \(numLayers) layers")
        precondition(embeddingGradient.rows == numNodes && embeddingGradient.columns == embeddingDim,
                     "LRGCCF: embedding gradient is \(embeddingGradient.rows) × \(embeddingGradient.columns)")
        let g = workspace.gradients
        defer {
            if let rows { for m in g { m.clearRows(rows) } } else { for m in g { m.clearInParallel() } }
        }
        if let rows {
            // The listed rows of the layer gradients, gathered into a block: the training step's pass.
            let block = Matrix<Scalar>(rows: rows.count, columns: outputDim)
            for l in 0...numLayers { g[l].gatherRows(rows, into: block, atColumn: l * embeddingDim) }
            backpropagate(graph: graph, workspace: workspace, batchRows: rows, scoreGradient: block, into: embeddingGradient,
                          transformGradients: transformGradients)
            return
        }
        if numLayers == 0 {
            embeddingGradient.assign(g[0])
            return
        }
        let r = workspace.productGradients
        for l in 1...numLayers {
            LayerTransformProducts.transposedProduct(workspace.propagations[l - 1], g[l], into: r[l - 1])
        }
        transformGradientsFromProducts(workspace: workspace, into: transformGradients)

        // H^l = G^l M_lᵀ into the scratch buffer, T^{l−1} = H^{l−1} + Ãᵀ T^l.
        let h = workspace.transformed
        LayerTransformProducts.multiply(g[numLayers], workspace.products[numLayers - 1], transposed: true, into: h)
        var t = h
        var next = workspace.running.0, spare = workspace.running.1
        for l in stride(from: numLayers, through: 1, by: -1) {
            let target = l == 1 ? embeddingGradient : next
            graph.transposedAdjacency.multiply(t, into: target)
            // T^l has been read: the scratch buffer may now take H^{l−1}.
            let added: Matrix<Scalar>
            if l == 1 {
                added = g[0]
            } else {
                LayerTransformProducts.multiply(g[l - 1], workspace.products[l - 2], transposed: true, into: h)
                added = h
            }
            target.addScaled(added, by: 1)
            t = target
            if target === next { (next, spare) = (spare, next) }
        }
    }

    /// `∂L/∂W_l` from `∂L/∂M_l` in the workspace's ``LRGCCFWorkspace/productGradients`` (which it
    /// overwrites with the running `R_l`).
    @_specialize(exported: true, where Scalar == Float)
    func transformGradientsFromProducts(workspace: LRGCCFWorkspace<Scalar>, into transformGradients: [Matrix<Scalar>]) {
        let r = workspace.productGradients
        // R_l = ∂L/∂M_l + R_{l+1} W_{l+1}ᵀ, from the top, in place.
        for l in stride(from: numLayers - 1, through: 1, by: -1) {
            LayerTransformProducts.multiply(r[l], transforms[l], transposed: true, into: workspace.square)
            r[l - 1].addScaled(workspace.square, by: 1)
        }
        // ∂L/∂W_l = M_{l−1}ᵀ R_l.
        transformGradients[0].assign(r[0])
        for l in stride(from: 2, through: numLayers, by: 1) {
            LayerTransformProducts.transposedProduct(workspace.products[l - 2], r[l - 1], into: transformGradients[l - 1])
        }
    }

    /// The mean BPR term of `triples[range]` and its exact gradients, by the training path
    /// (forward on the batch's nodes, ``accumulateBPRGradient(_:_:workspace:)``,
    /// ``backpropagate(graph:workspace:nonZeroRows:into:transformGradients:)``). Allocates its
    /// buffers: for checks and one-off use, not for a training loop.
    ///
    /// - Returns: the loss, `∂L/∂E` (`N × d`) and `∂L/∂W_l` (`d × d`, l = 1…L).
    @_specialize(exported: true, where Scalar == Float)
    public func bprLossGradient(graph: PropagationGraph<Scalar>, triples: BPRTriples, range: Range<Int>)
        -> (loss: Double, embeddingGradient: Matrix<Scalar>, transformGradients: [Matrix<Scalar>]) {
        let workspace = LRGCCFWorkspace<Scalar>(nodeCount: numNodes, dimension: embeddingDim, layers: numLayers)
        let rows = distinctNodes(triples, range)
        propagate(graph: graph, workspace: workspace, onlyRows: rows)
        let loss = accumulateBPRGradient(triples, range, workspace: workspace)
        let embeddingGradient = Matrix<Scalar>(rows: numNodes, columns: embeddingDim)
        let transformGradients = transforms.map { Matrix<Scalar>(rows: $0.rows, columns: $0.columns) }
        backpropagate(graph: graph, workspace: workspace, nonZeroRows: rows, into: embeddingGradient,
                      transformGradients: transformGradients)
        return (loss, embeddingGradient, transformGradients)
    }

    /// The mean BPR term `(1/B) Σ softplus(ŷ_uj − ŷ_ui)` of `triples[range]` from full final
    /// embeddings (``scores(graph:users:items:)``): the plain reference of the training path.
    @_specialize(exported: true, where Scalar == Float)
    public func bprLoss(graph: PropagationGraph<Scalar>, triples: BPRTriples, range: Range<Int>) -> Double {
        let users = range.map { Int(triples.users[$0]) }
        let positive = scores(graph: graph, users: users, items: range.map { Int(triples.positives[$0]) })
        let negative = scores(graph: graph, users: users, items: range.map { Int(triples.negatives[$0]) })
        var sum = 0.0
        for (a, b) in zip(positive, negative) {
            let x = Double(a) - Double(b)
            sum += max(-x, 0) + Double.logarithmOnePlus(Double.exponential(-abs(x)))
        }
        return range.isEmpty ? 0 : sum / Double(range.count)
    }

    /// The distinct nodes (users, then items offset by U) of `triples[range]`, in first-seen order.
    public func distinctNodes(_ triples: BPRTriples, _ range: Range<Int>) -> [Int32] {
        var seen = [Bool](repeating: false, count: numNodes)
        var nodes: [Int32] = []
        let offset = Int32(userCount)
        for t in range {
            for node in [triples.users[t], offset + triples.positives[t], offset + triples.negatives[t]] where !seen[Int(node)] {
                seen[Int(node)] = true
                nodes.append(node)
            }
        }
        return nodes
    }
}
