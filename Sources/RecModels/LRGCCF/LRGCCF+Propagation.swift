import RecKernels

extension LRGCCF {
    /// The forward pass into `workspace`. The transforms are linear and act on the columns while
    /// Ã acts on the rows, so `Ã (X W) = (Ã X) W` and every layer is a plain propagation times a
    /// product of the transforms:
    ///
    ///     X^l = Ã X^{l−1} W_l = (Ã^l E)(W_1⋯W_l) = P^l M_l,   P⁰ = E,  P^l = Ã P^{l−1},  M_l = M_{l−1} W_l
    ///
    /// The pass computes `M_l` (`d × d`, cheap), `P^l` and `X^l = P^l M_l` for l = 1…L.
    ///
    /// With `onlyRows`, `P^1 … P^{L−1}` are computed in full (the next layer needs them on every
    /// neighbour), `P^L` and every `X^l` on the listed rows only: what a training step needs for
    /// the scores of its batch. Other rows of `P^L` and of the `X^l` are then unspecified. So a
    /// step costs the sparse products of LightGCN plus transforms of the batch's rows, instead of
    /// `N × d × d` products per layer.
    ///
    /// - Complexity: L sparse products (O(L·nnz·d), the last on the listed rows) and L dense
    ///   `rows × d × d` products, all parallel.
    @_specialize(exported: true, where Scalar == Float)
    public func propagate(graph: PropagationGraph<Scalar>, workspace: LRGCCFWorkspace<Scalar>, onlyRows rows: [Int32]? = nil) {
        precondition(graph.nodeCount == numNodes, "LRGCCF: graph has \(graph.nodeCount) nodes, model \(numNodes)")
        precondition(workspace.nodeCount == numNodes && workspace.dimension == embeddingDim && workspace.layers == numLayers,
                     "LRGCCF: workspace shape does not match the model")
        if let rows {
            // The training step's pass into a block, then each layer's rows into the workspace.
            let block = Matrix<Scalar>(rows: rows.count, columns: outputDim)
            propagate(graph: graph, workspace: workspace, batchRows: rows, into: block)
            for l in stride(from: 1, through: numLayers, by: 1) {
                workspace.outputs[l - 1].scatterRows(rows, from: block, atColumn: l * embeddingDim)
            }
            return
        }
        var previous = embedding
        for l in stride(from: 1, through: numLayers, by: 1) {
            let p = workspace.propagations[l - 1], m = workspace.products[l - 1]
            setTransformProduct(l, workspace: workspace)
            graph.adjacency.multiply(previous, into: p)
            LayerTransformProducts.multiply(p, m, transposed: false, into: workspace.outputs[l - 1])
            previous = p
        }
    }

    /// `X^l` after a forward pass: the model's table for `l = 0`, the workspace's buffer otherwise.
    func layer(_ l: Int, in workspace: LRGCCFWorkspace<Scalar>) -> Matrix<Scalar> {
        l == 0 ? embedding : workspace.layerOutput(l)
    }

    /// The final embeddings `out = [X⁰ | X¹ | … | X^L]` of every node (`N × (L+1)d`; block `l`
    /// holds columns `l·d ..< (l+1)·d`).
    @_specialize(exported: true, where Scalar == Float)
    public func finalEmbeddings(graph: PropagationGraph<Scalar>) -> Matrix<Scalar> {
        let workspace = LRGCCFWorkspace<Scalar>(nodeCount: numNodes, dimension: embeddingDim, layers: numLayers)
        propagate(graph: graph, workspace: workspace)
        let out = Matrix<Scalar>(rows: numNodes, columns: outputDim)
        for l in 0...numLayers { out.setColumns(startingAt: l * embeddingDim, to: layer(l, in: workspace)) }
        return out
    }

    /// `⟨out_u, out_{U+i}⟩` for each `(users[k], items[k])`, from a full forward pass.
    @_specialize(exported: true, where Scalar == Float)
    public func scores(graph: PropagationGraph<Scalar>, users: [Int], items: [Int]) -> [Scalar] {
        precondition(users.count == items.count, "LRGCCF: \(users.count) users but \(items.count) items")
        let out = finalEmbeddings(graph: graph)
        return zip(users, items).map { u, i in
            precondition(u >= 0 && u < userCount && i >= 0 && i < itemCount, "LRGCCF: pair (\(u), \(i)) out of range")
            return out.rowDot(u, out, userCount + i)
        }
    }

    /// `M_l = W_1⋯W_l` into the workspace (`M_1 = W_1`, then `M_l = M_{l−1} W_l`).
    func setTransformProduct(_ l: Int, workspace: LRGCCFWorkspace<Scalar>) {
        let m = workspace.products[l - 1]
        if l == 1 {
            m.assign(transforms[0])
        } else {
            LayerTransformProducts.multiply(workspace.products[l - 2], transforms[l - 1], transposed: false, into: m)
        }
    }
}
