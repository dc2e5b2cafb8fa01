import Foundation
import RecKernels

/// DirectAU (Wang et al., "Towards Representation Alignment and Uniformity in Collaborative
/// Filtering", KDD 2022) on the B pairs (u_t, i_t) of a batch, with `x̃ = x/‖x‖`:
///
///     L = (1/B) Σ_t ‖ũ_t − ĩ_t‖² + γ · (unif(Ũ) + unif(Ĩ)) / 2
///     unif(X̃) = log( (2 / (B(B−1))) Σ_{a<b} e^{−2‖x̃_a − x̃_b‖²} )
///
/// over the batch's rows with duplicates (as the authors' code does). On unit vectors
/// `‖x̃_a − x̃_b‖² = 2 − 2⟨x̃_a, x̃_b⟩`, so with `e_ab = e^{4⟨x̃_a, x̃_b⟩ − 4}` and `Z = Σ_{a<b} e_ab`,
/// `∂unif/∂x̃_a = Σ_{b≠a} (4 e_ab / Z) x̃_b`; the alignment term gives `−2 ĩ_t / B` to `ũ_t` and
/// `−2 ũ_t / B` to `ĩ_t`. The gradient reaches `x` through `∂x = (∂x̃ − ⟨∂x̃, x̃⟩ x̃)/‖x‖`. The
/// Gram matrix is formed in blocks of ``blockRows`` rows, twice (once for `Z`, once for the gradient).
public struct DirectAULoss: LossFunction {
    /// γ, the weight of the uniformity term.
    public var uniformityWeight: Float
    /// Rows of the Gram matrix formed at a time.
    public static let blockRows = 1024

    /// DirectAU with uniformity weight γ.
    public init(uniformityWeight: Float) {
        self.uniformityWeight = uniformityWeight
    }

    public func accumulate(_ batch: LossBatch) -> Double {
        let count = batch.pairCount, width = batch.width
        guard count > 0 else { return 0 }
        let e = batch.embeddings, g = batch.gradient
        // Unit rows of the whole table and their norms.
        let unit = Matrix<Float>(rows: e.rows, columns: width)
        var norms = [Float](repeating: 0, count: e.rows)
        for r in 0..<e.rows {
            var s: Float = 0
            for c in 0..<width { s += e[r, c] * e[r, c] }
            let norm = max(s.squareRoot(), 1e-12)
            norms[r] = norm
            for c in 0..<width { unit[r, c] = e[r, c] / norm }
        }
        let unitGradient = Matrix<Float>(rows: e.rows, columns: width)
        var alignment = 0.0
        let scale = 1 / Float(count)
        for t in 0..<count {
            let u = Int(batch.users[t]), i = Int(batch.positives[t])
            var squares: Float = 0
            for c in 0..<width {
                let difference = unit[u, c] - unit[i, c]
                squares += difference * difference
                unitGradient[u, c] -= 2 * unit[i, c] * scale
                unitGradient[i, c] -= 2 * unit[u, c] * scale
            }
            alignment += Double(squares)
        }
        var loss = alignment / Double(count)
        if uniformityWeight != 0 && count > 1 {
            for rows in [batch.users, batch.positives] {
                let x = Matrix<Float>(rows: count, columns: width)
                unit.gatherRows(rows, into: x)
                let (value, rowGradient) = Self.uniformity(x)
                loss += Double(uniformityWeight) * 0.5 * value
                let weight = uniformityWeight * 0.5
                for t in 0..<count {
                    let r = Int(rows[t])
                    for c in 0..<width { unitGradient[r, c] += weight * rowGradient[t, c] }
                }
            }
        }
        // Through the normalisation.
        for r in 0..<e.rows {
            var along: Float = 0
            for c in 0..<width { along += unitGradient[r, c] * unit[r, c] }
            let inverse = 1 / norms[r]
            for c in 0..<width { g[r, c] += (unitGradient[r, c] - along * unit[r, c]) * inverse }
        }
        return loss
    }

    /// `unif(X)` of unit rows `x` and its gradient with respect to each row.
    static func uniformity(_ x: Matrix<Float>) -> (Double, Matrix<Float>) {
        let n = x.rows, width = x.columns
        let block = Matrix<Float>(rows: min(blockRows, n), columns: n)
        // Pass 1: Z = Σ_{a<b} e_ab (exponents ≤ 0 on unit vectors, so no shift is needed).
        var total = 0.0
        var start = 0
        while start < n {
            let rows = min(blockRows, n - start)
            let view = MatrixView(block).block(rows: 0..<rows, columns: 0..<n)
            DenseMultiply.multiply(MatrixView(x).block(rows: start..<(start + rows), columns: 0..<width),
                                   MatrixView(x).transposed, into: view)
            for a in 0..<rows {
                var rowSum = 0.0
                for b in (start + a + 1)..<max(n, start + a + 1) { rowSum += Double(Float.exponential(4 * block[a, b] - 4)) }
                total += rowSum
            }
            start += rows
        }
        let pairs = Double(n) * Double(n - 1) / 2
        let value = Foundation.log(total / pairs)
        // Pass 2: W_ab = 4 e_ab / Z (a ≠ b), ∂X = W X.
        let gradient = Matrix<Float>(rows: n, columns: width)
        let inverse = Float(4 / total)
        start = 0
        while start < n {
            let rows = min(blockRows, n - start)
            let view = MatrixView(block).block(rows: 0..<rows, columns: 0..<n)
            DenseMultiply.multiply(MatrixView(x).block(rows: start..<(start + rows), columns: 0..<width),
                                   MatrixView(x).transposed, into: view)
            for a in 0..<rows {
                for b in 0..<n { block[a, b] = b == start + a ? 0 : Float.exponential(4 * block[a, b] - 4) * inverse }
            }
            DenseMultiply.multiply(view, MatrixView(x), into: MatrixView(gradient).block(rows: start..<(start + rows), columns: 0..<width))
            start += rows
        }
        return (value, gradient)
    }
}
