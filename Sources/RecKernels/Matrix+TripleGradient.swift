extension Matrix {
    /// `x₀ + Σ_l ⟨X^l[u], X^l[i] − X^l[j]⟩` over the matrices `layers`, accumulated in one running
    /// sum that starts at `x₀`, layer after layer and column after column: the BPR score difference
    /// of a triple `(u, i, j)` on layer outputs.
    @inlinable
    public static func layeredDifferenceDot(_ layers: [Matrix<Scalar>], _ u: Int, _ i: Int, _ j: Int,
                                            startingAt x0: Scalar = 0) -> Scalar {
        var x = x0
        for layer in layers {
            precondition(u >= 0 && u < layer.rows && i >= 0 && i < layer.rows && j >= 0 && j < layer.rows,
                         "layeredDifferenceDot: row outside the matrix")
            let d = layer.columns
            let xu = layer.row(u), xi = layer.row(i), xj = layer.row(j)
            for c in 0..<d { x += xu[c] * (xi[c] - xj[c]) }
        }
        return x
    }

    /// The BPR gradient of one triple `(u, i, j)` on the rows of `x`, added to `self` in one pass
    /// over the columns:
    ///
    ///     self[u] += g·(x[i] − x[j]),   self[i] += g·x[u],   self[j] −= g·x[u]
    @inlinable
    public func addTripleGradient(_ u: Int, _ i: Int, _ j: Int, scaledBy g: Scalar, of x: Matrix<Scalar>) {
        precondition(x.columns == columns && x.rows == rows && u >= 0 && u < rows && i >= 0 && i < rows && j >= 0 && j < rows,
                     "addTripleGradient: row or shape outside the matrices")
        let xu = x.row(u), xi = x.row(i), xj = x.row(j)
        let gu = row(u), gi = row(i), gj = row(j)
        for c in 0..<columns {
            let uc = xu[c]
            gu[c] += g * (xi[c] - xj[c])
            gi[c] += g * uc
            gj[c] -= g * uc
        }
    }
}
