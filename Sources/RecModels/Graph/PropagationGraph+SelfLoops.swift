import RecKernels

extension PropagationGraph {
    /// The user–item graph with self loops and the renormalisation of Kipf & Welling, the
    /// propagation operator of LR-GCCF (Chen et al., AAAI 2020):
    ///
    ///     Ã = (D + I)^{-1/2} (A + I) (D + I)^{-1/2}
    ///     Ã[u, U+i] = Ã[U+i, u] = 1/√((d_u + 1)(d_i + 1))   for every interaction (u, i)
    ///     Ã[v, v]   = 1/(d_v + 1)                            for every node v
    ///
    /// where `A` is the bipartite adjacency of the interactions (users are nodes `0..<U`, items
    /// `U..<U+I`) and `d_v` the degree of node `v`. Unlike LightGCN's Â, every node keeps a share of
    /// its own embedding, and a node without interactions keeps all of it (`Ã[v, v] = 1`).
    /// Build it from the *training* interactions only.
    ///
    /// - Parameters:
    ///   - itemsOfUser: row `u` lists the items of user `u` (at most `userCount` rows; missing
    ///     rows are users without interactions). Repeated items count as repeated edges.
    /// - Complexity: O(nnz + U + I); the matrix is symmetric and is its own transpose (shared storage).
    public static func selfLoopBipartite(userCount: Int, itemCount: Int, itemsOfUser: IndexRows) -> PropagationGraph {
        precondition(userCount >= 0 && itemCount >= 0, "PropagationGraph: negative user or item count")
        precondition(itemsOfUser.rowCount <= userCount,
                     "PropagationGraph: \(itemsOfUser.rowCount) rows of items for \(userCount) users")
        let n = userCount + itemCount
        // Row lengths: degree + 1 (the self loop).
        var degree = [Int](repeating: 0, count: n)
        for u in 0..<itemsOfUser.rowCount { degree[u] = itemsOfUser.count(ofRow: u) }
        for item in itemsOfUser.indices {
            let i = Int(item)
            precondition(i >= 0 && i < itemCount, "PropagationGraph: item \(i) is outside 0..<\(itemCount)")
            degree[userCount + i] += 1
        }
        var offsets = [Int](repeating: 0, count: n + 1)
        for v in 0..<n { offsets[v + 1] = offsets[v] + degree[v] + 1 }
        let scale = degree.map { 1 / Scalar.squareRoot(Scalar($0 + 1)) }
        let entries = offsets[n]
        var columns = [Int32](repeating: 0, count: entries)
        var values = [Scalar](repeating: 0, count: entries)
        // Columns stay sorted: a user's self loop (column u) precedes its items (columns ≥ U);
        // an item's users (columns < U) are filled in increasing order and its self loop comes last.
        var next = Array(offsets[userCount..<n])
        for u in 0..<userCount {
            var p = offsets[u]
            columns[p] = Int32(u)
            values[p] = scale[u] * scale[u]
            p += 1
            guard u < itemsOfUser.rowCount else { continue }
            for q in itemsOfUser.offsets[u]..<itemsOfUser.offsets[u + 1] {
                let i = Int(itemsOfUser.indices[q])
                let w = scale[u] * scale[userCount + i]
                columns[p] = Int32(userCount + i)
                values[p] = w
                p += 1
                columns[next[i]] = Int32(u)
                values[next[i]] = w
                next[i] += 1
            }
        }
        for i in 0..<itemCount {
            let v = userCount + i
            columns[next[i]] = Int32(v)
            values[next[i]] = scale[v] * scale[v]
        }
        let adjacency = SparseMatrix(rows: n, columns: n, rowOffsets: offsets, columnIndices: columns, values: values)
        return PropagationGraph(symmetricAdjacency: adjacency)
    }

    /// A graph whose operator is known to be symmetric: Âᵀ shares Â's storage.
    init(symmetricAdjacency adjacency: SparseMatrix<Scalar>) {
        nodeCount = adjacency.rows
        self.adjacency = adjacency
        transposedAdjacency = adjacency
        isSymmetric = true
    }
}
