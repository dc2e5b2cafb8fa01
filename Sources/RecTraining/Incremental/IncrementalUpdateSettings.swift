import RecModels

/// How ``IncrementalUpdate`` refreshes a trained model: which layer-0 rows it trains, how their
/// starting values are folded in, and the few BPR steps it takes.
public struct IncrementalUpdateSettings: Sendable, Equatable, Hashable {
    /// Which layer-0 rows the BPR steps update (every other row stays exactly as trained).
    public enum Scope: String, Sendable, Equatable, Hashable, CaseIterable {
        /// Only the new users' and new items' rows.
        case newNodes
        /// The new rows and the trained users and items that have a new interaction.
        case newNodesAndNeighbours
    }

    /// Which rows are trained.
    public var scope: Scope
    /// The starting layer-0 row of a new node, folded in from its trained neighbours (see
    /// ``FoldInLayerZero``); a new node without trained neighbours starts from N(0, 0.1²).
    public var layerZero: FoldInLayerZero
    /// Number of BPR + Adam steps (0: fold-in only).
    public var steps: Int
    /// Triples per step.
    public var batchSize: Int
    /// Adam step size of the updated rows (fresh moments: the update starts its own Adam).
    public var learningRate: Double
    /// Seed of the starting rows of isolated new nodes and of the triples.
    public var seed: UInt64

    /// Settings; the defaults fold new rows in from their neighbours' mean, then take 100 steps
    /// of 1024 triples at learning rate 0.005 on the new rows only.
    public init(scope: Scope = .newNodes, layerZero: FoldInLayerZero = .neighbourMean, steps: Int = 100,
                batchSize: Int = 1024, learningRate: Double = 0.005, seed: UInt64 = 1) {
        self.scope = scope
        self.layerZero = layerZero
        self.steps = steps
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.seed = seed
    }
}
