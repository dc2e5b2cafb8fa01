import RecKernels

/// The layer buffers of one LR-GCCF forward and backward pass, allocated once so that a training
/// step allocates no `N × d` matrix (only scratch of the batch's size).
///
/// For `L` layers over `N` nodes of dimension `d` it holds `3L + 3` matrices of `N × d`: the
/// propagations `P^l = Ã^l E` and outputs `X^l = P^l M_l` (l = 1…L), the score gradients
/// `G^l = ∂L/∂X^l` (l = 0…L), and three scratch buffers of the backward pass; and `2L + 1`
/// matrices of `d × d`: the transform products `M_l = W_1⋯W_l`, their gradients, and a
/// scratch square. Not thread-safe: use one workspace per concurrent pass.
///
/// Invariant between passes: every ``layerGradient(_:)`` is zero (the backward pass clears the
/// rows it consumed).
public final class LRGCCFWorkspace<Scalar: KernelScalar>: @unchecked Sendable {
    /// Number of rows of each buffer.
    public let nodeCount: Int
    /// Number of columns of each buffer.
    public let dimension: Int
    /// Number of layers `L`.
    public let layers: Int
    /// `P^l = Ã P^{l−1}` (`P⁰ = E`), at index `l − 1`.
    let propagations: [Matrix<Scalar>]
    /// `X^l = P^l M_l`, at index `l − 1`.
    let outputs: [Matrix<Scalar>]
    /// `G^l = ∂L/∂X^l` from the scores, at index `l`.
    let gradients: [Matrix<Scalar>]
    /// `G^l M_lᵀ` during the backward pass.
    let transformed: Matrix<Scalar>
    /// Ping-pong buffers for the running gradient `T^l`.
    let running: (Matrix<Scalar>, Matrix<Scalar>)
    /// `M_l = W_1⋯W_l`, at index `l − 1` (set by the forward pass).
    let products: [Matrix<Scalar>]
    /// `∂L/∂M_l`, at index `l − 1` (used by the backward pass).
    let productGradients: [Matrix<Scalar>]
    /// A `d × d` scratch square of the backward pass.
    let square: Matrix<Scalar>

    /// Buffers for `layers` layers of `nodeCount × dimension`.
    public init(nodeCount: Int, dimension: Int, layers: Int) {
        precondition(nodeCount >= 0 && dimension >= 1 && layers >= 0, "LRGCCFWorkspace: invalid shape")
        self.nodeCount = nodeCount
        self.dimension = dimension
        self.layers = layers
        func buffer() -> Matrix<Scalar> { Matrix(rows: nodeCount, columns: dimension) }
        func dByD() -> Matrix<Scalar> { Matrix(rows: dimension, columns: dimension) }
        propagations = (0..<layers).map { _ in buffer() }
        outputs = (0..<layers).map { _ in buffer() }
        gradients = (0...layers).map { _ in buffer() }
        // The scratch buffers are used only when there is a layer to back-propagate through.
        let scratch = layers > 0 ? dimension : 1
        transformed = Matrix(rows: layers > 0 ? nodeCount : 0, columns: scratch)
        running = (Matrix(rows: layers > 1 ? nodeCount : 0, columns: scratch),
                   Matrix(rows: layers > 2 ? nodeCount : 0, columns: scratch))
        products = (0..<layers).map { _ in dByD() }
        productGradients = (0..<layers).map { _ in dByD() }
        square = layers > 1 ? dByD() : Matrix(rows: 0, columns: 1)
    }

    /// `G^l = ∂L/∂X^l` (`N × d`, l = 0…L): write the gradient of the loss with respect to layer
    /// `l`'s output here (only the rows a batch touches) before
    /// ``LRGCCF/backpropagate(graph:workspace:nonZeroRows:into:transformGradients:)``.
    public func layerGradient(_ l: Int) -> Matrix<Scalar> { gradients[l] }

    /// `X^l` (l = 1…L) as the last forward pass left it (after a batch-restricted pass, only the
    /// batch rows are valid). Layer 0 is the model's ``LRGCCF/embedding``.
    public func layerOutput(_ l: Int) -> Matrix<Scalar> {
        precondition(l >= 1 && l <= layers, "LRGCCFWorkspace: layer \(l) outside 1...\(layers)")
        return outputs[l - 1]
    }
}
