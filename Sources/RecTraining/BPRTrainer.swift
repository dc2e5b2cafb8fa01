import Foundation
import RecData
import RecKernels
import RecModels

/// Trains a LightGCN on implicit feedback with the BPR loss and Adam.
///
/// One step on a batch of B triples (u, i, j):
///
///     out = Σₗ αₗ Âˡ E⁰                                   (full-graph propagation)
///     L   = (1/B) Σ softplus(ŷᵤⱼ − ŷᵤᵢ) + R(E⁰),  ŷᵤᵢ = ⟨outᵤ, outᵢ⟩
///     ∂L/∂E⁰ = Σₗ αₗ (Âᵀ)ˡ ∂L/∂out + ∂R/∂E⁰              (backward = propagation with Âᵀ)
///
/// then one Adam update of E⁰. `R` is the authors' or PyG's L2 term (`TrainingConfiguration.Regularization`).
/// Users are nodes `0..<U`, items `U..<U+I`; the graph holds training interactions only.
public final class BPRTrainer {
    /// The settings of this run.
    public let configuration: TrainingConfiguration
    /// The model being trained (its `embedding` is E⁰).
    public let model: LightGCN<Float>
    /// The normalised training graph.
    public let graph: PropagationGraph<Float>
    /// The training interactions.
    public let train: InteractionMatrix
    /// Epoch records so far.
    public internal(set) var history: [EpochRecord] = []
    /// Where training time went so far, by phase.
    public internal(set) var timings = StepTimings()

    let sampler: BPRSampler
    var generator: SeededGenerator
    /// Adam over the embedding table.
    public let optimizer: AdamOptimizer<Float>
    let workspace: PropagationWorkspace<Float>
    let output: Matrix<Float>
    let outputGradient: Matrix<Float>
    /// ∂L/∂E⁰ of the last batch (written by `computeGradient`).
    public let embeddingGradient: Matrix<Float>
    /// Lists a batch's distinct nodes (with dynamic negatives: the candidates' too).
    var nodeCollector: BatchNodeCollector
    /// Builds each batch's rows for the objective.
    var assembler: LossBatchAssembler
    /// The configuration's objective.
    let objective: any LossFunction

    /// A trainer for `train` with a freshly initialised model.
    public init(train: InteractionMatrix, configuration: TrainingConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
        self.train = train
        var generator = SeededGenerator(seed: configuration.seed)
        let nodes = train.userCount + train.itemCount
        let initialization: EmbeddingInitialization
        switch configuration.initialization {
        case .normal: initialization = .normal(standardDeviation: 0.1)
        case .xavier: initialization = .xavierUniform
        case .spectral: initialization = .normal(standardDeviation: 0.1)  // replaced below
        }
        model = LightGCN<Float>(numNodes: nodes, embeddingDim: configuration.dimension,
                                numLayers: configuration.layers, alpha: .uniform,
                                initialization: initialization, generator: &generator)
        if configuration.initialization == .spectral {
            let spectral = SpectralInitialization(exponent: configuration.spectralExponent, rootMeanSquare: configuration.spectralScale,
                                                  seed: configuration.seed)
            let weights = [Double](repeating: 1 / Double(configuration.layers + 1), count: configuration.layers + 1)
            model.embedding.assign(spectral.table(train: train, dimension: configuration.dimension, alpha: weights))
        }
        graph = PropagationGraph<Float>(userCount: train.userCount, itemCount: train.itemCount,
                                        itemsOfUser: train.itemsOfUser)
        sampler = BPRSampler(train: train, strategy: configuration.sampling.strategy)
        self.generator = generator
        optimizer = AdamOptimizer(rows: nodes, columns: configuration.dimension,
                                  learningRate: Float(configuration.learningRate))
        workspace = PropagationWorkspace(nodeCount: nodes, dimension: configuration.dimension)
        output = Matrix(rows: nodes, columns: configuration.dimension)
        outputGradient = Matrix(rows: nodes, columns: configuration.dimension)
        embeddingGradient = Matrix(rows: nodes, columns: configuration.dimension)
        nodeCollector = BatchNodeCollector(userCount: train.userCount, itemCount: train.itemCount)
        assembler = LossBatchAssembler(userCount: train.userCount, itemCount: train.itemCount)
        objective = configuration.lossFunction
    }

    /// The number of batches one epoch runs.
    public var batchesPerEpoch: Int { epochBatchCount }

    /// Runs one epoch: samples its triples, then one optimisation step per batch.
    /// `progress(done, total)` is called after each batch.
    @discardableResult
    public func trainEpoch(progress: ((Int, Int) -> Void)? = nil) -> EpochRecord {
        runEpoch(progress: progress)
    }

    /// Attaches evaluation results to the last epoch's record.
    public func recordEvaluation(_ metrics: [String: Double], seconds: Double) {
        attachEvaluation(metrics, seconds: seconds)
    }

    /// One BPR + Adam step on `triples[range]`; returns the batch's mean BPR term and its
    /// regularisation term.
    public func step(_ triples: BPRTriples, _ range: Range<Int>) -> (bpr: Double, regularization: Double) {
        let loss = computeGradient(triples, range)
        var clock = PhaseClock()
        optimizer.learningRate = Float(configuration.learningRate(atEpoch: history.count + 1))
        optimizer.update(model.embedding, gradient: embeddingGradient)
        timings.optimizer += clock.lap()
        return loss
    }

    /// The loss of `triples[range]` and its gradient with respect to E⁰, left in
    /// `embeddingGradient` (no parameter update). The objective is the configuration's
    /// ``TrainingLoss``; the first value returned is its batch mean (the BPR term for `.bpr`).
    @discardableResult
    public func computeGradient(_ triples: BPRTriples, _ range: Range<Int>) -> (bpr: Double, regularization: Double) {
        var clock = PhaseClock()
        var triples = triples, range = range
        let forwarded: Bool
        if configuration.negativeCandidates > 1 {
            // Dynamic negative sampling: forward on the candidates' rows too, keep the
            // highest-scoring candidate of each triple, then continue with those triples.
            let candidates = drawNegativeCandidates(triples, range)
            let rows = nodeCollector.nodes(triples, range, candidates: candidates, perTriple: configuration.negativeCandidates)
            timings.candidates += clock.lap()
            model.propagate(graph: graph, into: output, workspace: workspace, onlyRows: rows)
            timings.forward += clock.lap()
            (triples, range) = (hardestNegatives(triples, range, candidates: candidates), 0..<range.count)
            forwarded = true
        } else {
            forwarded = false
        }
        let batch = assembleBatch(triples, range)
        timings.candidates += clock.lap()
        let nodes = batch.nodes
        if !forwarded {
            // Only the batch's rows of the final embeddings are needed for its scores.
            model.propagate(graph: graph, into: output, workspace: workspace, onlyRows: nodes)
            timings.forward += clock.lap()
        }
        output.gatherRows(nodes, into: batch.embeddings)
        let loss = objective.accumulate(batch)
        // ∂L/∂out is zero outside the batch rows.
        outputGradient.scatterRows(nodes, from: batch.gradient)
        timings.loss += clock.lap()
        model.backpropagate(graph: graph, outputGradient: outputGradient, nonZeroRows: nodes,
                            into: embeddingGradient, workspace: workspace)
        outputGradient.zeroRows(nodes)
        timings.backward += clock.lap()

        let regularization = addRegularization(triples, range, batch: batch)
        timings.regularization += clock.lap()
        return (loss, regularization)
    }

    /// The ``LossBatch`` of `triples[range]` for the configured objective, drawing the batch's
    /// uniform negatives from the trainer's generator when the objective uses them.
    func assembleBatch(_ triples: BPRTriples, _ range: Range<Int>) -> LossBatch {
        var uniform: [Int32] = []
        if (configuration.loss == .softmax || configuration.loss == .bsl) && configuration.negatives.usesUniform {
            uniform = (0..<configuration.uniformNegatives).map { _ in Int32(generator.nextIndex(below: train.itemCount)) }
        }
        return assembler.assemble(triples, range, loss: configuration.loss, negatives: configuration.negatives,
                                  uniformItems: uniform, width: configuration.dimension)
    }

    /// For each triple of `triples[range]`, `negativeCandidates` negative items: the sampled
    /// negative, then uniform items the user does not have in training. Triple `t`'s candidates
    /// are at `(t − range.lowerBound)·M ..< (t − range.lowerBound + 1)·M` of the result.
    ///
    /// Drawn in parallel: the batch is cut into ``candidateStreams`` fixed slices, slice `c`
    /// drawing from its own stream `fork(c)` of one draw of the trainer's generator. The slices
    /// do not depend on the number of threads, so the candidates are the same for a seed on any
    /// machine.
    func drawNegativeCandidates(_ triples: BPRTriples, _ range: Range<Int>) -> [Int32] {
        let m = configuration.negativeCandidates, items = train.itemCount
        precondition(m >= 1, "at least one negative candidate per triple")
        let count = range.count, first = range.lowerBound
        let streams = Self.candidateStreams
        let base = generator
        _ = generator.next()  // the trainer's stream moves on by one draw per batch
        let rows = train.itemsOfUser
        let slices = parallelMap(count: streams, chunks: streams) { slice -> [Int32] in
            var rng = base.fork(UInt64(slice))
            // The user's training items as bits: a rejection test is one load, not a binary
            // search whose branches the processor cannot predict.
            var bits = [UInt64](repeating: 0, count: (items + 63) / 64)
            var marks = bits.mutableSpan
            let triplesOfSlice = (count * slice / streams)..<(count * (slice + 1) / streams)
            var slots: [Int32] = []
            slots.reserveCapacity(triplesOfSlice.count * m)
            for t in triplesOfSlice {
                let u = Int(triples.users[first + t])
                let sampled = triples.negatives[first + t]
                slots.append(sampled)
                let owned = rows.offsets[u]..<rows.offsets[u + 1]
                if owned.count >= items {
                    for _ in 1..<m { slots.append(sampled) }
                    continue
                }
                for k in owned { let i = Int(rows.indices[k]); marks[i >> 6] |= 1 << UInt64(i & 63) }
                for _ in 1..<m {
                    var j: Int
                    repeat { j = rng.nextIndex(below: items) } while marks[j >> 6] & (1 << UInt64(j & 63)) != 0
                    slots.append(Int32(truncatingIfNeeded: j))
                }
                for k in owned { marks[Int(rows.indices[k]) >> 6] = 0 }
            }
            return slots
        }
        var negatives: [Int32] = []
        negatives.reserveCapacity(count * m)
        for slice in slices { negatives.append(contentsOf: slice) }
        return negatives
    }

    /// Number of independent random streams the negative candidates of a batch are drawn from
    /// (fixed, so that results do not depend on the thread count).
    static let candidateStreams = 16

    /// `triples[range]` with each negative replaced by the candidate (of
    /// ``drawNegativeCandidates(_:_:)``) that scores highest, ⟨out_u, out_j⟩, under the current
    /// final embeddings in `output` (the first of equal scores; the sampled negative when no score
    /// is a number). Scored by `Matrix.firstBestCandidates`, in parallel over triples.
    func hardestNegatives(_ triples: BPRTriples, _ range: Range<Int>, candidates: [Int32]) -> BPRTriples {
        let m = configuration.negativeCandidates
        let users = Array(triples.users[range])
        let positions = output.firstBestCandidates(queryRows: users, candidates: candidates, perQuery: m,
                                                   candidateRowOffset: train.userCount)
        let chosen = positions.indices.map { t in candidates[t * m + Int(positions[t])] }
        return BPRTriples(users: users, positives: Array(triples.positives[range]), negatives: chosen)
    }

    /// The distinct nodes (users, then items offset by U) of `triples[range]`, in first-seen order.
    public func batchNodes(_ triples: BPRTriples, _ range: Range<Int>) -> [Int32] {
        nodeCollector.nodes(triples, range)
    }

    /// Adds ∂R/∂E⁰ to the embedding gradient and returns R (see `LayerZeroRegularization`).
    func addRegularization(_ triples: BPRTriples, _ range: Range<Int>, batch: LossBatch) -> Double {
        LayerZeroRegularization.add(configuration.regularization, lambda: Float(configuration.lambda),
                                    embedding: model.embedding, gradient: embeddingGradient, triples: triples,
                                    range: range, batch: batch, userCount: train.userCount)
    }

    /// The same for the BPR triples themselves, with their distinct `nodes` (the cold-start step).
    func addRegularization(_ triples: BPRTriples, _ range: Range<Int>, nodes: [Int32], batch: Float) -> Double {
        LayerZeroRegularization.add(configuration.regularization, lambda: Float(configuration.lambda),
                                    embedding: model.embedding, gradient: embeddingGradient, triples: triples,
                                    range: range, nodes: nodes, userCount: train.userCount)
    }

    /// The final user and item embeddings of the current model, as a recommender (unit rows
    /// when `configuration.score` is ``ScoreFunction/cosine``).
    public func recommender() -> EmbeddingRecommender {
        configuration.score.scoring(model.recommender(userCount: train.userCount, itemCount: train.itemCount, graph: graph))
    }
}

extension BPRTrainer: BPRTrainingLoop {
    var loopSettings: TrainingConfiguration { configuration }
    func currentRecommender() -> any Recommender { recommender() }
    func saveParameters() -> [Matrix<Float>] { [model.embedding.copy()] }
    func restoreParameters(_ saved: [Matrix<Float>]) { model.embedding.assign(saved[0]) }
}
