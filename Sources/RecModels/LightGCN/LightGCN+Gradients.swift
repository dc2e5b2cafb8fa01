import RecKernels

extension LightGCN {
    /// ``recommendationLoss(posEdgeRank:negEdgeRank:nodeId:lambdaReg:)`` and its exact gradient
    /// with respect to the embedding table `E`, where `pos_i` and `neg_i` are the
    /// ``forward(edgeIndex:edgeLabelIndex:edgeWeight:)`` scores at `posPositions[i]` and
    /// `negPositions[i]` of `edgeLabelIndex`:
    ///
    ///     ∂L/∂score_p = Σ_{i: pos_i = p} −σ(neg_i − pos_i)/N  −  Σ_{i: neg_i = p} −σ(neg_i − pos_i)/N
    ///     ∂L/∂out_s += ∂L/∂score_p · out_d,   ∂L/∂out_d += ∂L/∂score_p · out_s   for p = (s, d)
    ///     ∂L/∂E = Σ_l α_l (Âᵀ)^l ∂L/∂out  +  (2λ/N) · E[id] for each id in nodeId (all rows if nil)
    ///
    /// - Parameters:
    ///   - edgeLabelIndex: the scored pairs; `nil` means `edgeIndex`.
    /// - Returns: the loss and `∂L/∂E` (`N × D`).
    @inlinable
    public func recommendationLossGradient(
        edgeIndex: EdgeIndex, edgeWeight: [Scalar]? = nil, edgeLabelIndex: EdgeIndex? = nil,
        posPositions: [Int], negPositions: [Int], nodeId: [Int]? = nil, lambdaReg: Scalar = 1e-4
    ) -> (loss: Scalar, gradient: Matrix<Scalar>) {
        recommendationLossGradient(graph: graph(edgeIndex: edgeIndex, edgeWeight: edgeWeight),
                                   edgeLabelIndex: edgeLabelIndex ?? edgeIndex, posPositions: posPositions,
                                   negPositions: negPositions, nodeId: nodeId, lambdaReg: lambdaReg)
    }

    /// ``recommendationLossGradient(edgeIndex:edgeWeight:edgeLabelIndex:posPositions:negPositions:nodeId:lambdaReg:)``
    /// with a prebuilt operator.
    @inlinable
    public func recommendationLossGradient(
        graph: PropagationGraph<Scalar>, edgeLabelIndex: EdgeIndex, posPositions: [Int], negPositions: [Int],
        nodeId: [Int]? = nil, lambdaReg: Scalar = 1e-4
    ) -> (loss: Scalar, gradient: Matrix<Scalar>) {
        precondition(posPositions.count == negPositions.count,
                     "recommendationLossGradient: \(posPositions.count) positive but \(negPositions.count) negative positions")
        let out = getEmbedding(graph: graph)
        let scores = Self.pairScores(out, pairs: edgeLabelIndex)
        let n = posPositions.count
        var scoreGradient = [Scalar](repeating: 0, count: scores.count)
        for i in 0..<n {
            let delta = Double(scores[posPositions[i]]) - Double(scores[negPositions[i]])
            // d(−ln σ(Δ))/dΔ = −σ(−Δ)
            let g = Scalar(-Double(Self.sigmoid(Scalar(-delta))) / Double(n))
            scoreGradient[posPositions[i]] += g
            scoreGradient[negPositions[i]] -= g
        }
        let loss = recommendationLoss(posEdgeRank: posPositions.map { scores[$0] },
                                      negEdgeRank: negPositions.map { scores[$0] },
                                      nodeId: nodeId, lambdaReg: lambdaReg)
        let gradient = embeddingGradient(graph: graph, embeddings: out, pairs: edgeLabelIndex, scoreGradient: scoreGradient)
        if lambdaReg != 0 {
            let scale = 2 * lambdaReg / Scalar(n)
            if let nodeId {
                for id in nodeId { gradient.addRow(id, scaled: scale, of: embedding, row: id) }
            } else {
                gradient.addScaled(embedding, by: scale)
            }
        }
        return (loss, gradient)
    }

    /// ``linkPredLoss(pred:edgeLabel:)`` of the ``forward(edgeIndex:edgeLabelIndex:edgeWeight:)``
    /// scores and its exact gradient with respect to `E`:
    ///
    ///     ∂L/∂z_p = (σ(z_p) − y_p) / M,   then as in the BPR gradient (without regularisation).
    ///
    /// - Parameters:
    ///   - edgeLabelIndex: the scored pairs; `nil` means `edgeIndex`.
    ///   - edgeLabel: one target in `[0, 1]` per pair.
    @inlinable
    public func linkPredLossGradient(
        edgeIndex: EdgeIndex, edgeWeight: [Scalar]? = nil, edgeLabelIndex: EdgeIndex? = nil, edgeLabel: [Scalar]
    ) -> (loss: Scalar, gradient: Matrix<Scalar>) {
        linkPredLossGradient(graph: graph(edgeIndex: edgeIndex, edgeWeight: edgeWeight),
                             edgeLabelIndex: edgeLabelIndex ?? edgeIndex, edgeLabel: edgeLabel)
    }

    /// ``linkPredLossGradient(edgeIndex:edgeWeight:edgeLabelIndex:edgeLabel:)`` with a prebuilt operator.
    @inlinable
    public func linkPredLossGradient(
        graph: PropagationGraph<Scalar>, edgeLabelIndex: EdgeIndex, edgeLabel: [Scalar]
    ) -> (loss: Scalar, gradient: Matrix<Scalar>) {
        let out = getEmbedding(graph: graph)
        let scores = Self.pairScores(out, pairs: edgeLabelIndex)
        precondition(edgeLabel.count == scores.count,
                     "linkPredLossGradient: \(edgeLabel.count) labels for \(scores.count) pairs")
        let m = Scalar(scores.count)
        let scoreGradient = (0..<scores.count).map { p in (Self.sigmoid(scores[p]) - edgeLabel[p]) / m }
        let gradient = embeddingGradient(graph: graph, embeddings: out, pairs: edgeLabelIndex, scoreGradient: scoreGradient)
        return (Self.linkPredLoss(pred: scores, edgeLabel: edgeLabel), gradient)
    }

    /// `∂L/∂E` from `∂L/∂score_p` of inner-product scores `score_p = ⟨out_s, out_d⟩`.
    @inlinable
    func embeddingGradient(graph: PropagationGraph<Scalar>, embeddings out: Matrix<Scalar>, pairs: EdgeIndex,
                           scoreGradient: [Scalar]) -> Matrix<Scalar> {
        let outputGradient = Matrix<Scalar>(rows: numNodes, columns: embeddingDim)
        for p in 0..<pairs.count where scoreGradient[p] != 0 {
            let g = scoreGradient[p]
            let s = pairs.sources[p], t = pairs.targets[p]
            // Row by row, not interleaved: the same sums, also when s == t.
            outputGradient.addRow(s, scaled: g, of: out, row: t)
            outputGradient.addRow(t, scaled: g, of: out, row: s)
        }
        let gradient = Matrix<Scalar>(rows: numNodes, columns: embeddingDim)
        backpropagate(graph: graph, outputGradient: outputGradient, into: gradient,
                      workspace: PropagationWorkspace(nodeCount: numNodes, dimension: embeddingDim))
        return gradient
    }
}
