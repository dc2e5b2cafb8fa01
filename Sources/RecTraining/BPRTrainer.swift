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
    public private(set) var history: [EpochRecord] = []
    /// Where training time went so far, by phase.
    public private(set) var timings = StepTimings()

    let sampler: BPRSampler
    var generator: SeededGenerator
    /// Adam over the embedding table.
    public let optimizer: AdamOptimizer<Float>
    let workspace: PropagationWorkspace<Float>
    let output: Matrix<Float>
    let outputGradient: Matrix<Float>
    /// ∂L/∂E⁰ of the last batch (written by `computeGradient`).
    public let embeddingGradient: Matrix<Float>
    /// Per-node stamp of the last batch that touched it (to list a batch's distinct nodes).
    var lastSeenInBatch: [Int32]
    var batchCounter: Int32 = 0

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
        lastSeenInBatch = [Int32](repeating: -1, count: nodes)
    }

    /// The number of batches one epoch runs.
    public var batchesPerEpoch: Int {
        // Both samplers draw as many triples per epoch as there are training interactions.
        let all = (train.interactionCount + configuration.batchSize - 1) / configuration.batchSize
        return min(all, configuration.maxBatchesPerEpoch ?? all)
    }

    /// Runs one epoch: samples its triples, then one optimisation step per batch.
    /// `progress(done, total)` is called after each batch.
    @discardableResult
    public func trainEpoch(progress: ((Int, Int) -> Void)? = nil) -> EpochRecord {
        let start = Date()
        var clock = PhaseClock()
        let triples = sampler.sampleEpoch(using: &generator)
        timings.sampling += clock.lap()
        let size = configuration.batchSize
        let total = min((triples.count + size - 1) / size, configuration.maxBatchesPerEpoch ?? Int.max)
        var bprSum = 0.0, regSum = 0.0, tripleCount = 0
        for b in 0..<total {
            let range = (b * size)..<min(triples.count, (b + 1) * size)
            let (bpr, reg) = step(triples, range)
            bprSum += bpr * Double(range.count)
            regSum += reg
            tripleCount += range.count
            progress?(b + 1, total)
        }
        let record = EpochRecord(
            epoch: history.count + 1, bprLoss: tripleCount > 0 ? bprSum / Double(tripleCount) : 0,
            regularizationLoss: total > 0 ? regSum / Double(total) : 0, batches: total,
            seconds: Date().timeIntervalSince(start), metrics: [:], evaluationSeconds: 0)
        history.append(record)
        return record
    }

    /// Attaches evaluation results to the last epoch's record.
    public func recordEvaluation(_ metrics: [String: Double], seconds: Double) {
        guard !history.isEmpty else { return }
        history[history.count - 1].metrics = metrics
        history[history.count - 1].evaluationSeconds = seconds
    }

    /// One BPR + Adam step on `triples[range]`; returns the batch's mean BPR term and its
    /// regularisation term.
    public func step(_ triples: BPRTriples, _ range: Range<Int>) -> (bpr: Double, regularization: Double) {
        let loss = computeGradient(triples, range)
        var clock = PhaseClock()
        optimizer.update(model.embedding, gradient: embeddingGradient)
        timings.optimizer += clock.lap()
        return loss
    }

    /// The loss of `triples[range]` and its gradient with respect to E⁰, left in
    /// `embeddingGradient` (no parameter update).
    @discardableResult
    public func computeGradient(_ triples: BPRTriples, _ range: Range<Int>) -> (bpr: Double, regularization: Double) {
        let d = configuration.dimension
        let users = train.userCount
        let batch = Float(range.count)
        var clock = PhaseClock()
        let nodes = batchNodes(triples, range)
        // Only the batch's rows of the final embeddings are needed for its scores.
        model.propagate(graph: graph, into: output, workspace: workspace, onlyRows: nodes)
        timings.forward += clock.lap()

        // ∂L/∂out on the batch rows (scatter-add into rows that are zero outside the batch).
        var bprSum = 0.0
        let out = output.storage, gOut = outputGradient.storage
        for t in range {
            let u = Int(triples.users[t]), i = users + Int(triples.positives[t]), j = users + Int(triples.negatives[t])
            let pu = out + u * d, pi = out + i * d, pj = out + j * d
            var x: Float = 0
            for c in 0..<d { x += pu[c] * (pi[c] - pj[c]) }
            // softplus(−x) = max(−x, 0) + ln(1 + e^{−|x|});  ∂/∂x = −σ(−x).
            bprSum += Double(max(-x, 0) + Float.logarithmOnePlus(Float.exponential(-abs(x))))
            let g = -1 / (1 + Float.exponential(x)) / batch
            let gu = gOut + u * d, gi = gOut + i * d, gj = gOut + j * d
            for c in 0..<d {
                let uc = pu[c]
                gu[c] += g * (pi[c] - pj[c])
                gi[c] += g * uc
                gj[c] -= g * uc
            }
        }
        timings.loss += clock.lap()
        model.backpropagate(graph: graph, outputGradient: outputGradient, nonZeroRows: nodes,
                            into: embeddingGradient, workspace: workspace)
        for node in nodes { (gOut + Int(node) * d).update(repeating: 0, count: d) }
        timings.backward += clock.lap()

        let regularization = addRegularization(triples, range, nodes: nodes, batch: batch)
        timings.regularization += clock.lap()
        return (bprSum / Double(range.count), regularization)
    }

    /// The distinct nodes (users, then items offset by U) of `triples[range]`, in first-seen order.
    public func batchNodes(_ triples: BPRTriples, _ range: Range<Int>) -> [Int32] {
        batchCounter &+= 1
        let stamp = batchCounter, users = Int32(train.userCount)
        var nodes: [Int32] = []
        nodes.reserveCapacity(3 * range.count)
        @inline(__always) func visit(_ node: Int32) {
            if lastSeenInBatch[Int(node)] != stamp {
                lastSeenInBatch[Int(node)] = stamp
                nodes.append(node)
            }
        }
        for t in range {
            visit(triples.users[t])
            visit(users + triples.positives[t])
            visit(users + triples.negatives[t])
        }
        return nodes
    }

    /// Adds ∂R/∂E⁰ to the embedding gradient and returns R.
    func addRegularization(_ triples: BPRTriples, _ range: Range<Int>, nodes: [Int32], batch: Float) -> Double {
        let lambda = Float(configuration.lambda)
        if lambda == 0 { return 0 }
        let d = configuration.dimension
        let e = model.embedding.storage, grad = embeddingGradient.storage
        var squares = 0.0
        /// Adds `factor · row` to the gradient of `node` and returns ‖row‖².
        @inline(__always) func apply(_ node: Int, _ factor: Float) -> Float {
            let row = e + node * d, g = grad + node * d
            var s: Float = 0
            for c in 0..<d { s += row[c] * row[c]; g[c] += factor * row[c] }
            return s
        }
        switch configuration.regularization {
        case .authors:
            // R = λ·½Σ‖row‖²/B over every occurrence: ∂R/∂row = λ·row/B per occurrence.
            let factor = lambda / batch, users = train.userCount
            for t in range {
                squares += Double(apply(Int(triples.users[t]), factor))
                squares += Double(apply(users + Int(triples.positives[t]), factor))
                squares += Double(apply(users + Int(triples.negatives[t]), factor))
            }
            squares *= 0.5
        case .pyg:
            // R = λ·Σ_{distinct nodes}‖row‖²/B: ∂R/∂row = 2λ·row/B once per node.
            let factor = 2 * lambda / batch
            for node in nodes { squares += Double(apply(Int(node), factor)) }
        }
        return Double(lambda) * squares / Double(batch)
    }

    /// The final user and item embeddings of the current model, as a recommender.
    public func recommender() -> EmbeddingRecommender {
        model.recommender(userCount: train.userCount, itemCount: train.itemCount, graph: graph)
    }
}
