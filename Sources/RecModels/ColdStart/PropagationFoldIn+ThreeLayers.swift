import RecKernels

extension PropagationFoldIn {
    /// The exact layers for `L = 3` when no two neighbours of the new node are adjacent (always
    /// so on a bipartite graph), in vector work over the two-hop paths from `S`. With
    /// `M = Â²` restricted to `S × S`, `M[i,k] = Σ_v Â[i,v]·Â[v,k]`:
    ///
    ///     x̃¹_i = c_i x¹_i + b_i e_*,        x̃²_i = c_i (x²_i + Σ_k M[i,k] (c_k − 1) x⁰_k) + b_i x̃¹_*
    ///     x̃¹_* = Σ b_i x⁰_i,   x̃²_* = Σ b_i x̃¹_i,   x̃³_* = Σ b_i x̃²_i
    ///
    /// The correction `Σ_k M[i,k] (c_k − 1) x⁰_k` is computed through the middle nodes,
    /// `z_v = Σ_{k∈S} Â[v,k] (c_k − 1) x⁰_k`, then `Σ_v Â[i,v] z_v`: O(Σ_{i∈S} d_i · D), never
    /// O(|S|² · D), so users with many items stay fast.
    ///
    /// Returns false (doing nothing) when two neighbours are adjacent.
    func exactThreeLayers(_ s: [Int], b: [Scalar], into result: inout [[Scalar]]) -> Bool {
        let d = dimension
        let m = transposedAdjacency
        // slot[v]: k ≥ 0 for the k-th neighbour, −2 − g for the g-th middle node, −1 otherwise.
        var slot = [Int32](repeating: -1, count: nodeCount)
        for (k, w) in s.enumerated() { slot[w] = Int32(k) }
        var middleCount = 0
        for w in s {
            for p in m.rowOffsets[w]..<m.rowOffsets[w + 1] {
                let v = Int(m.columnIndices[p])
                if slot[v] >= 0 { return false }
                if slot[v] == -1 { slot[v] = Int32(-2 - middleCount); middleCount += 1 }
            }
        }
        let c = s.map { w in Scalar.squareRoot(Scalar(degree[w]) / Scalar(degree[w] + 1)) }
        let z = Matrix<Scalar>(rows: middleCount, columns: d)
        for (k, w) in s.enumerated() where c[k] != 1 {
            for p in m.rowOffsets[w]..<m.rowOffsets[w + 1] {
                let g = Int(-2 - slot[Int(m.columnIndices[p])])
                z.addRow(g, scaled: m.values[p] * (c[k] - 1), of: layers[0], row: w)
            }
        }
        let e = result[0]
        var star1 = [Scalar](repeating: 0, count: d), star2 = star1, star3 = star1, correction = star1
        for (k, w) in s.enumerated() {
            let x0 = layers[0], x1 = layers[1]
            for col in 0..<d {
                star1[col] += b[k] * x0[w, col]
                star2[col] += b[k] * (c[k] * x1[w, col] + b[k] * e[col])
            }
        }
        for (i, w) in s.enumerated() {
            for col in 0..<d { correction[col] = 0 }
            for p in m.rowOffsets[w]..<m.rowOffsets[w + 1] {
                let g = Int(-2 - slot[Int(m.columnIndices[p])])
                z.addRow(g, scaled: m.values[p], into: &correction)
            }
            let x2 = layers[2]
            for col in 0..<d { star3[col] += b[i] * (c[i] * (x2[w, col] + correction[col]) + b[i] * star1[col]) }
        }
        result[1] = star1
        result[2] = star2
        result[3] = star3
        return true
    }
}
