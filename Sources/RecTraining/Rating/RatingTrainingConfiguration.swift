/// Every setting of a rating-regression run of ``RatingTrainer``: LightGCN (or, with
/// `layers = 0`, biased matrix factorisation) trained by MSE with Adam.
///
/// The defaults are for MovieLens-sized explicit data (about 100k ratings, 1–5 stars):
/// 3 layers, D = 64, batches of 1024 ratings, Adam lr 0.005, λ = 0.005 on the layer-0 rows,
/// λ_b = 0.01 on the biases, N(0, 0.1²) initialisation, at most 100 epochs with early
/// stopping after 5 epochs without a better validation RMSE. ``matrixFactorization`` is the
/// same with no layers and λ = 0.1. Both λ were chosen by validation RMSE on an ml-100k
/// 80/10/10 split (LightGCN from 0.0005–0.05, MF from 0.02–0.2): the propagated embeddings
/// average a node with its neighbours, so LightGCN needs larger layer-0 rows for the same
/// scores and a much weaker penalty on them.
public struct RatingTrainingConfiguration: Codable, Sendable, Equatable {
    /// Propagation layers `L` (0: biased matrix factorisation).
    public var layers = 3
    /// Embedding dimension `D`.
    public var dimension = 64
    /// Maximum number of epochs (passes over the shuffled training ratings).
    public var epochs = 100
    /// Ratings per batch.
    public var batchSize = 1024
    /// Adam learning rate (embeddings and biases).
    public var learningRate = 0.005
    /// `λ`, the L2 weight of the batch's layer-0 rows (once per rating; see `RatingObjective`).
    public var lambda = 0.005
    /// `λ_b`, the L2 weight of the batch's biases.
    public var biasLambda = 0.01
    /// Standard deviation of the normal initialisation of `E⁰` (biases start at 0).
    public var initialStandardDeviation = 0.1
    /// Seed of every random choice (initialisation and the order of the ratings in each epoch).
    public var seed: UInt64 = 2020
    /// With validation ratings: stop after this many epochs without a lower validation RMSE
    /// (nil: run every epoch). The best epoch's parameters are restored either way.
    public var patience: Int? = 5
    /// The rating range predictions are clipped to when validating (nil: no clipping).
    public var ratingRange: ClosedRange<Float>? = 1...5

    /// The defaults above.
    public init() {}

    /// Biased matrix factorisation ("SVD"), `r̂ = μ + b_u + b_i + p_u·q_i`, trained by the same
    /// code: the defaults with `layers = 0` and `λ = 0.1`.
    public static var matrixFactorization: RatingTrainingConfiguration {
        var c = RatingTrainingConfiguration()
        c.layers = 0
        c.lambda = 0.1
        return c
    }

    /// Checks every setting and says which one is wrong.
    public func validate() throws(ConfigurationError) {
        if layers < 0 { throw .invalid("layers must be ≥ 0, got \(layers)") }
        if dimension < 1 { throw .invalid("dimension must be ≥ 1, got \(dimension)") }
        if epochs < 0 { throw .invalid("epochs must be ≥ 0, got \(epochs)") }
        if batchSize < 1 { throw .invalid("batch size must be ≥ 1, got \(batchSize)") }
        if !(learningRate > 0) { throw .invalid("learning rate must be > 0, got \(learningRate)") }
        if !(lambda >= 0) { throw .invalid("lambda must be ≥ 0, got \(lambda)") }
        if !(biasLambda >= 0) { throw .invalid("bias lambda must be ≥ 0, got \(biasLambda)") }
        if !(initialStandardDeviation >= 0) {
            throw .invalid("initial standard deviation must be ≥ 0, got \(initialStandardDeviation)")
        }
        if let p = patience, p < 1 { throw .invalid("patience must be ≥ 1, got \(p)") }
    }
}
