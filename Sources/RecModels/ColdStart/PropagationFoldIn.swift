import RecKernels

/// Folds a node that did not exist at training time (a new user or item) into a trained
/// LightGCN without retraining: its final embedding is what a propagation on the training graph
/// enlarged by that node and its edges gives it, every trained parameter fixed.
///
/// With the training layers `x⁰ = E`, `xˡ = Â·x^{l−1}` precomputed once, a new node `*` with
/// neighbours `S` (item nodes for a new user, user nodes for a new item) gets
///
///     x̃⁰_* = e_*,   x̃ˡ_* = Σ_{w∈S} x̃^{l−1}_w / √(|S|·(d_w+1)),   out_* = Σ_{l=0}^{L} α_l x̃ˡ_*
///
/// (see ``FoldInPropagation`` for `x̃` and the two ways to compute it). `out_*` is affine in
/// `e_*`: `out_* = γ·e_* + r`.
///
/// **Serving approximation.** Everyone else keeps the final embedding of the training graph:
/// the new node is scored against the trained `out_i`, although on the enlarged graph the
/// neighbours' embeddings (and, more weakly, those of nodes within `L` hops) would move too.
///
/// The graph must be undirected with unit weights (every interaction in both directions, as
/// ``PropagationGraph/init(userCount:itemCount:itemsOfUser:normalize:)`` builds it), so that
/// `d_w` is the number of `w`'s neighbours.
public struct PropagationFoldIn<Scalar: KernelScalar>: Sendable {
    /// `x⁰ … x^{L−1}` of every node on the training graph (`N × D` each).
    public let layers: [Matrix<Scalar>]
    /// `out = Σ_l α_l xˡ` of every node on the training graph (`N × D`).
    public let finalEmbeddings: Matrix<Scalar>
    /// Â of the training graph (rows = targets).
    public let adjacency: SparseMatrix<Scalar>
    /// Âᵀ of the training graph.
    public let transposedAdjacency: SparseMatrix<Scalar>
    /// The layer weights α₀ … α_L.
    public let alpha: [Scalar]
    /// The degree `d_v` of every node in the training graph.
    public let degree: [Int]

    /// Number of nodes `N` of the training graph.
    public var nodeCount: Int { degree.count }
    /// Embedding dimension `D`.
    public var dimension: Int { finalEmbeddings.columns }
    /// Number of propagation layers `L`.
    public var layerCount: Int { alpha.count - 1 }

    /// Precomputes the training layers of `model` on `graph` (L sparse products, once).
    ///
    /// - Precondition: `graph.nodeCount == model.numNodes`.
    public init(model: LightGCN<Scalar>, graph: PropagationGraph<Scalar>) {
        precondition(graph.nodeCount == model.numNodes,
                     "PropagationFoldIn: graph has \(graph.nodeCount) nodes, model \(model.numNodes)")
        let n = model.numNodes, d = model.embeddingDim
        var layers = [model.embedding.copy()]
        let output = Matrix<Scalar>(rows: n, columns: d)
        output.setScaled(layers[0], by: model.alpha[0])
        var current = layers[0]
        for l in stride(from: 1, through: model.numLayers, by: 1) {
            let next = Matrix<Scalar>(rows: n, columns: d)
            graph.adjacency.multiply(current, into: next)
            output.addScaled(next, by: model.alpha[l])
            if l < model.numLayers { layers.append(next) }
            current = next
        }
        self.layers = layers
        finalEmbeddings = output
        adjacency = graph.adjacency
        transposedAdjacency = graph.transposedAdjacency
        alpha = model.alpha
        degree = (0..<n).map { graph.adjacency.rowLength($0) }
    }

    /// The layers `x̃⁰_* … x̃^L_*` of a new node with neighbours `neighbours` (node ids of the
    /// training graph; repeats are kept once) and layer-0 embedding `layerZero`.
    /// Without neighbours every propagated layer is zero.
    public func newNodeLayers(neighbours: [Int], layerZero: [Scalar], propagation: FoldInPropagation) -> [[Scalar]] {
        precondition(layerZero.count == dimension, "PropagationFoldIn: layer-0 has \(layerZero.count) values, D = \(dimension)")
        let s = Self.distinct(neighbours, below: nodeCount)
        let d = dimension, layerCount = self.layerCount
        var result = [[Scalar]](repeating: [Scalar](repeating: 0, count: d), count: layerCount + 1)
        result[0] = layerZero
        guard !s.isEmpty, layerCount > 0 else { return result }
        let size = Scalar(s.count)
        let b = s.map { 1 / Scalar.squareRoot(size * Scalar(degree[$0] + 1)) }
        switch propagation {
        case .trainedNeighbourLayers:
            for l in 1...layerCount {
                for (k, w) in s.enumerated() { layers[l - 1].addRow(w, scaled: b[k], into: &result[l]) }
            }
        case .exact:
            if layerCount != 3 || !exactThreeLayers(s, b: b, into: &result) { exactLayers(s, b: b, into: &result) }
        }
        return result
    }

    /// `out_* = Σ_l α_l x̃ˡ_*` of a new node (see ``newNodeLayers(neighbours:layerZero:propagation:)``).
    public func newNodeEmbedding(neighbours: [Int], layerZero: [Scalar], propagation: FoldInPropagation) -> [Scalar] {
        combine(newNodeLayers(neighbours: neighbours, layerZero: layerZero, propagation: propagation))
    }

    /// `γ` and `r` of `out_* = γ·e_* + r` for a new node with neighbours `neighbours`.
    public func newNodeAffineMap(neighbours: [Int], propagation: FoldInPropagation) -> (gamma: Scalar, offset: [Scalar]) {
        let zero = [Scalar](repeating: 0, count: dimension)
        let offset = newNodeEmbedding(neighbours: neighbours, layerZero: zero, propagation: propagation)
        guard propagation == .exact, layerCount > 1 else { return (alpha[0], offset) }
        // γ·1 = out(1) − out(0): the new node's closed walks, the same in every column.
        let ones = newNodeEmbedding(neighbours: neighbours, layerZero: [Scalar](repeating: 1, count: dimension),
                                    propagation: propagation)
        var gamma: Scalar = 0
        for c in 0..<dimension { gamma += ones[c] - offset[c] }
        return (gamma / Scalar(dimension), offset)
    }

    /// The mean of the neighbours' layer-0 rows (zero without neighbours): a simple `e_*`.
    public func neighbourMean(_ neighbours: [Int]) -> [Scalar] {
        let s = Self.distinct(neighbours, below: nodeCount)
        var mean = [Scalar](repeating: 0, count: dimension)
        guard !s.isEmpty else { return mean }
        let scale = 1 / Scalar(s.count)
        for w in s { layers[0].addRow(w, scaled: scale, into: &mean) }
        return mean
    }

    /// `Σ_l α_l · layers[l]`.
    func combine(_ layers: [[Scalar]]) -> [Scalar] {
        var out = [Scalar](repeating: 0, count: dimension)
        for (l, layer) in layers.enumerated() {
            for c in 0..<dimension { out[c] += alpha[l] * layer[c] }
        }
        return out
    }

    /// The exact layers (see ``FoldInPropagation/exact``): layer `l` of the old nodes is
    /// recomputed on `R_l = T_{min(l, L−1−l)}`, `T_k` = nodes within `k` hops of `S` (a
    /// breadth-first prefix order, so that `T_0 = S` ⊂ `T_1` ⊂ … share slots).
    func exactLayers(_ s: [Int], b: [Scalar], into result: inout [[Scalar]]) {
        let d = dimension, layerCount = self.layerCount
        let hops = (layerCount - 1) / 2
        var slot = [Int32](repeating: -1, count: nodeCount)
        var nodes = s
        for (k, w) in s.enumerated() { slot[w] = Int32(k) }
        var ringEnd = [s.count]
        if hops > 0 {
            for _ in 1...hops {
                let start = ringEnd.count == 1 ? 0 : ringEnd[ringEnd.count - 2]
                for q in start..<ringEnd[ringEnd.count - 1] {
                    let v = nodes[q]
                    for p in adjacency.rowOffsets[v]..<adjacency.rowOffsets[v + 1] {
                        let w = Int(adjacency.columnIndices[p])
                        if slot[w] < 0 { slot[w] = Int32(nodes.count); nodes.append(w) }
                    }
                }
                ringEnd.append(nodes.count)
            }
        }
        let c = s.map { w in Scalar.squareRoot(Scalar(degree[w]) / Scalar(degree[w] + 1)) }
        // Layer 0: x̃⁰ = x⁰ on S, ε⁰_w = (c_w − 1)·x⁰_w.
        var tildeOnS = [Scalar](repeating: 0, count: s.count * d)
        var epsilon = [Scalar](repeating: 0, count: s.count * d)
        for (k, w) in s.enumerated() {
            let x = layers[0]
            for col in 0..<d {
                tildeOnS[k * d + col] = x[w, col]
                epsilon[k * d + col] = (c[k] - 1) * x[w, col]
            }
        }
        var previousCount = s.count
        for l in 1...layerCount {
            // x̃ˡ_* = Σ_{w∈S} b_w x̃^{l−1}_w.
            for k in 0..<s.count {
                for col in 0..<d { result[l][col] += b[k] * tildeOnS[k * d + col] }
            }
            if l == layerCount { break }
            let count = ringEnd[min(l, layerCount - 1 - l)]
            let sum = propagateCorrection(epsilon, from: previousCount, to: count, nodes: nodes, slot: slot)
            // x̃ˡ_v = c_v (xˡ_v + Σ Â[v,w] ε^{l−1}_w) + [v∈S] b_v x̃^{l−1}_*,  εˡ_v = c_v x̃ˡ_v − xˡ_v.
            var nextEpsilon = [Scalar](repeating: 0, count: count * d)
            let star = result[l - 1]
            for t in 0..<count {
                let x = layers[l], v = nodes[t]
                let inS = t < s.count
                let cv: Scalar = inS ? c[t] : 1
                for col in 0..<d {
                    var tilde = cv * (x[v, col] + sum[t * d + col])
                    if inS { tilde += b[t] * star[col]; tildeOnS[t * d + col] = tilde }
                    nextEpsilon[t * d + col] = cv * tilde - x[v, col]
                }
            }
            epsilon = nextEpsilon
            previousCount = count
        }
    }

    /// `Σ_{w∈N(v)} Â[v,w]·ε_w` for the first `count` slots `v`, from `ε` on the first
    /// `sourceCount` slots: gathered along the targets' rows of Â or scattered along the
    /// sources' rows of Âᵀ, whichever reads fewer entries.
    func propagateCorrection(_ epsilon: [Scalar], from sourceCount: Int, to count: Int, nodes: [Int],
                             slot: [Int32]) -> [Scalar] {
        let d = dimension
        let sum = Matrix<Scalar>(rows: count, columns: d)
        let e = Matrix<Scalar>(rows: epsilon.count / d, columns: d, values: epsilon)
        var gatherCost = 0, scatterCost = 0
        for t in 0..<count { gatherCost += degree[nodes[t]] }
        for q in 0..<sourceCount { scatterCost += degree[nodes[q]] }
        if scatterCost < gatherCost {
            let m = transposedAdjacency
            for q in 0..<sourceCount {
                let w = nodes[q]
                for p in m.rowOffsets[w]..<m.rowOffsets[w + 1] {
                    let t = Int(slot[Int(m.columnIndices[p])])
                    if t >= 0 && t < count { sum.addRow(t, scaled: m.values[p], of: e, row: q) }
                }
            }
        } else {
            let m = adjacency
            for t in 0..<count {
                let v = nodes[t]
                for p in m.rowOffsets[v]..<m.rowOffsets[v + 1] {
                    let q = Int(slot[Int(m.columnIndices[p])])
                    if q >= 0 && q < sourceCount { sum.addRow(t, scaled: m.values[p], of: e, row: q) }
                }
            }
        }
        return sum.values
    }

    /// The distinct entries of `nodes` in first-seen order.
    static func distinct(_ nodes: [Int], below bound: Int) -> [Int] {
        var seen = Set<Int>()
        return nodes.filter { node in
            precondition(node >= 0 && node < bound, "PropagationFoldIn: node \(node) outside 0..<\(bound)")
            return seen.insert(node).inserted
        }
    }
}
