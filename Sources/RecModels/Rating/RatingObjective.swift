import RecData
import RecKernels

/// The mean-squared-error objective of ``RatingLightGCN`` and its exact gradient, with the
/// buffers one training step needs (no matrix is allocated per step).
///
/// For a batch of `B` training ratings `(u_b, i_b, r_b)`:
///
///     L = (1/B) Σ_b (r̂_b − r_b)²
///       + (1/B) Σ_b [ λ (‖E⁰_{u_b}‖² + ‖E⁰_{U+i_b}‖²) + λ_b (b_{u_b}² + b_{i_b}²) ]
///
/// with `r̂` the model's prediction (``RatingLightGCN``, no fallback, no clipping). The L2 term
/// is on the layer-0 rows and biases of the batch, counted once per rating (so a user with many
/// ratings is regularised in proportion to them): per rating this is the objective of Funk's
/// SVD and Surprise's `SVD`, `e² + λ(b_u² + b_i² + ‖p_u‖² + ‖q_i‖²)`.
///
/// Gradients, with `g_b = 2(r̂_b − r_b)/B`:
///
///     ∂L/∂out_u += g_b · out_{U+i},   ∂L/∂out_{U+i} += g_b · out_u
///     ∂L/∂b_u   += g_b + 2λ_b·b_u/B,  ∂L/∂b_i       += g_b + 2λ_b·b_i/B
///     ∂L/∂E⁰    = Σ_l α_l (Âᵀ)^l ∂L/∂out  +  2λ/B · E⁰_row for each occurrence of a row
///
/// (the backward pass through the propagation is LightGCN's
/// ``LightGCN/backpropagate(graph:outputGradient:nonZeroRows:into:workspace:)``).
///
/// Not thread-safe: one objective per concurrent training run. Its methods are `@inlinable` so
/// that a caller's `RatingObjective<Float>` runs specialised kernels (a generic call across
/// modules would run the propagation unspecialised, about 100× slower).
public final class RatingObjective<Scalar: KernelScalar> {
    /// `∂L/∂E⁰` of the last ``lossAndGradient(model:graph:ratings:records:lambda:biasLambda:)``.
    public let embeddingGradient: Matrix<Scalar>
    /// `∂L/∂b_u`, `U × 1`.
    public let userBiasGradient: Matrix<Scalar>
    /// `∂L/∂b_i`, `I × 1`.
    public let itemBiasGradient: Matrix<Scalar>
    @usableFromInline let output: Matrix<Scalar>
    @usableFromInline let outputGradient: Matrix<Scalar>
    @usableFromInline let workspace: PropagationWorkspace<Scalar>
    /// Per-node stamp of the last batch that touched it (to list a batch's distinct nodes).
    @usableFromInline var lastSeenInBatch: [Int32]
    @usableFromInline var batchCounter: Int32 = 0

    /// Buffers for `model`'s shape: about `4 · (U+I) · D` scalars.
    public init(model: RatingLightGCN<Scalar>) {
        let n = model.userCount + model.itemCount, d = model.embeddingDim
        embeddingGradient = Matrix(rows: n, columns: d)
        userBiasGradient = Matrix(rows: model.userCount, columns: 1)
        itemBiasGradient = Matrix(rows: model.itemCount, columns: 1)
        output = Matrix(rows: n, columns: d)
        outputGradient = Matrix(rows: n, columns: d)
        workspace = PropagationWorkspace(nodeCount: n, dimension: d)
        lastSeenInBatch = [Int32](repeating: -1, count: n)
    }

    /// The loss of the ratings `records` (indices into `ratings`, repeats allowed) and its
    /// gradients, left in ``embeddingGradient``, ``userBiasGradient`` and ``itemBiasGradient``
    /// (overwritten; no parameter is changed).
    ///
    /// - Parameters:
    ///   - graph: the training graph (``RatingLightGCN/graph(train:)``).
    ///   - lambda: `λ`, the L2 weight of the layer-0 rows.
    ///   - biasLambda: `λ_b`, the L2 weight of the biases.
    /// - Complexity: `L` propagations forward and backward (O(L · nnz · D)) plus O(B · D).
    @inlinable @discardableResult
    public func lossAndGradient(model: RatingLightGCN<Scalar>, graph: PropagationGraph<Scalar>, ratings: RatingSet,
                                records: [Int], lambda: Scalar, biasLambda: Scalar) -> RatingLoss {
        precondition(!records.isEmpty, "RatingObjective: empty batch")
        precondition(ratings.userCount == model.userCount && ratings.itemCount == model.itemCount,
                     "RatingObjective: ratings are \(ratings.userCount) × \(ratings.itemCount), "
                        + "model \(model.userCount) × \(model.itemCount)")
        precondition(embeddingGradient.rows == model.lightGCN.numNodes && embeddingGradient.columns == model.embeddingDim,
                     "RatingObjective: buffers were made for another model shape")
        let users = model.userCount
        let batch = Scalar(records.count)
        let nodes = batchNodes(ratings, records, userCount: users)
        model.lightGCN.propagate(graph: graph, into: output, workspace: workspace, onlyRows: nodes)

        userBiasGradient.zero()
        itemBiasGradient.zero()
        let bu = model.userBias, bi = model.itemBias
        let mu = model.globalMean
        var squaredErrorSum = 0.0
        for k in records {
            let u = Int(ratings.users[k]), i = Int(ratings.items[k])
            let dot = output.rowDot(u, output, users + i)
            let error = mu + bu[u, 0] + bi[i, 0] + dot - Scalar(ratings.ratings[k])
            squaredErrorSum += Double(error) * Double(error)
            let g = 2 * error / batch
            userBiasGradient[u, 0] += g
            itemBiasGradient[i, 0] += g
            outputGradient.addRow(u, scaled: g, of: output, row: users + i)
            outputGradient.addRow(users + i, scaled: g, of: output, row: u)
        }
        model.lightGCN.backpropagate(graph: graph, outputGradient: outputGradient, nonZeroRows: nodes,
                                     into: embeddingGradient, workspace: workspace)
        outputGradient.clearRows(nodes)

        let regularization = addRegularization(model: model, ratings: ratings, records: records, lambda: lambda,
                                               biasLambda: biasLambda)
        return RatingLoss(squaredError: squaredErrorSum / Double(records.count), regularization: regularization)
    }

    /// Adds the L2 gradients (once per rating) and returns the L2 term.
    @inlinable
    func addRegularization(model: RatingLightGCN<Scalar>, ratings: RatingSet, records: [Int], lambda: Scalar,
                           biasLambda: Scalar) -> Double {
        let users = model.userCount
        let batch = Scalar(records.count)
        let e = model.embedding, bu = model.userBias, bi = model.itemBias
        let rowFactor = 2 * lambda / batch, biasFactor = 2 * biasLambda / batch
        var rowSquares = 0.0, biasSquares = 0.0
        /// Adds `rowFactor · row` to the gradient of `node` and returns ‖row‖².
        func applyRow(_ node: Int) -> Double {
            Double(embeddingGradient.addRowReturningSquares(node, scaled: rowFactor, of: e, row: node))
        }
        for k in records {
            let u = Int(ratings.users[k]), i = Int(ratings.items[k])
            if lambda != 0 { rowSquares += applyRow(u) + applyRow(users + i) }
            if biasLambda != 0 {
                userBiasGradient[u, 0] += biasFactor * bu[u, 0]
                itemBiasGradient[i, 0] += biasFactor * bi[i, 0]
                biasSquares += Double(bu[u, 0]) * Double(bu[u, 0]) + Double(bi[i, 0]) * Double(bi[i, 0])
            }
        }
        return (Double(lambda) * rowSquares + Double(biasLambda) * biasSquares) / Double(records.count)
    }

    /// The distinct nodes (users, and items offset by `U`) of the batch, in first-seen order.
    @inlinable
    func batchNodes(_ ratings: RatingSet, _ records: [Int], userCount: Int) -> [Int32] {
        batchCounter &+= 1
        let stamp = batchCounter, users = Int32(userCount)
        var nodes: [Int32] = []
        nodes.reserveCapacity(2 * records.count)
        @inline(__always) func visit(_ node: Int32) {
            if lastSeenInBatch[Int(node)] != stamp {
                lastSeenInBatch[Int(node)] = stamp
                nodes.append(node)
            }
        }
        for k in records {
            visit(ratings.users[k])
            visit(users + ratings.items[k])
        }
        return nodes
    }
}
