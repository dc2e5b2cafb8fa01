import RecData
import RecKernels

/// The L2 term on the layer-0 rows of a batch of BPR triples, in the two conventions of
/// ``TrainingConfiguration/Regularization``, for a batch of B triples:
///
///     .authors:  R = λ · ½ Σ_t (‖E⁰_u‖² + ‖E⁰_i‖² + ‖E⁰_j‖²) / B     (rows counted per occurrence)
///     .pyg:      R = λ · Σ_{distinct batch nodes v} ‖E⁰_v‖² / B
///
/// Shared by every BPR trainer, so that LightGCN, MF-BPR and LR-GCCF regularise alike.
enum LayerZeroRegularization {
    /// Adds `∂R/∂E⁰` to `gradient` and returns `R`.
    ///
    /// - Parameters:
    ///   - nodes: the distinct nodes of `triples[range]` (used by `.pyg`).
    ///   - userCount: `U`; item `i` is row `U + i`.
    static func add(_ convention: TrainingConfiguration.Regularization, lambda: Float, embedding: Matrix<Float>,
                    gradient: Matrix<Float>, triples: BPRTriples, range: Range<Int>, nodes: [Int32],
                    userCount: Int) -> Double {
        if lambda == 0 || range.isEmpty { return 0 }
        let d = embedding.columns
        let batch = Float(range.count)
        let e = embedding.storage, grad = gradient.storage
        var squares = 0.0
        /// Adds `factor · row` to the gradient of `node` and returns ‖row‖².
        @inline(__always) func apply(_ node: Int, _ factor: Float) -> Float {
            let row = e + node * d, g = grad + node * d
            var s: Float = 0
            for c in 0..<d { s += row[c] * row[c]; g[c] += factor * row[c] }
            return s
        }
        switch convention {
        case .authors:
            // ∂R/∂row = λ·row/B per occurrence.
            let factor = lambda / batch
            for t in range {
                squares += Double(apply(Int(triples.users[t]), factor))
                squares += Double(apply(userCount + Int(triples.positives[t]), factor))
                squares += Double(apply(userCount + Int(triples.negatives[t]), factor))
            }
            squares *= 0.5
        case .pyg:
            // ∂R/∂row = 2λ·row/B once per node.
            let factor = 2 * lambda / batch
            for node in nodes { squares += Double(apply(Int(node), factor)) }
        }
        return Double(lambda) * squares / Double(batch)
    }
}
