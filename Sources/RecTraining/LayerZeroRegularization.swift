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
        switch convention {
        case .authors:
            var rows: [Int32] = []
            rows.reserveCapacity(2 * batch.pairCount + batch.sharedNegatives.count)
            for t in 0..<batch.pairCount {
                rows.append(batch.nodes[Int(batch.users[t])])
                rows.append(batch.nodes[Int(batch.positives[t])])
            }
            for row in batch.sharedNegatives { rows.append(batch.nodes[Int(row)]) }
            let squares = addInOrder(rows, factor: lambda / count, embedding: embedding, gradient: gradient)
            return Double(lambda) * (squares * 0.5) / Double(count)
        case .pyg:
            let squares = addInOrder(batch.nodes, factor: 2 * lambda / count, embedding: embedding, gradient: gradient)
            return Double(lambda) * squares / Double(count)
        }
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
        switch convention {
        case .authors:
            // ∂R/∂row = λ·row/B per occurrence.
            var rows: [Int32] = []
            rows.reserveCapacity(3 * range.count)
            let users = Int32(truncatingIfNeeded: userCount)
            for t in range {
                rows.append(triples.users[t])
                rows.append(users + triples.positives[t])
                rows.append(users + triples.negatives[t])
            }
            let squares = addInOrder(rows, factor: lambda / batch, embedding: embedding, gradient: gradient)
            return Double(lambda) * (squares * 0.5) / Double(batch)
        case .pyg:
            // ∂R/∂row = 2λ·row/B once per node.
            let squares = addInOrder(nodes, factor: 2 * lambda / batch, embedding: embedding, gradient: gradient)
            return Double(lambda) * squares / Double(batch)
        }
    }

    /// Adds `factor · E⁰[r]` to the gradient for each occurrence `r` of `rows` and returns
    /// `Σ ‖E⁰[r]‖²` over the occurrences, each norm summed in `Float` and the total in `Double`
    /// in list order (the rows are updated in parallel, the sums are the serial loop's).
    static func addInOrder(_ rows: [Int32], factor: Float, embedding: Matrix<Float>, gradient: Matrix<Float>) -> Double {
        var total = 0.0
        for square in gradient.addRowsReturningSquares(rows, scaled: factor, of: embedding) { total += Double(square) }
        return total
    }
}
