import RecKernels

/// How the layer-0 embedding table `E` (`N × D`) is initialised.
public enum EmbeddingInitialization: Sendable, Equatable, Hashable {
    /// Xavier/Glorot uniform, PyG's `reset_parameters`: `U(−a, a)` with `a = √(6/(N+D))`.
    case xavierUniform
    /// `N(0, σ²)`: the LightGCN authors' PyTorch code uses σ = 0.1, their TensorFlow code σ = 0.01.
    case normal(standardDeviation: Double)

    /// Fills `matrix` row by row with draws from `generator`.
    public func fill<Scalar: KernelScalar>(_ matrix: Matrix<Scalar>, using generator: inout SeededGenerator) {
        switch self {
        case .xavierUniform:
            let a = (6 / Double(matrix.rows + matrix.columns)).squareRoot()
            matrix.fill { _ in Scalar(Double.random(in: -a..<a, using: &generator)) }
        case .normal(let sigma):
            matrix.fill { _ in Scalar(sigma * generator.nextGaussian()) }
        }
    }
}
