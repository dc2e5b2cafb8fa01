import ArgumentParser
import Foundation
import RecModels
import RecTraining

/// The options of a LightGCN training run, shared by `train` and `demo`.
struct TrainingOptions: ParsableArguments {
    @Option(help: "Propagation layers.") var layers = 3
    @Option(help: "Embedding dimension.") var dim = 64
    @Option(help: "Training epochs.") var epochs: Int?
    @Option(name: .customLong("batch-size"), help: "BPR triples per batch.") var batchSize: Int?
    @Option(help: "Adam learning rate (default 0.001).") var lr: Double?
    @Option(name: .customLong("lambda"), help: "L2 weight on the layer-0 embeddings of each batch.") var lambda = 1e-4
    @Option(help: "Random seed (initialisation and sampling).") var seed: UInt64 = 2020
    @Option(name: .customLong("eval-every"), help: "Evaluate every N epochs (0: only at the end; default 10, 2 with --preset fast).")
    var evalEvery: Int?
    @Option(name: .customLong("k"), help: "Cut-off(s) for the metrics, comma-separated, e.g. 20 or 10,20,50.")
    var k = "20"
    @Option(name: .customLong("max-batches"), help: "Stop each epoch after this many batches (quick trials).")
    var maxBatches: Int?
    @Option(help: "Triple sampling: user-uniform (the LightGCN authors') or edge-uniform (PyG's example).")
    var sampling: TrainingConfiguration.Sampling?
    @Option(help: "L2 convention: authors (λ·½Σ‖row‖²/B) or pyg (λ·‖E[unique nodes]‖²/B).")
    var regularization: TrainingConfiguration.Regularization?
    @Option(name: .customLong("init"), help: "Initialisation: normal (N(0, 0.1), the authors'), xavier (PyG's), or spectral (leading singular vectors of the normalised training matrix).")
    var initialization: TrainingConfiguration.Initialization?
    @Option(name: .customLong("spectral-exponent"), help: "With --init spectral: the exponent p of the singular values in the initial scores (default 1).")
    var spectralExponent: Double?
    @Option(name: .customLong("spectral-scale"), help: "With --init spectral: the root-mean-square entry of the initial table (default 0.1, the scale of N(0, 0.1)).")
    var spectralScale: Double?
    @Option(name: .customLong("negative-candidates"), help: "Dynamic negative sampling: each negative is the highest-scoring of this many uniform candidates (default 1: off).")
    var negativeCandidates: Int?
    @Option(name: .customLong("max-minutes"), help: "Wall-clock budget of the training (evaluations included): stop after the epoch after which another one would not fit.")
    var maxMinutes: Double?
    @Option(help: "Stop after this many evaluations without improvement on validation (0: never stop early; default 5, 4 with --preset fast).")
    var patience: Int?
    @Option(name: .customLong("selection-metric"), help: "The validation metric that selects the epoch, e.g. Recall@20 or NDCG@20 (default Recall at 20, or at the largest --k).")
    var selectionMetric: String?
    @Flag(name: .customLong("refit-with-validation"), inversion: .prefixedNo, help: ArgumentHelp(
        "After selecting the epoch on validation, train again on training + validation interactions for that many epochs and keep that model (default off; on with --preset fast)."))
    var refit: Bool?
    @Option(name: .customLong("cosine-decay-epochs"), help: "Decay the learning rate to 0 along a half cosine over this many epochs (default: constant).")
    var cosineDecayEpochs: Int?
    @Option(help: "Objective: bpr (the paper's), softmax (sampled softmax, temperature --temperature), bsl (bilateral softmax: --temperature on the positive, --negative-temperature on the negatives) or directau (alignment + --uniformity-weight × uniformity).")
    var loss: TrainingLoss?
    @Option(help: "With --loss softmax or bsl: the negatives every pair of a batch is contrasted with: in-batch (the other pairs' positives), uniform (--uniform-negatives items drawn per batch; the default) or both.")
    var negatives: NegativeSource?
    @Option(name: .customLong("uniform-negatives"), help: "With --negatives uniform or both: items drawn uniformly per batch (default 1024).")
    var uniformNegatives: Int?
    @Option(help: "With --loss softmax: the temperature τ; with --loss bsl: τ₁, the positive's (default 0.1).")
    var temperature: Double?
    @Option(name: .customLong("negative-temperature"), help: "With --loss bsl: τ₂, the temperature of the negatives (default: --temperature).")
    var negativeTemperature: Double?
    @Option(name: .customLong("uniformity-weight"), help: "With --loss directau: γ, the weight of the uniformity term (default 1).")
    var uniformityWeight: Double?
    @Option(help: "How final vectors are scored, in training and by the saved model: inner (the inner product, LightGCN's; the default) or cosine (a documented variant; LightGCN and MF without side features).")
    var score: ScoreFunction?
    @Option(help: ArgumentHelp(
        "Settings to start from; every option given overrides them: authors (the LightGCN authors', the default), "
            + "pyg-example (PyG's example: batch 8192, Xavier init, edge-uniform sampling, PyG's L2), or fast "
            + "(spectral init p 4 RMS 0.3, 64 negative candidates, batch 8192, lr 0.008 decayed along a cosine over "
            + "20 epochs, eval every 2, patience 4, a 27-minute budget, refit; see BENCHMARKS.md).",
        valueName: "name"))
    var preset: TrainingPreset?
    @Flag(name: .customLong("pyg-example"), help: "The same as --preset pyg-example.")
    var pygExample = false

    /// Evaluations without improvement before stopping, unless --patience or the preset says otherwise.
    static let defaultPatience = 5

    /// The preset the options start from (`--pyg-example` is `--preset pyg-example`).
    func effectivePreset() throws -> TrainingPreset {
        if pygExample, let preset, preset != .pygExample {
            throw ValidationError("--pyg-example and --preset \(preset.rawValue) contradict each other: give one of them")
        }
        return pygExample ? .pygExample : preset ?? .authors
    }

    /// The cut-offs, parsed.
    func cutoffs() throws -> [Int] {
        try parseCutoffs(k)
    }

    /// The configuration these options describe: `defaults` (or the settings of `--preset`, with
    /// the epochs of `defaults` except for `fast`, which has its own), overridden by every option given.
    ///
    /// `validating: false` leaves the check of the whole to the caller (`compare --losses` checks
    /// each objective's row instead).
    func configuration(defaults: TrainingConfiguration = TrainingConfiguration(), validating: Bool = true) throws -> TrainingConfiguration {
        var c: TrainingConfiguration
        let preset = try effectivePreset()
        switch preset {
        case .authors: c = defaults; c.patience = defaults.patience ?? Self.defaultPatience
        case .pygExample: c = .pygExample; c.patience = Self.defaultPatience
        case .fast: c = .fast  // keeps its own epochs: its learning rate reaches 0 at the last
        }
        if preset != .fast { c.epochs = defaults.epochs }
        c.layers = layers
        c.dimension = dim
        if let epochs { c.epochs = epochs }
        if let batchSize { c.batchSize = batchSize }
        if let lr { c.learningRate = lr }
        c.lambda = lambda
        c.seed = seed
        if let evalEvery { c.evaluateEvery = evalEvery }
        c.ks = try cutoffs()
        c.maxBatchesPerEpoch = maxBatches
        if let patience { c.patience = patience > 0 ? patience : nil }
        if let maxMinutes { c.timeBudgetSeconds = maxMinutes * 60 }
        if let negativeCandidates { c.negativeCandidates = negativeCandidates }
        if let refit { c.refit = refit }
        if let cosineDecayEpochs { c.cosineDecayEpochs = cosineDecayEpochs }
        if let loss { c.loss = loss }
        if let negatives { c.negatives = negatives }
        if let uniformNegatives { c.uniformNegatives = uniformNegatives }
        if let temperature { c.temperature = temperature }
        if let negativeTemperature { c.negativeTemperature = negativeTemperature }
        if let uniformityWeight { c.uniformityWeight = uniformityWeight }
        if let score { c.score = score }
        if c.loss != .bpr && negativeCandidates == nil && preset == .fast {
            c.negativeCandidates = 1  // the preset's hard negatives are a BPR device
        }
        let selectionMetric = self.selectionMetric ?? "Recall@\(c.ks.contains(20) ? 20 : c.ks.last!)"
        c.selectionMetric = selectionMetric
        guard let k = Int(selectionMetric.split(separator: "@").last ?? ""), c.ks.contains(k),
              ["Recall", "NDCG", "Precision", "HitRate", "MRR", "MAP", "F1"].contains(String(selectionMetric.split(separator: "@").first ?? ""))
        else {
            throw ValidationError("--selection-metric must be a metric at one of the cut-offs of --k (e.g. Recall@\(c.ks[0])), got '\(selectionMetric)'")
        }
        if let patience, patience < 0 { throw ValidationError("--patience must be ≥ 0, got \(patience)") }
        if let sampling { c.sampling = sampling }
        if let regularization { c.regularization = regularization }
        if let initialization { c.initialization = initialization }
        if let spectralExponent { c.spectralExponent = spectralExponent }
        if let spectralScale { c.spectralScale = spectralScale }
        if validating {
            do {
                try c.validate()
            } catch {
                throw ValidationError(error.description)
            }
        }
        return c
    }
}

/// Parses "20" or "10,20,50" into sorted distinct cut-offs ≥ 1.
func parseCutoffs(_ text: String) throws -> [Int] {
    let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    let values = parts.compactMap { Int($0) }
    guard !parts.isEmpty, values.count == parts.count, values.allSatisfy({ $0 >= 1 }) else {
        throw ValidationError("--k expects positive integers separated by commas, got '\(text)'")
    }
    return Array(Set(values)).sorted()
}

extension TrainingConfiguration.Sampling: ExpressibleByArgument {}
extension TrainingConfiguration.Regularization: ExpressibleByArgument {}
extension TrainingConfiguration.Initialization: ExpressibleByArgument {}
extension TrainingLoss: ExpressibleByArgument {}
extension NegativeSource: ExpressibleByArgument {}
extension ScoreFunction: ExpressibleByArgument {}

/// A named starting point for the training options (`--preset`).
enum TrainingPreset: String, CaseIterable, ExpressibleByArgument {
    /// The LightGCN authors' settings (`TrainingConfiguration()`).
    case authors
    /// PyG's example settings (`TrainingConfiguration.pygExample`).
    case pygExample = "pyg-example"
    /// The fast schedule (`TrainingConfiguration.fast`).
    case fast
}
