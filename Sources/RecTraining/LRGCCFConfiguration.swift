import RecModels

/// Every setting of an LR-GCCF training run (``LRGCCFTrainer``).
///
/// The shared settings live in ``training`` and mean what they mean for LightGCN (samplers, Adam,
/// the L2 convention on E⁰, evaluation and model selection), so that a comparison changes only
/// the model. Defaults: 3 layers (the LR-GCCF authors' Gowalla script), d = 64 (the paper), and
/// otherwise the LightGCN authors' training settings: batch 2048, Adam lr 0.001, λ = 1e-4 with
/// their ½·Σ‖row‖²/B convention, N(0, 0.1²) initialisation, user-uniform sampling with rejected
/// negatives, 1000 epochs; transforms start at the identity with decay μ = 1e-4.
///
/// The authors' released code differs: no transforms, λ = 0.01 on the final (concatenated)
/// embeddings, N(0, 0.01²) initialisation, Adam lr 0.005 over near-full batches with 5
/// negatives per positive, 350 epochs.
public struct LRGCCFConfiguration: Codable, Sendable, Equatable {
    /// Layers L, dimension d, epochs, batch size, Adam learning rate, λ and its convention for
    /// the E⁰ rows of a batch, sampling, initialisation of E⁰, seed, evaluation and selection.
    public var training: TrainingConfiguration
    /// μ, the L2 weight of the layer transforms: `R_W = μ · ½ Σ_l ‖W_l‖²_F` per batch, so
    /// `∂R_W/∂W_l = μ · W_l`.
    public var transformLambda: Double
    /// How the transforms start (`.identity`: the authors' model without transforms).
    public var transformInitialization: LayerTransformInitialization

    /// The documented defaults.
    public init() {
        training = TrainingConfiguration()
        training.layers = 3
        transformLambda = 1e-4
        transformInitialization = .identity
    }

    /// Checks every setting and says which one is wrong.
    public func validate() throws(ConfigurationError) {
        try training.validate()
        if training.initialization == .spectral {
            throw .invalid("spectral initialisation is defined for LightGCN's layer weights; use --init normal or xavier for LR-GCCF")
        }
        if training.negativeCandidates > 1 {
            throw .invalid("LR-GCCF's trainer does not draw hard negatives: leave out --negative-candidates (or use --loss softmax)")
        }
        if training.score == .cosine {
            throw .invalid("--score cosine is not carried by LR-GCCF's saved recommender yet: leave it out for LR-GCCF")
        }
        if !(transformLambda >= 0) { throw .invalid("the transform decay must be ≥ 0, got \(transformLambda)") }
    }
}
