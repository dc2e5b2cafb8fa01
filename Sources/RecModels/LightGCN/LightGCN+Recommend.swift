import RecKernels

extension LightGCN {
    /// The top `k` destination nodes for each source node by inner product of final embeddings
    /// (PyG's `recommend`), best first.
    ///
    ///     S = out[srcIndex] · out[dstIndex]ᵀ,   row i → the k columns of largest score
    ///
    /// Like PyG it excludes nothing by default: not the training edges, not the source node
    /// itself. Unlike PyG, `excluding` can list known `(source, destination)` pairs (global ids)
    /// that are never returned; a row left with fewer than `k` candidates then returns fewer.
    /// Ties go to the smaller candidate position (PyTorch leaves them unspecified).
    ///
    /// - Parameters:
    ///   - edgeIndex: the message-passing edges.
    ///   - edgeWeight: one weight per edge; `nil` means all 1.
    ///   - srcIndex: the nodes to recommend for; `nil` means all nodes.
    ///   - dstIndex: the candidate nodes; `nil` means all nodes. Results are global ids either way.
    ///   - k: results per row, `0 … |dstIndex|`.
    ///   - sorted: kept for PyG parity; results are always sorted by descending score, which is
    ///     one valid order for `sorted: false`.
    ///   - excluding: known pairs, row 0 = source ids, row 1 = destination ids; `nil` excludes nothing.
    /// - Returns: `|srcIndex|` rows of at most `k` global node ids.
    /// - Throws: ``LightGCNError/kOutOfRange(k:candidateCount:)`` when `k` is negative or exceeds
    ///   the number of candidates, ``LightGCNError/nodeOutOfRange(node:numNodes:argument:)`` for a bad id.
    /// - Complexity: O(L·nnz·D + |src|·|dst|·D + |src|·|dst|·log k).
    @inlinable
    public func recommend(
        edgeIndex: EdgeIndex, edgeWeight: [Scalar]? = nil, srcIndex: [Int]? = nil, dstIndex: [Int]? = nil,
        k: Int = 1, sorted: Bool = true, excluding: EdgeIndex? = nil
    ) throws(LightGCNError) -> [[Int]] {
        try recommend(graph: graph(edgeIndex: edgeIndex, edgeWeight: edgeWeight), srcIndex: srcIndex,
                      dstIndex: dstIndex, k: k, sorted: sorted, excluding: excluding)
    }

    /// ``recommend(edgeIndex:edgeWeight:srcIndex:dstIndex:k:sorted:excluding:)`` with a prebuilt operator.
    @inlinable
    public func recommend(
        graph: PropagationGraph<Scalar>, srcIndex: [Int]? = nil, dstIndex: [Int]? = nil,
        k: Int = 1, sorted: Bool = true, excluding: EdgeIndex? = nil
    ) throws(LightGCNError) -> [[Int]] {
        try validate(srcIndex, argument: "srcIndex")
        try validate(dstIndex, argument: "dstIndex")
        if let excluding {
            try validate(excluding.sources, argument: "excluding")
            try validate(excluding.targets, argument: "excluding")
        }
        let candidateCount = dstIndex?.count ?? numNodes
        guard k >= 0 && k <= candidateCount else { throw .kOutOfRange(k: k, candidateCount: candidateCount) }
        let out = getEmbedding(graph: graph)
        let candidates: Matrix<Scalar>
        if let dstIndex {
            candidates = Matrix(rows: dstIndex.count, columns: embeddingDim)
            for (local, node) in dstIndex.enumerated() {
                candidates.setRow(local, toRow: node, of: out)
            }
        } else {
            candidates = out
        }
        let queryRows = srcIndex ?? Array(0..<numNodes)
        let masked = excluding.map { Self.excludedPositions(excluding: $0, queryRows: queryRows, dstIndex: dstIndex) }
        let scorer = InnerProductScorer(candidates: candidates)
        let top = scorer.topK(queries: out, queryRows: queryRows, k: k,
                              excluded: masked.map { rows in { ArraySlice(rows[$0]) } })
        return top.map { row in row.map { dstIndex?[$0.index] ?? $0.index } }
    }

    /// For each query row, the candidate positions whose (source, destination) pair is excluded.
    @inlinable
    static func excludedPositions(excluding: EdgeIndex, queryRows: [Int], dstIndex: [Int]?) -> [[Int32]] {
        var positionsOfNode: [Int: [Int32]] = [:]
        if let dstIndex {
            for (local, node) in dstIndex.enumerated() { positionsOfNode[node, default: []].append(Int32(local)) }
        }
        var excludedOfSource: [Int: [Int]] = [:]
        for e in 0..<excluding.count { excludedOfSource[excluding.sources[e], default: []].append(excluding.targets[e]) }
        return queryRows.map { source in
            guard let targets = excludedOfSource[source] else { return [] }
            if dstIndex == nil { return targets.map { Int32($0) } }
            return targets.flatMap { positionsOfNode[$0] ?? [] }
        }
    }

    @inlinable
    func validate(_ nodes: [Int]?, argument: String) throws(LightGCNError) {
        guard let nodes else { return }
        for node in nodes where node < 0 || node >= numNodes {
            throw .nodeOutOfRange(node: node, numNodes: numNodes, argument: argument)
        }
    }
}
