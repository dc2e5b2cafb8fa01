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
        var factors = [Float](repeating: 0, count: count)
        var losses = [Double](repeating: 0, count: count)
        let chunks = count < 512 ? 1 : 8
        factors.withUnsafeMutableBufferPointer { factors in
            losses.withUnsafeMutableBufferPointer { losses in
                parallelFor(chunks) { chunk in
                    for t in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) {
                        let x = e.rowDot(Int(users[t]), differenceOf: e, Int(positives[t]), Int(negatives[t]))
                        losses[t] = Double(max(-x, 0) + Float.logarithmOnePlus(Float.exponential(-abs(x))))
                        factors[t] = -1 / (1 + Float.exponential(x)) / scale
                    }
                }
            }
        }
        // In the order of the pairs (a row's sum does not depend on the thread count).
        for t in 0..<count {
            let u = Int(users[t]), i = Int(positives[t]), j = Int(negatives[t]), factor = factors[t]
            g.addRow(u, scaledDifference: factor, of: e, i, j)
            g.addRow(i, scaled: factor, of: e, row: u)
            g.addRow(j, scaled: -factor, of: e, row: u)
        }
        return losses.reduce(0, +) / Double(count)
    }
}
