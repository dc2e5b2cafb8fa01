import RecKernels

extension LightGCN {
    /// Binary cross-entropy with logits, averaged over the pairs (PyG's `link_pred_loss`,
    /// `BCEWithLogitsLoss` with reduction `mean`), in the stable form
    ///
    ///     L = (1/M) Σ_p  max(z_p, 0) − z_p·y_p + ln(1 + e^{−|z_p|})
    ///
    /// - Parameters:
    ///   - pred: logits `z` (for example from ``forward(edgeIndex:edgeLabelIndex:edgeWeight:)``).
    ///   - edgeLabel: targets `y` in `[0, 1]`, one per logit.
    /// - Returns: the mean loss (NaN for no pairs, as in PyTorch).
    @inlinable
    public static func linkPredLoss(pred: [Scalar], edgeLabel: [Scalar]) -> Scalar {
        precondition(pred.count == edgeLabel.count, "linkPredLoss: \(pred.count) predictions, \(edgeLabel.count) labels")
        var sum = 0.0
        for p in 0..<pred.count {
            let z = Double(pred[p]), y = Double(edgeLabel[p])
            sum += max(z, 0) - z * y + Double.logarithmOnePlus(Double.exponential(-abs(z)))
        }
        return Scalar(sum / Double(pred.count))
    }

    /// The BPR loss with L2 regularisation of the layer-0 table (PyG's `recommendation_loss`,
    /// after the fix of PR #7384):
    ///
    ///     L = −(1/N) Σ_i ln σ(pos_i − neg_i)  +  λ · ‖E[nodeId]‖²_F / N
    ///
    /// where `N` is the number of pairs, `pos_i` and `neg_i` belong to the same user, and
    /// `ln σ(x) = −(max(−x, 0) + ln(1 + e^{−|x|}))` is evaluated stably. No ½ factor.
    ///
    /// - Parameters:
    ///   - posEdgeRank: scores of the positive pairs.
    ///   - negEdgeRank: scores of the negative pairs, same length.
    ///   - nodeId: the rows of `E` to regularise (a repeated id counts each time); `nil` means the
    ///     whole table. PyG's example passes the unique nodes of the batch.
    ///   - lambdaReg: λ (PyG's default 1e-4); the term is skipped when λ = 0.
    @inlinable
    public func recommendationLoss(posEdgeRank: [Scalar], negEdgeRank: [Scalar], nodeId: [Int]? = nil,
                                   lambdaReg: Scalar = 1e-4) -> Scalar {
        precondition(posEdgeRank.count == negEdgeRank.count,
                     "recommendationLoss: \(posEdgeRank.count) positive but \(negEdgeRank.count) negative scores")
        var sum = 0.0
        for i in 0..<posEdgeRank.count {
            sum += Self.logSigmoid(Double(posEdgeRank[i]) - Double(negEdgeRank[i]))
        }
        let n = Double(posEdgeRank.count)
        var loss = -sum / n
        if lambdaReg != 0 {
            loss += Double(lambdaReg) * regularizationSquaredNorm(nodeId: nodeId) / n
        }
        return Scalar(loss)
    }

    /// `ln σ(x) = −softplus(−x)`, without overflow for large |x|.
    @inlinable
    static func logSigmoid(_ x: Double) -> Double {
        -(max(-x, 0) + Double.logarithmOnePlus(Double.exponential(-abs(x))))
    }

    /// `‖E[nodeId]‖²_F` (rows counted with multiplicity), or `‖E‖²_F` when `nodeId` is nil.
    @inlinable
    func regularizationSquaredNorm(nodeId: [Int]?) -> Double {
        guard let nodeId else { return embedding.squaredNorm() }
        var sum = 0.0
        for id in nodeId {
            precondition(id >= 0 && id < numNodes, "recommendationLoss: node \(id) outside 0..<\(numNodes)")
            for c in 0..<embeddingDim { let v = Double(embedding[id, c]); sum += v * v }
        }
        return sum
    }
}
