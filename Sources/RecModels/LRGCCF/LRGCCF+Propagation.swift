import RecKernels

extension LRGCCF {
    /// The forward pass into `workspace`: `Z^l = Ã X^{l−1}` and `X^l = Z^l W_l` for l = 1…L, with
    /// `X⁰ = E`.
    ///
    /// With `onlyRows`, layers `1…L−1` are computed in full (the next layer needs them on every
    /// neighbour) but the last convolution and transform run on the listed rows only: what a
    /// training step needs for the scores of its batch. Other rows of `Z^L` and `X^L` are then
    /// unspecified.
    ///
    /// - Complexity: L sparse products (O(L·nnz·d)) and L dense `N × d × d` products, all parallel
    ///   (the last of each on the listed rows only).
    @_specialize(exported: true, where Scalar == Float)
    public func propagate(graph: PropagationGraph<Scalar>, workspace: LRGCCFWorkspace<Scalar>, onlyRows rows: [Int32]? = nil) {
        precondition(graph.nodeCount == numNodes, "LRGCCF: graph has \(graph.nodeCount) nodes, model \(numNodes)")
        precondition(workspace.nodeCount == numNodes && workspace.dimension == embeddingDim && workspace.layers == numLayers,
                     "LRGCCF: workspace shape does not match the model")
        var previous = embedding
        for l in stride(from: 1, through: numLayers, by: 1) {
            let z = workspace.convolutions[l - 1], x = workspace.outputs[l - 1], w = transforms[l - 1]
            if l == numLayers, let rows {
                graph.adjacency.multiply(previous, scaledBy: 1, adding: nil, scaledBy: 0, into: z, onlyRows: rows)
                LayerTransformProducts.multiply(z, w, transposed: false, into: x, rows: rows)
            } else {
                graph.adjacency.multiply(previous, into: z)
                LayerTransformProducts.multiply(z, w, transposed: false, into: x)
            }
            previous = x
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
        let d = embeddingDim, width = outputDim
        let out = Matrix<Scalar>(rows: numNodes, columns: width)
        for l in 0...numLayers {
            let x = layer(l, in: workspace)
            for v in 0..<numNodes { (out.row(v) + l * d).update(from: x.row(v), count: d) }
        }
        return out
    }

    /// `⟨out_u, out_{U+i}⟩` for each `(users[k], items[k])`, from a full forward pass.
    @_specialize(exported: true, where Scalar == Float)
    public func scores(graph: PropagationGraph<Scalar>, users: [Int], items: [Int]) -> [Scalar] {
        precondition(users.count == items.count, "LRGCCF: \(users.count) users but \(items.count) items")
        let out = finalEmbeddings(graph: graph)
        return zip(users, items).map { u, i in
            precondition(u >= 0 && u < userCount && i >= 0 && i < itemCount, "LRGCCF: pair (\(u), \(i)) out of range")
            let a = out.row(u), b = out.row(userCount + i)
            var sum: Scalar = 0
            for c in 0..<out.columns { sum += a[c] * b[c] }
            return sum
        }
    }
}
