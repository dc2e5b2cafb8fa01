import Foundation
import RecData
import RecModels

/// Every setting of a LightGCN BPR training run. The defaults are the LightGCN authors'
/// (gusye1234/LightGCN-PyTorch): 3 layers, dim 64, batch 2048, Adam lr 0.001, decay 1e-4,
/// N(0, 0.1) initialisation, user-uniform sampling with rejected negatives.
public struct TrainingConfiguration: Codable, Sendable, Equatable {
    /// How BPR triples are drawn each epoch.
    public enum Sampling: String, Codable, Sendable, CaseIterable {
        /// The authors': as many triples as training interactions, users uniform, a uniform
        /// positive of the user, a uniform negative that is not a training positive.
        case userUniform = "user-uniform"
        /// PyG's example: every training edge once, negative uniform over all items.
        case edgeUniform = "edge-uniform"
    }

    /// How the L2 term on the layer-0 embeddings is computed for a batch of B triples.
    public enum Regularization: String, Codable, Sendable, CaseIterable {
        /// The authors': `λ · ½(‖u⁰‖² + ‖p⁰‖² + ‖n⁰‖²) / B`, rows counted with multiplicity.
        case authors
        /// PyG's `recommendation_loss`: `λ · ‖E⁰[unique batch nodes]‖² / B`.
        case pyg
    }

    /// How the layer-0 table is initialised.
    public enum Initialization: String, Codable, Sendable, CaseIterable {
        /// N(0, 0.1²), the authors' PyTorch code.
        case normal
        /// Xavier-uniform U(−a, a), a = √(6/(N+D)), PyG's `reset_parameters`.
        case xavier
        /// The leading singular vectors of the normalised training matrix
        /// (`SpectralInitialization`, exponent `spectralExponent`), scaled to the RMS of N(0, 0.1).
        case spectral
    }

    /// Propagation layers L.
    public var layers = 3
    /// Embedding dimension D.
    public var dimension = 64
    /// Training epochs.
    public var epochs = 1000
    /// BPR triples per batch.
    public var batchSize = 2048
    /// Adam learning rate.
    public var learningRate = 0.001
    /// L2 weight λ (see `regularization`).
    public var lambda = 1e-4
    /// Seed of every random choice (initialisation and sampling).
    public var seed: UInt64 = 2020
    /// Evaluate every this many epochs (0: only at the end).
    public var evaluateEvery = 10
    /// Cut-offs reported by evaluations.
    public var ks = [20]
    /// Triple sampling scheme.
    public var sampling = Sampling.userUniform
    /// L2 convention.
    public var regularization = Regularization.authors
    /// Initialisation of the layer-0 table.
    public var initialization = Initialization.normal
    /// Stop each epoch after this many batches (for quick trials and benchmarks); nil: all.
    public var maxBatchesPerEpoch: Int?
    /// With a validation split: stop after this many evaluations without improvement of
    /// `selectionMetric` (nil: run all epochs); the best epoch's embeddings are restored either way.
    public var patience: Int?
    /// The validation metric that selects the epoch, e.g. "Recall@20".
    public var selectionMetric = "Recall@20"
    /// Dynamic negative sampling (Zhang et al., SIGIR 2013): each triple's negative is the
    /// highest-scoring, under the current model, of this many uniform candidates that are not
    /// training positives of the user. 1: the sampled negative as it is.
    public var negativeCandidates = 1
    /// A wall-clock budget for the whole fit (training and evaluations), in seconds: training
    /// stops after the epoch after which one more epoch and its evaluation would exceed it
    /// (that epoch is evaluated, so model selection sees it). nil: no budget.
    public var timeBudgetSeconds: Double?
    /// With `.spectral` initialisation: the exponent p of the singular values in the initial scores.
    public var spectralExponent = 1.0
    /// With `.spectral` initialisation: the root-mean-square entry of the initial table.
    public var spectralScale = 0.1
    /// With a validation split: after the epoch is selected, train a fresh model (initialised
    /// the same way, with the same seed) on the training and validation interactions together,
    /// for the selected number of epochs, and keep that model (its graph is every interaction
    /// known before the test). The validation split then chooses only the epoch count; the test
    /// set is still evaluated once, on the refitted model.
    public var refit = false
    /// Cosine decay of the learning rate over this many epochs (nil: a constant rate):
    ///
    ///     lr(e) = lr · ½ (1 + cos(π · min(e − 1, H) / H)),  e = 1, 2, …
    ///
    /// so epoch 1 runs at `learningRate` and the rate reaches 0 after epoch H (later epochs
    /// would not move; training past H is pointless). A refit replays the same rates epoch by epoch.
    public var cosineDecayEpochs: Int?
    /// The objective (``TrainingLoss``). Default BPR, the paper's.
    public var loss = TrainingLoss.bpr
    /// With the softmax losses: where the negatives shared by a batch's pairs come from.
    public var negatives = NegativeSource.uniform
    /// With the softmax losses and uniform negatives: items drawn per batch.
    public var uniformNegatives = 1024
    /// τ of ``TrainingLoss/softmax``, τ₁ (the positive's) of ``TrainingLoss/bsl``.
    public var temperature = 0.1
    /// τ₂ of ``TrainingLoss/bsl`` (the negatives'); nil: τ₁.
    public var negativeTemperature: Double?
    /// γ of ``TrainingLoss/directau``, the weight of the uniformity term.
    public var uniformityWeight = 1.0
    /// How final vectors are scored, in training and by every scorer of the trained model
    /// (``ScoreFunction``). Default the inner product, LightGCN's.
    public var score = ScoreFunction.inner

    /// The objective these settings describe, on cosine scores (``CosineScoredLoss``) when
    /// ``score`` is ``ScoreFunction/cosine``.
    public var lossFunction: any LossFunction {
        score == .cosine ? CosineScoredLoss(innerProductLoss) : innerProductLoss
    }

    /// The objective on the score vectors as they are.
    var innerProductLoss: any LossFunction {
        switch loss {
        case .bpr: return BPRLoss()
        case .softmax: return SampledSoftmaxLoss.softmax(temperature: Float(temperature))
        case .bsl:
            return SampledSoftmaxLoss.bilateral(positiveTemperature: Float(temperature),
                                                negativeTemperature: Float(negativeTemperature ?? temperature))
        case .directau: return DirectAULoss(uniformityWeight: Float(uniformityWeight))
        }
    }

    /// These settings trained with `loss` instead: the options of the other objectives go back to
    /// their defaults (τ₂ belongs to BSL, hard negatives to BPR), so that one set of options can
    /// describe a row per objective (`compare --losses`).
    public func training(with loss: TrainingLoss) -> TrainingConfiguration {
        var c = self
        c.loss = loss
        if loss != .bsl { c.negativeTemperature = nil }
        if loss != .bpr { c.negativeCandidates = 1 }
        return c
    }

    /// The learning rate of epoch `epoch` (1-based) under ``cosineDecayEpochs``.
    public func learningRate(atEpoch epoch: Int) -> Double {
        guard let horizon = cosineDecayEpochs, horizon > 0 else { return learningRate }
        let progress = Double(min(max(epoch - 1, 0), horizon)) / Double(horizon)
        return learningRate * 0.5 * (1 + cos(Double.pi * progress))
    }

    /// The authors' settings.
    public init() {}

    /// PyG's example settings: 2 layers... kept at the user's layer count, batch 8192, Xavier
    /// init, edge-uniform sampling and PyG's regularisation.
    public static var pygExample: TrainingConfiguration {
        var c = TrainingConfiguration()
        c.batchSize = 8192
        c.initialization = .xavier
        c.sampling = .edgeUniform
        c.regularization = .pyg
        return c
    }

    /// The fast schedule (`lightgcn train --preset fast`): the same model (propagation, scoring,
    /// BPR objective) trained in a fraction of the authors' wall time. Changed from the
    /// authors' settings, each chosen on a validation split carved from Gowalla's training data
    /// (BENCHMARKS.md records the steps):
    /// - spectral initialisation (`SpectralInitialization`, p = 4, RMS 0.3): training starts
    ///   from the low-pass part of the graph instead of noise;
    /// - dynamic negative sampling over 64 candidates: informative negatives once easy ones are learnt;
    /// - batch 8192 with lr 0.008: a quarter of the steps per epoch, each only about 1.5× the
    ///   cost of a 2048-triple step, since a batch's 3-hop neighbourhood covers most of the graph
    ///   either way (Gowalla: 7.7 s per epoch instead of 19 s with 8 candidates, 12 s with 64);
    /// - 20 epochs with the learning rate decayed to 0 along a half cosine;
    /// - evaluation every 2 epochs, patience 4, and a 27-minute budget for the fit;
    /// - a refit on training + validation interactions for the selected number of epochs.
    public static var fast: TrainingConfiguration {
        var c = TrainingConfiguration()
        c.initialization = .spectral
        c.spectralExponent = 4
        c.spectralScale = 0.3
        c.negativeCandidates = 64
        c.batchSize = 8192
        c.learningRate = 0.008
        c.evaluateEvery = 2
        c.patience = 4
        c.timeBudgetSeconds = 27 * 60
        c.epochs = 20
        c.cosineDecayEpochs = 20
        c.refit = true
        return c
    }

    /// Checks every setting and says which one is wrong.
    public func validate() throws(ConfigurationError) {
        if layers < 0 { throw .invalid("--layers must be ≥ 0, got \(layers)") }
        if dimension < 1 { throw .invalid("--dim must be ≥ 1, got \(dimension)") }
        if epochs < 0 { throw .invalid("--epochs must be ≥ 0, got \(epochs)") }
        if batchSize < 1 { throw .invalid("--batch-size must be ≥ 1, got \(batchSize)") }
        if !(learningRate > 0) { throw .invalid("--lr must be > 0, got \(learningRate)") }
        if !(lambda >= 0) { throw .invalid("--lambda must be ≥ 0, got \(lambda)") }
        if evaluateEvery < 0 { throw .invalid("--eval-every must be ≥ 0, got \(evaluateEvery)") }
        if ks.isEmpty || ks.contains(where: { $0 < 1 }) { throw .invalid("--k values must be ≥ 1, got \(ks)") }
        if let m = maxBatchesPerEpoch, m < 1 { throw .invalid("--max-batches must be ≥ 1, got \(m)") }
        if let p = patience, p < 1 { throw .invalid("--patience must be ≥ 1, got \(p)") }
        if negativeCandidates < 1 { throw .invalid("--negative-candidates must be ≥ 1, got \(negativeCandidates)") }
        if let h = cosineDecayEpochs, h < 1 { throw .invalid("--cosine-decay-epochs must be ≥ 1, got \(h)") }
        if let t = timeBudgetSeconds, !(t > 0) { throw .invalid("--max-minutes must be > 0, got \(t / 60)") }
        if loss != .bpr && negativeCandidates > 1 {
            throw .invalid("--negative-candidates (hard negatives) works with --loss bpr only; --loss \(loss.rawValue) "
                           + (loss == .directau ? "uses no negatives" : "contrasts each pair with the batch's shared negatives (--negatives)"))
        }
        if !(temperature > 0) { throw .invalid("--temperature must be > 0, got \(temperature)") }
        if let t = negativeTemperature, !(t > 0) { throw .invalid("--negative-temperature must be > 0, got \(t)") }
        if negativeTemperature != nil && loss != .bsl {
            throw .invalid("--negative-temperature is τ₂ of --loss bsl; --loss \(loss.rawValue) has no second temperature")
        }
        if (loss == .softmax || loss == .bsl) && negatives.usesUniform && uniformNegatives < 1 {
            throw .invalid("--uniform-negatives must be ≥ 1 with --negatives \(negatives.rawValue), got \(uniformNegatives)")
        }
        if !(uniformityWeight >= 0) { throw .invalid("--uniformity-weight must be ≥ 0, got \(uniformityWeight)") }
        if score == .cosine && negativeCandidates > 1 {
            throw .invalid("--negative-candidates picks hard negatives by inner product: leave it out with --score cosine")
        }
    }
}

/// A setting that cannot be used, with the option to change.
public enum ConfigurationError: Error, CustomStringConvertible, Equatable {
    case invalid(String)

    public var description: String {
        switch self { case .invalid(let message): return message }
    }
}

extension TrainingConfiguration.Sampling {
    /// The sampler strategy of the data layer.
    var strategy: BPRSampler.Strategy {
        switch self {
        case .userUniform: return .userUniform
        case .edgeUniform: return .edgeUniform
        }
    }
}
