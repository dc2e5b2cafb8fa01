import RecData
import RecKernels

/// LightGCN with a rating head, for explicit feedback (MovieLens 1–5 stars), trained by mean
/// squared error (see ``RatingObjective``).
///
/// Users are nodes `0..<U`, items `U..<U+I`. The graph is the bipartite graph of the
/// *training* ratings: every rated pair `(u, i)` is an edge in both directions with weight 1,
/// whatever the rating (as LightGCN does with interactions), normalised as in LightGCN
/// (`Â = D^{-1/2} A D^{-1/2}`, ``graph(train:)``). The final embeddings are LightGCN's and the
/// predicted rating adds a global mean and two learned biases:
///
///     out   = Σ_{l=0}^{L} α_l · Â^l · E⁰                    (α_l = 1/(L+1) by default)
///     r̂_ui  = μ + b_u + b_i + ⟨out_u, out_{U+i}⟩
///
/// `μ` is the mean training rating (fixed, not trained); the parameters are `E⁰`
/// (`(U+I) × D`), the user biases `b_u` (``userBias``, `U × 1`) and the item biases `b_i`
/// (``itemBias``, `I × 1`).
///
/// With `numLayers = 0` (so `α_0 = 1` and `out = E⁰`) this is biased matrix factorisation,
/// `r̂_ui = μ + b_u + b_i + p_u·q_i`: the "SVD" of Funk and of rating tutorials (Surprise's
/// `SVD`), with exactly the same training code.
///
/// Predictions for users or items without training ratings use a fallback (see
/// ``predictor(graph:train:)``). A reference type: the optimisers update the tables in place.
public final class RatingLightGCN<Scalar: KernelScalar>: Sendable {
    /// Number of users `U`.
    public let userCount: Int
    /// Number of items `I`.
    public let itemCount: Int
    /// The propagation part: layer weights and the layer-0 table `E⁰` (`(U+I) × D`).
    public let lightGCN: LightGCN<Scalar>
    /// The user biases `b_u`, `U × 1`.
    public let userBias: Matrix<Scalar>
    /// The item biases `b_i`, `I × 1`.
    public let itemBias: Matrix<Scalar>
    /// The global mean `μ` of the training ratings (not trained).
    public let globalMean: Scalar

    /// A model with a fresh table and zero biases.
    ///
    /// - Parameters:
    ///   - embeddingDim: `D`.
    ///   - numLayers: `L`; 0 gives biased matrix factorisation.
    ///   - alpha: layer weights (default uniform, `1/(L+1)`).
    ///   - globalMean: `μ`, the mean of the training ratings (``RatingSet/meanRating``).
    ///   - initialization: of `E⁰`; default `N(0, 0.1²)` (the LightGCN authors' and Surprise's).
    public convenience init(
        userCount: Int, itemCount: Int, embeddingDim: Int, numLayers: Int, alpha: LayerWeights = .uniform,
        globalMean: Scalar, initialization: EmbeddingInitialization = .normal(standardDeviation: 0.1),
        generator: inout SeededGenerator
    ) {
        precondition(userCount >= 0 && itemCount >= 0, "RatingLightGCN: negative user or item count")
        let lightGCN = LightGCN<Scalar>(numNodes: userCount + itemCount, embeddingDim: embeddingDim,
                                        numLayers: numLayers, alpha: alpha, initialization: initialization,
                                        generator: &generator)
        self.init(lightGCN: lightGCN, userCount: userCount, userBias: Matrix(rows: userCount, columns: 1),
                  itemBias: Matrix(rows: itemCount, columns: 1), globalMean: globalMean)
    }

    /// A model around existing parameters (used as is, not copied).
    ///
    /// - Precondition: `lightGCN.numNodes == U + I`, `userBias` is `U × 1`, `itemBias` is `I × 1`.
    public init(lightGCN: LightGCN<Scalar>, userCount: Int, userBias: Matrix<Scalar>, itemBias: Matrix<Scalar>,
                globalMean: Scalar) {
        precondition(userBias.rows == userCount && userBias.columns == 1, "RatingLightGCN: userBias must be U × 1")
        precondition(itemBias.columns == 1 && userCount + itemBias.rows == lightGCN.numNodes,
                     "RatingLightGCN: \(userCount) users + \(itemBias.rows) items ≠ \(lightGCN.numNodes) nodes")
        self.userCount = userCount
        itemCount = itemBias.rows
        self.lightGCN = lightGCN
        self.userBias = userBias
        self.itemBias = itemBias
        self.globalMean = globalMean
    }

    /// Number of propagation layers `L`.
    public var numLayers: Int { lightGCN.numLayers }
    /// Embedding dimension `D`.
    public var embeddingDim: Int { lightGCN.embeddingDim }
    /// The layer-0 table `E⁰`.
    public var embedding: Matrix<Scalar> { lightGCN.embedding }

    /// The normalised graph of the rated pairs of `train` (users `0..<U`, items `U..<U+I`,
    /// weight 1 per pair whatever its rating). Pass the training ratings only.
    ///
    /// - Precondition: `train` has this model's id space.
    @inlinable
    public func graph(train: RatingSet) -> PropagationGraph<Scalar> {
        precondition(train.userCount == userCount && train.itemCount == itemCount,
                     "RatingLightGCN: ratings are \(train.userCount) × \(train.itemCount), model \(userCount) × \(itemCount)")
        return PropagationGraph(userCount: userCount, itemCount: itemCount, itemsOfUser: train.ratedPairs.itemsOfUser)
    }
}
