extension Matrix {
    /// Scales every row to unit length in place, `x_r ← x_r / max(‖x_r‖, ε)`, and returns the
    /// divisors `max(‖x_r‖, ε)` (so a zero row stays zero).
    ///
    /// - Complexity: O(rows · columns).
    @discardableResult
    public func normalizeRows(minimumNorm ε: Scalar = Scalar(1e-12)) -> [Scalar] {
        var norms = [Scalar](repeating: 0, count: rows)
        for r in 0..<rows {
            let x = storage + r * columns
            var sum: Scalar = 0
            for c in 0..<columns { sum += x[c] * x[c] }
            let norm = max(sum.squareRoot(), ε)
            norms[r] = norm
            let inverse = 1 / norm
            for c in 0..<columns { x[c] *= inverse }
        }
        return norms
    }

    /// A copy with every row scaled to unit length (see ``normalizeRows(minimumNorm:)``).
    public func rowNormalized() -> Matrix<Scalar> {
        let copy = self.copy()
        copy.normalizeRows()
        return copy
    }

    /// Turns `self`, the gradient of a function of the unit rows `x̃_r = x_r / n_r`, into its
    /// gradient with respect to the rows `x_r`, in place:
    ///
    ///     ∂L/∂x_r = (g_r − x̃_r ⟨x̃_r, g_r⟩) / n_r
    ///
    /// with `units` the unit rows and `norms` the divisors ``normalizeRows(minimumNorm:)`` returned.
    public func backpropagateRowNormalization(units: Matrix<Scalar>, norms: [Scalar]) {
        precondition(units.rows == rows && units.columns == columns && norms.count == rows,
                     "backpropagateRowNormalization: shapes differ")
        for r in 0..<rows {
            let g = storage + r * columns, u = units.storage + r * columns
            var along: Scalar = 0
            for c in 0..<columns { along += g[c] * u[c] }
            let inverse = 1 / norms[r]
            for c in 0..<columns { g[c] = (g[c] - along * u[c]) * inverse }
        }
    }
}
