import RecKernels

extension LRGCCF {
    /// The forward pass of a training step with the batch's score vectors written straight into
    /// a block: row `k` of `scores` (`rows.count × (L+1)d`) becomes `[X⁰ | X¹ | … | X^L]` of node
    /// `rows[k]`. The same numbers as ``propagate(graph:workspace:onlyRows:)`` followed by
    /// gathering each layer's rows, without writing the `X^l` into the workspace (its
    /// ``LRGCCFWorkspace/layerOutput(_:)`` is left as it was). `rows` lists distinct nodes.
    @_specialize(exported: true, where Scalar == Float)
    public func propagate(graph: PropagationGraph<Scalar>, workspace: LRGCCFWorkspace<Scalar>, batchRows rows: [Int32],
                          into scores: Matrix<Scalar>) {
        precondition(graph.nodeCount == numNodes, "LRGCCF: graph has \(graph.nodeCount) nodes, model \(numNodes)")
        precondition(workspace.nodeCount == numNodes && workspace.dimension == embeddingDim && workspace.layers == numLayers,
                     "LRGCCF: workspace shape does not match the model")
        precondition(scores.rows == rows.count && scores.columns == outputDim,
                     "LRGCCF: the score block is \(scores.rows) × \(scores.columns), expected \(rows.count) × \(outputDim)")
        embedding.gatherRows(rows, into: scores, atColumn: 0)
        guard numLayers > 0 else { return }
        let d = embeddingDim
        let gathered = Matrix<Scalar>(uninitializedRows: rows.count, columns: d)  // every row gathered below
        var previous = embedding
        for l in 1...numLayers {
            let p = workspace.propagations[l - 1], m = workspace.products[l - 1]
            setTransformProduct(l, workspace: workspace)
            if l == numLayers {
                graph.adjacency.multiply(previous, scaledBy: 1, adding: nil, scaledBy: 0, into: p, onlyRows: rows)
            } else {
                graph.adjacency.multiply(previous, into: p)
            }
            p.gatherRows(rows, into: gathered)
            LayerTransformProducts.multiply(block: gathered, column: 0, m, transposed: false, intoBlock: scores, column: l * d)
            previous = p
        }
    }

    /// The backward pass of a training step whose layer gradients are in a block: row `k` of
    /// `scoreGradient` (`rows.count × (L+1)d`) holds `[G⁰ | G¹ | … | G^L]` of node `rows[k]`, the
    /// gradient of the loss with respect to that node's score vector (zero for every node not
    /// listed). After ``propagate(graph:workspace:batchRows:into:)``; *sets* `embeddingGradient`
    /// and `transformGradients` to the same numbers as
    /// ``backpropagate(graph:workspace:nonZeroRows:into:transformGradients:)`` with those `G^l`
    /// scattered into the workspace, without the scattering (the workspace's layer gradients are
    /// not read or written).
    @_specialize(exported: true, where Scalar == Float)
    public func backpropagate(graph: PropagationGraph<Scalar>, workspace: LRGCCFWorkspace<Scalar>, batchRows rows: [Int32],
                              scoreGradient: Matrix<Scalar>, into embeddingGradient: Matrix<Scalar>,
                              transformGradients: [Matrix<Scalar>]) {
        precondition(graph.nodeCount == numNodes, "LRGCCF: graph has \(graph.nodeCount) nodes, model \(numNodes)")
        precondition(transformGradients.count == numLayers, "LRGCCF: \(transformGradients.count) transform gradients for \(numLayers) layers")
        precondition(embeddingGradient.rows == numNodes && embeddingGradient.columns == embeddingDim,
                     "LRGCCF: embedding gradient is \(embeddingGradient.rows) × \(embeddingGradient.columns)")
        precondition(scoreGradient.rows == rows.count && scoreGradient.columns == outputDim,
                     "LRGCCF: the score gradient block is \(scoreGradient.rows) × \(scoreGradient.columns)")
        let d = embeddingDim
        if numLayers == 0 {
            embeddingGradient.clearInParallel()
            embeddingGradient.addRows(fromBlock: scoreGradient, column: 0, scaledBy: 1, rows: rows)
            return
        }
        // ∂L/∂M_l = Σ_k P^l[rows[k]]ᵀ G^l[k], then the transforms' gradients from the top.
        for l in 1...numLayers {
            LayerTransformProducts.transposedProduct(workspace.propagations[l - 1], rows: rows, block: scoreGradient,
                                                     column: l * d, into: workspace.productGradients[l - 1])
        }
        transformGradientsFromProducts(workspace: workspace, into: transformGradients)

        // H^l = G^l M_lᵀ for the listed rows, in a block.
        let h = Matrix<Scalar>(rows: rows.count, columns: d)
        func transformGradient(_ l: Int) {
            LayerTransformProducts.multiply(block: scoreGradient, column: l * d, workspace.products[l - 1], transposed: true,
                                            intoBlock: h, column: 0)
        }
        transformGradient(numLayers)
        var t = h  // T^L = H^L, on the listed rows: the first step back scatters it from the block
        var next = workspace.running.0, spare = workspace.running.1
        for l in stride(from: numLayers, through: 1, by: -1) {
            let target = l == 1 ? embeddingGradient : next
            if l == numLayers {
                // Ãᵀ·T^L for T^L non-zero on `rows` only: scatter along the rows of Ã (= columns of Ãᵀ).
                graph.adjacency.scatterTransposedMultiply(block: h, column: 0, rows: rows, scaledBy: 1, into: target)
            } else {
                graph.transposedAdjacency.multiply(t, into: target)
            }
            if l == 1 {
                target.addRows(fromBlock: scoreGradient, column: 0, scaledBy: 1, rows: rows)
            } else {
                transformGradient(l - 1)
                target.addRows(fromBlock: h, column: 0, scaledBy: 1, rows: rows)
            }
            t = target
            if target === next { (next, spare) = (spare, next) }
        }
    }
}
