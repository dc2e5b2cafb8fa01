import RecData
import RecKernels

/// The L2 term on the layer-0 rows of a batch of BPR triples, in the two conventions of
/// ``TrainingConfiguration/Regularization``, for a batch of B triples:
///
///     .authors:  R = λ · ½ Σ_t (‖E⁰_u‖² + ‖E⁰_i‖² + ‖E⁰_j‖²) / B     (rows counted per occurrence)
///     .pyg:      R = λ · Σ_{distinct batch nodes v} ‖E⁰_v‖² / B
///
/// Shared by every BPR trainer, so that LightGCN, MF-BPR and LR-GCCF regularise alike. With an
/// objective other than BPR the rows are those the objective read: each pair's user and positive
/// and each shared negative once (`.authors`), or the batch's distinct nodes (`.pyg`), still over B pairs.
enum LayerZeroRegularization {
    /// Adds `∂R/∂E⁰` for the rows of an objective's `batch` (built from `triples[range]`) and returns `R`.
    static func add(_ convention: TrainingConfiguration.Regularization, lambda: Float, embedding: Matrix<Float>,
                    gradient: Matrix<Float>, triples: BPRTriples, range: Range<Int>, batch: LossBatch,
                    userCount: Int) -> Double {
        if !batch.negatives.isEmpty {  // BPR: the triples' rows
            return add(convention, lambda: lambda, embedding: embedding, gradient: gradient, triples: triples, range: range,
                       nodes: batch.nodes, userCount: userCount)
        }
        if lambda == 0 || batch.pairCount == 0 { return 0 }
        let count = Float(batch.pairCount)
        var squares = 0.0
        @inline(__always) func apply(_ node: Int, _ factor: Float) -> Float {
            gradient.addRowReturningSquares(node, scaled: factor, of: embedding, row: node)
        }
        switch convention {
        case .authors:
            let factor = lambda / count
            for t in 0..<batch.pairCount {
                squares += Double(apply(Int(batch.nodes[Int(batch.users[t])]), factor))
                squares += Double(apply(Int(batch.nodes[Int(batch.positives[t])]), factor))
            }
            for row in batch.sharedNegatives { squares += Double(apply(Int(batch.nodes[Int(row)]), factor)) }
            squares *= 0.5
        case .pyg:
            let factor = 2 * lambda / count
            for node in batch.nodes { squares += Double(apply(Int(node), factor)) }
        }
        return Double(lambda) * squares / Double(count)
    }

    /// Adds `∂R/∂E⁰` to `gradient` and returns `R`.
    ///
    /// - Parameters:
    ///   - nodes: the distinct nodes of `triples[range]` (used by `.pyg`).
    ///   - userCount: `U`; item `i` is row `U + i`.
    static func add(_ convention: TrainingConfiguration.Regularization, lambda: Float, embedding: Matrix<Float>,
                    gradient: Matrix<Float>, triples: BPRTriples, range: Range<Int>, nodes: [Int32],
                    userCount: Int) -> Double {
        if lambda == 0 || range.isEmpty { return 0 }
        let batch = Float(range.count)
        var squares = 0.0
        /// Adds `factor · row` to the gradient of `node` and returns ‖row‖².
        @inline(__always) func apply(_ node: Int, _ factor: Float) -> Float {
            gradient.addRowReturningSquares(node, scaled: factor, of: embedding, row: node)
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
