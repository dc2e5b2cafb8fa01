import RecKernels

extension LightGCN {
    /// Scores of node pairs: `⟨out_s, out_d⟩` for each pair `(s, d)` of `edgeLabelIndex`
    /// (PyG's `forward`; raw logits, no sigmoid).
    ///
    /// - Parameters:
    ///   - edgeIndex: the message-passing edges.
    ///   - edgeLabelIndex: the pairs to score; `nil` scores the pairs of `edgeIndex` itself.
    ///   - edgeWeight: one weight per message-passing edge; `nil` means all 1.
    /// - Returns: one score per pair.
    @inlinable
    public func forward(edgeIndex: EdgeIndex, edgeLabelIndex: EdgeIndex? = nil, edgeWeight: [Scalar]? = nil) -> [Scalar] {
        forward(graph: graph(edgeIndex: edgeIndex, edgeWeight: edgeWeight), edgeLabelIndex: edgeLabelIndex ?? edgeIndex)
    }

    /// Scores of the pairs of `edgeLabelIndex` with a prebuilt operator.
    @inlinable
    public func forward(graph: PropagationGraph<Scalar>, edgeLabelIndex: EdgeIndex) -> [Scalar] {
        Self.pairScores(getEmbedding(graph: graph), pairs: edgeLabelIndex)
    }

    /// Link probabilities `σ(⟨out_s, out_d⟩)` (`prob: true`) or their rounding to 0/1 (`prob: false`,
    /// the default, as in PyG; half rounds to even, so a logit of exactly 0 gives 0).
    @inlinable
    public func predictLink(edgeIndex: EdgeIndex, edgeLabelIndex: EdgeIndex? = nil, edgeWeight: [Scalar]? = nil,
                            prob: Bool = false) -> [Scalar] {
        Self.predictions(fromLogits: forward(edgeIndex: edgeIndex, edgeLabelIndex: edgeLabelIndex, edgeWeight: edgeWeight),
                         prob: prob)
    }

    /// ``predictLink(edgeIndex:edgeLabelIndex:edgeWeight:prob:)`` with a prebuilt operator.
    @inlinable
    public func predictLink(graph: PropagationGraph<Scalar>, edgeLabelIndex: EdgeIndex, prob: Bool = false) -> [Scalar] {
        Self.predictions(fromLogits: forward(graph: graph, edgeLabelIndex: edgeLabelIndex), prob: prob)
    }

    /// `⟨embeddings[s], embeddings[d]⟩` for every pair `(s, d)` of `pairs`.
    ///
    /// - Complexity: O(|pairs| · D).
    @inlinable
    public static func pairScores(_ embeddings: Matrix<Scalar>, pairs: EdgeIndex) -> [Scalar] {
        (0..<pairs.count).map { p in
            let s = pairs.sources[p], t = pairs.targets[p]
            precondition(s >= 0 && s < embeddings.rows && t >= 0 && t < embeddings.rows,
                         "LightGCN: pair \(p) (\(s), \(t)) is outside nodes 0..<\(embeddings.rows)")
            return embeddings.rowDot(s, embeddings, t)
        }
    }

    /// The logistic function `σ(z) = 1 / (1 + e^{−z})`, evaluated without overflow.
    @inlinable
    public static func sigmoid(_ z: Scalar) -> Scalar {
        if z >= 0 { return 1 / (1 + Scalar.exponential(-z)) }
        let e = Scalar.exponential(z)
        return e / (1 + e)
    }

    @inlinable
    static func predictions(fromLogits logits: [Scalar], prob: Bool) -> [Scalar] {
        logits.map { z in
            let p = sigmoid(z)
            return prob ? p : p.rounded(.toNearestOrEven)
        }
    }
}
