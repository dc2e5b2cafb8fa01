import Foundation
import RecKernels

/// The softmax family over shared negatives: for pair t = (u, i) and the batch's negatives N,
///
///     ℓ_t = −s_ti/τ₁ + (τ₂/τ₁) · log( [withPositive] e^{s_ti/τ₂} + Σ_{j∈N, j≠i} e^{s_tj/τ₂} )
///
/// with `s_tj = ⟨f_u, f_j⟩`. ``TrainingLoss/softmax`` is τ₁ = τ₂ = τ with the positive in the
/// denominator; ``TrainingLoss/bsl`` is τ₁ ≠ τ₂ without it. With `w_tj` the softmax weights of the
/// denominator's terms at temperature τ₂, the gradients of the mean over B pairs are
///
///     ∂L/∂s_tj = w_tj / (τ₁ B),   ∂L/∂s_ti = (−1 + [withPositive] w_ti) / (τ₁ B).
///
/// The logarithm is a log-sum-exp shifted by the row's largest term. The B × |N| scores and
/// the two products that carry their gradients back are dense matrix products (``DenseMultiply``).
public struct SampledSoftmaxLoss: LossFunction {
    /// τ₁, the temperature of the positive.
    public var positiveTemperature: Float
    /// τ₂, the temperature of the negatives.
    public var negativeTemperature: Float
    /// Whether the positive's own term is in the denominator (softmax: yes; BSL: no).
    public var positiveInDenominator: Bool

    /// The softmax loss at temperature τ.
    public static func softmax(temperature: Float) -> SampledSoftmaxLoss {
        SampledSoftmaxLoss(positiveTemperature: temperature, negativeTemperature: temperature, positiveInDenominator: true)
    }

    /// The bilateral softmax loss with τ₁ on the positive and τ₂ on the negatives.
    public static func bilateral(positiveTemperature: Float, negativeTemperature: Float) -> SampledSoftmaxLoss {
        SampledSoftmaxLoss(positiveTemperature: positiveTemperature, negativeTemperature: negativeTemperature,
                           positiveInDenominator: false)
    }

    public init(positiveTemperature: Float, negativeTemperature: Float, positiveInDenominator: Bool) {
        self.positiveTemperature = positiveTemperature
        self.negativeTemperature = negativeTemperature
        self.positiveInDenominator = positiveInDenominator
    }

    public func accumulate(_ batch: LossBatch) -> Double {
        let count = batch.pairCount, width = batch.width, shared = batch.sharedNegatives
        let negativeCount = shared.count
        guard count > 0 else { return 0 }
        let e = batch.embeddings, g = batch.gradient
        let users = batch.users, positives = batch.positives
        let userRows = Matrix<Float>(rows: count, columns: width)
        e.gatherRows(users, into: userRows)
        let negativeRows = Matrix<Float>(rows: negativeCount, columns: width)
        e.gatherRows(shared, into: negativeRows)
        // scores[t, m] = ⟨f_u(t), f_n(m)⟩, then replaced by ∂L/∂scores.
        let scores = Matrix<Float>(rows: count, columns: negativeCount)
        DenseMultiply.multiply(MatrixView(userRows), MatrixView(negativeRows).transposed, into: MatrixView(scores))

        let tau1 = positiveTemperature, tau2 = negativeTemperature, withPositive = positiveInDenominator
        let pairScale = 1 / (tau1 * Float(count))
        // Where each row of the table sits among the shared negatives (−1: not one of them), so
        // that a pair's own positive is left out of its denominator.
        var sharedPosition = [Int](repeating: -1, count: e.rows)
        for (m, row) in shared.enumerated() { sharedPosition[Int(row)] = m }
        // Per pair: its loss and a_t, the factor of its positive in the gradient. Row t of the
        // scores becomes w_tj / (τ₁B), the gradient of the scores (rows are disjoint per pair).
        let terms = parallelMap(count: count, chunks: count < 256 ? 1 : defaultParallelChunks) { t -> (loss: Double, factor: Float) in
            let i = Int(positives[t])
            let positive = e.rowDot(Int(users[t]), e, i)
            let logSum = scores.softmaxRow(t, inverseTemperature: 1 / tau2, excluding: sharedPosition[i],
                                           extraLogit: withPositive ? positive / tau2 : nil, scale: pairScale)
            guard logSum > -Float.infinity else {  // no term in the denominator: the loss is −s/τ₁
                return (Double(-positive / tau1), -pairScale)
            }
            let positiveWeight: Float = withPositive ? Float.exponential(positive / tau2 - logSum) : 0
            return (Double(-positive / tau1) + Double(tau2 / tau1) * Double(logSum), (-1 + positiveWeight) * pairScale)
        }
        // ∂L/∂f_u(t) = Σ_m G[t, m] f_n(m) + a_t f_i(t);  ∂L/∂f_n(m) = Σ_t G[t, m] f_u(t);  ∂L/∂f_i(t) = a_t f_u(t).
        let userGradient = Matrix<Float>(rows: count, columns: width)
        let negativeGradient = Matrix<Float>(rows: negativeCount, columns: width)
        DenseMultiply.multiply(MatrixView(scores), MatrixView(negativeRows), into: MatrixView(userGradient))
        DenseMultiply.multiply(MatrixView(scores).transposed, MatrixView(userRows), into: MatrixView(negativeGradient))
        for t in 0..<count {
            let u = Int(users[t]), i = Int(positives[t]), a = terms[t].factor
            g.addRow(u, of: userGradient, row: t)
            g.addRow(u, scaled: a, of: e, row: i)
            g.addRow(i, scaled: a, of: userRows, row: t)
        }
        for m in 0..<negativeCount { g.addRow(Int(shared[m]), of: negativeGradient, row: m) }
        return terms.reduce(0) { $0 + $1.loss } / Double(count)
    }
}
