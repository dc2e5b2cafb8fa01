import RecKernels

/// Reusable layer buffers for ``LightGCN/propagate(graph:into:workspace:)`` and
/// ``LightGCN/backpropagate(graph:outputGradient:into:workspace:)``, so that a training step
/// allocates no matrices.
///
/// Holds two `nodeCount × dimension` matrices that the layers ping-pong between. Not thread-safe:
/// use one workspace per concurrent propagation.
public final class PropagationWorkspace<Scalar: KernelScalar>: @unchecked Sendable {
    /// Number of rows of each buffer.
    public let nodeCount: Int
    /// Number of columns of each buffer.
    public let dimension: Int
    @usableFromInline let first: Matrix<Scalar>
    @usableFromInline let second: Matrix<Scalar>

    /// Buffers for `nodeCount` nodes of `dimension` columns (2 · N · D scalars).
    public init(nodeCount: Int, dimension: Int) {
        self.nodeCount = nodeCount
        self.dimension = dimension
        first = Matrix(rows: nodeCount, columns: dimension)
        second = Matrix(rows: nodeCount, columns: dimension)
    }

    /// Runs `output = Σ_{l=0}^{L} α_l · Mˡ · input` with `M = matrix` (`L = alpha.count − 1`),
    /// overwriting `output`. The shared engine of the forward and backward passes.
    @inlinable
    func combineLayers(matrix: SparseMatrix<Scalar>, alpha: [Scalar], input: Matrix<Scalar>, into output: Matrix<Scalar>) {
        precondition(input.rows == nodeCount && input.columns == dimension,
                     "PropagationWorkspace: input is \(input.rows) × \(input.columns), workspace \(nodeCount) × \(dimension)")
        precondition(output.rows == nodeCount && output.columns == dimension,
                     "PropagationWorkspace: output is \(output.rows) × \(output.columns), workspace \(nodeCount) × \(dimension)")
        precondition(output !== input, "PropagationWorkspace: output must not be the input matrix")
        // Horner form: Σₗ αₗ Aˡ x = α₀x + A(α₁x + A(α₂x + … + A(α_L x))), one fused sparse
        // product per layer (y = a·A·t + b·x) and no separate elementwise passes.
        let layers = alpha.count - 1
        if layers <= 0 {
            output.setScaled(input, by: alpha.first ?? 0)
            return
        }
        var t = input
        var scale = alpha[layers]
        var next = first
        for l in stride(from: layers - 1, through: 0, by: -1) {
            let target = l == 0 ? output : next
            matrix.multiply(t, scaledBy: scale, adding: input, scaledBy: alpha[l], into: target)
            t = target
            scale = 1
            next = next === first ? second : first
        }
    }

    /// As `combineLayers`, but only the listed rows of `output` are computed (the last sparse
    /// product runs on those rows only); other rows of `output` are left unspecified.
    @inlinable
    func combineLayers(matrix: SparseMatrix<Scalar>, alpha: [Scalar], input: Matrix<Scalar>, into output: Matrix<Scalar>,
                       onlyRows rows: [Int32]) {
        precondition(output !== input, "PropagationWorkspace: output must not be the input matrix")
        let layers = alpha.count - 1
        if layers <= 0 {
            // No propagation (matrix factorisation): out = α₀·E on the listed rows only.
            output.setRows(input, scaledBy: alpha.first ?? 0, rows: rows)
            return
        }
        var t = input
        var scale = alpha[layers]
        var next = first
        for l in stride(from: layers - 1, through: 0, by: -1) {
            if l == 0 {
                matrix.multiply(t, scaledBy: scale, adding: input, scaledBy: alpha[0], into: output, onlyRows: rows)
            } else {
                matrix.multiply(t, scaledBy: scale, adding: input, scaledBy: alpha[l], into: next)
                t = next
                next = next === first ? second : first
            }
            scale = 1
        }
    }

    /// As `combineLayers` for an `input` that is zero outside `nonZeroRows` (a batch gradient):
    /// the first sparse product scatters those rows along `matrixTransposed` (the CSR of `matrix`ᵀ)
    /// instead of reading every entry. `nonZeroRows` must not repeat a row.
    @inlinable
    func combineLayers(matrix: SparseMatrix<Scalar>, matrixTransposed: SparseMatrix<Scalar>, alpha: [Scalar],
                       sparseInput input: Matrix<Scalar>, nonZeroRows: [Int32], into output: Matrix<Scalar>) {
        precondition(output !== input, "PropagationWorkspace: output must not be the input matrix")
        let layers = alpha.count - 1
        if layers <= 0 {
            // No propagation: the result is α₀·x, zero outside `nonZeroRows` (a write-only clear
            // plus the batch rows, instead of reading the whole input).
            output.clearInParallel()
            output.setRows(input, scaledBy: alpha.first ?? 0, rows: nonZeroRows)
            return
        }
        // t = α_L · M·x + α_{L−1} · x, with x non-zero on `nonZeroRows` only.
        let firstTarget = layers == 1 ? output : first
        matrixTransposed.scatterTransposedMultiply(input, nonZeroRows: nonZeroRows, scaledBy: alpha[layers], into: firstTarget)
        firstTarget.addRows(input, scaledBy: alpha[layers - 1], rows: nonZeroRows)
        var t = firstTarget
        var next = second
        for l in stride(from: layers - 2, through: 0, by: -1) {
            let target = l == 0 ? output : next
            matrix.multiply(t, scaledBy: 1, addingRows: input, scaledBy: alpha[l], rows: nonZeroRows, into: target)
            t = target
            next = next === first ? second : first
        }
    }
}
