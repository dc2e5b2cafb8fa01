import Foundation
import RecKernels

/// The BPR objective on each pair's own negative: for pair t = (u, i, j),
///
///     x_t = ⟨f_u, f_i − f_j⟩,   ℓ_t = softplus(−x_t) = max(−x_t, 0) + ln(1 + e^{−|x_t|})
///     ∂ℓ/∂x_t = −σ(−x_t) = −1/(1 + e^{x_t})
///
/// averaged over the B pairs. The gradient is summed in the order of the pairs, so the result is
/// the same number for any thread count.
public struct BPRLoss: LossFunction {
    /// The BPR objective.
    public init() {}

    public func accumulate(_ batch: LossBatch) -> Double {
        let count = batch.pairCount
        guard count > 0 else { return 0 }
        precondition(batch.negatives.count == count, "BPR needs one negative per pair")
        let e = batch.embeddings, g = batch.gradient
        let users = batch.users, positives = batch.positives, negatives = batch.negatives
        let scale = Float(count)
        let terms = parallelMap(count: count, chunks: count < 512 ? 1 : 8) { t -> (loss: Double, factor: Float) in
            let x = e.rowDot(Int(users[t]), differenceOf: e, Int(positives[t]), Int(negatives[t]))
            return (Double(max(-x, 0) + Float.logarithmOnePlus(Float.exponential(-abs(x)))),
                    -1 / (1 + Float.exponential(x)) / scale)
        }
        // In the order of the pairs (a row's sum does not depend on the thread count).
        for t in 0..<count {
            let u = Int(users[t]), i = Int(positives[t]), j = Int(negatives[t]), factor = terms[t].factor
            g.addRow(u, scaledDifference: factor, of: e, i, j)
            g.addRow(i, scaled: factor, of: e, row: u)
            g.addRow(j, scaled: -factor, of: e, row: u)
        }
        return terms.reduce(0) { $0 + $1.loss } / Double(count)
    }
}
