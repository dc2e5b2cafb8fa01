import RecKernels

/// LR-GCCF, the linear residual graph convolutional collaborative filter of Chen et al.,
/// "Revisiting Graph based Collaborative Filtering: A Linear Residual Graph Convolutional
/// Network Approach" (AAAI 2020, arXiv:2001.10167).
///
/// Users are nodes `0..<U` and items nodes `U..<U+I` of the training graph with self loops,
/// `Ã = (D+I)^{-1/2}(A+I)(D+I)^{-1/2}` (``PropagationGraph/selfLoopBipartite(userCount:itemCount:itemsOfUser:)``).
/// Each layer is a linear graph convolution with its own `d × d` transform, no activation:
///
///     X⁰ = E,   Z^l = Ã X^{l−1},   X^l = Z^l W_l   (l = 1…L)
///     out = [X⁰ | X¹ | … | X^L]                      (N × (L+1)d, the "residual" concatenation)
///     score(u, i) = ⟨out_u, out_{U+i}⟩ = Σ_l ⟨X^l_u, X^l_{U+i}⟩
///
/// The parameters are the layer-0 table `E` (`N × d`) and the transforms `W_1 … W_L`. Gradients
/// are analytic (the model is linear in `E` and in each `W_l`); with `T^L = G^L` and `G^l = ∂L/∂X^l`
/// taken directly from the scores,
///
///     ∂L/∂W_l = (Z^l)ᵀ T^l,   T^{l−1} = G^{l−1} + Ãᵀ T^l W_lᵀ,   ∂L/∂E = T⁰
///
/// (see ``backpropagate(graph:workspace:nonZeroRows:into:transformGradients:)``).
///
/// With `L = 0` the model is matrix factorisation. The authors' released code leaves the
/// transforms out; initialising them to the identity (the default) starts from exactly that model.
///
/// A reference type: the optimiser updates ``embedding`` and ``transforms`` in place.
public final class LRGCCF<Scalar: KernelScalar>: Sendable, CustomStringConvertible {
    /// Number of users `U` (nodes `0..<U`).
    public let userCount: Int
    /// Number of items `I` (nodes `U..<U+I`).
    public let itemCount: Int
    /// Embedding dimension `d` of every layer.
    public let embeddingDim: Int
    /// Number of propagation layers `L`.
    public let numLayers: Int
    /// The layer-0 table `E` (`N × d`, `N = U + I`).
    public let embedding: Matrix<Scalar>
    /// The transforms `W_1 … W_L` (`d × d` each; `transforms[l − 1]` is `W_l`).
    public let transforms: [Matrix<Scalar>]

    /// A model with a freshly initialised table and transforms.
    ///
    /// - Parameters:
    ///   - embeddingDim: `d` (the paper uses 64).
    ///   - numLayers: `L ≥ 0` (the authors' Gowalla script uses 3).
    ///   - initialization: the table's distribution (the LightGCN authors' `N(0, 0.1²)` by default).
    ///   - transformInitialization: `.identity` (default) or `.xavierUniform`.
    ///   - generator: the source of randomness (the table is drawn first, then the transforms).
    public convenience init(
        userCount: Int, itemCount: Int, embeddingDim: Int, numLayers: Int,
        initialization: EmbeddingInitialization = .normal(standardDeviation: 0.1),
        transformInitialization: LayerTransformInitialization = .identity, generator: inout SeededGenerator
    ) {
        precondition(userCount >= 0 && itemCount >= 0 && embeddingDim >= 1 && numLayers >= 0,
                     "LRGCCF needs U, I ≥ 0, d ≥ 1 and L ≥ 0; got \(userCount), \(itemCount), \(embeddingDim), \(numLayers)")
        let table = Matrix<Scalar>(rows: userCount + itemCount, columns: embeddingDim)
        initialization.fill(table, using: &generator)
        let transforms = (0..<numLayers).map { _ in
            let w = Matrix<Scalar>(rows: embeddingDim, columns: embeddingDim)
            switch transformInitialization {
            case .identity:
                for c in 0..<embeddingDim { w[c, c] = 1 }
            case .xavierUniform:
                EmbeddingInitialization.xavierUniform.fill(w, using: &generator)
            }
            return w
        }
        self.init(userCount: userCount, embedding: table, transforms: transforms)
    }

    /// A model around existing parameters (used as is, not copied).
    ///
    /// - Precondition: `embedding` has at least `userCount` rows; every transform is `d × d`.
    public init(userCount: Int, embedding: Matrix<Scalar>, transforms: [Matrix<Scalar>]) {
        precondition(userCount >= 0 && userCount <= embedding.rows && embedding.columns >= 1,
                     "LRGCCF: \(userCount) users for a \(embedding.rows) × \(embedding.columns) table")
        for (l, w) in transforms.enumerated() {
            precondition(w.rows == embedding.columns && w.columns == embedding.columns,
                         "LRGCCF: W_\(l + 1) is \(w.rows) × \(w.columns), expected \(embedding.columns) × \(embedding.columns)")
        }
        self.userCount = userCount
        itemCount = embedding.rows - userCount
        embeddingDim = embedding.columns
        numLayers = transforms.count
        self.embedding = embedding
        self.transforms = transforms
    }

    /// Number of nodes `N = U + I`.
    public var numNodes: Int { userCount + itemCount }

    /// Width of the final embeddings, `(L+1)·d`.
    public var outputDim: Int { (numLayers + 1) * embeddingDim }

    /// `LRGCCF(U users, I items, d, num_layers=L)`.
    public var description: String {
        "LRGCCF(\(userCount) users, \(itemCount) items, \(embeddingDim), num_layers=\(numLayers))"
    }

    /// The operator Ã of these training interactions (see the type's documentation).
    public func graph(itemsOfUser: IndexRows) -> PropagationGraph<Scalar> {
        PropagationGraph.selfLoopBipartite(userCount: userCount, itemCount: itemCount, itemsOfUser: itemsOfUser)
    }

    /// Deep copies of every parameter: `E`, then `W_1 … W_L`.
    public func parameterSnapshot() -> [Matrix<Scalar>] {
        [embedding.copy()] + transforms.map { $0.copy() }
    }

    /// Restores parameters saved by ``parameterSnapshot()``.
    public func restore(_ snapshot: [Matrix<Scalar>]) {
        precondition(snapshot.count == numLayers + 1, "LRGCCF: snapshot of \(snapshot.count) tables, expected \(numLayers + 1)")
        embedding.assign(snapshot[0])
        for (w, saved) in zip(transforms, snapshot.dropFirst()) { w.assign(saved) }
    }
}
