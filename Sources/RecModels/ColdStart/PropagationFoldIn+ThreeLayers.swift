import RecKernels

extension PropagationFoldIn {
    /// The exact layers for `L = 3` when no two neighbours of the new node are adjacent (always
    /// so on a bipartite graph), in scalar work over the two-hop paths plus vector work over
    /// `S` only. With `M = Â²` restricted to `S × S`, `M[i,k] = Σ_v Â[i,v]·Â[v,k]`:
    ///
    ///     x̃¹_i = c_i x¹_i + b_i e_*,        x̃²_i = c_i (x²_i + Σ_k M[i,k] (c_k − 1) x⁰_k) + b_i x̃¹_*
    ///     x̃¹_* = Σ b_i x⁰_i,   x̃²_* = Σ b_i x̃¹_i,   x̃³_* = Σ b_i x̃²_i
    ///
    /// Returns false (doing nothing) when two neighbours are adjacent.
    func exactThreeLayers(_ s: [Int], b: [Scalar], into result: inout [[Scalar]]) -> Bool {
        let d = dimension, n = s.count
        var slot = [Int32](repeating: -1, count: nodeCount)
        for (k, w) in s.enumerated() { slot[w] = Int32(k) }
        // Group the two-hop paths i – v – k by their middle node v.
        var groupOf = [Int32](repeating: -1, count: nodeCount)
        var groupStart: [Int] = [0], middles: [Int] = [], counts: [Int] = []
        let m = transposedAdjacency
        for w in s {
            for p in m.rowOffsets[w]..<m.rowOffsets[w + 1] {
                let v = Int(m.columnIndices[p])
                if slot[v] >= 0 { return false }
                if groupOf[v] < 0 { groupOf[v] = Int32(middles.count); middles.append(v); counts.append(0) }
                counts[Int(groupOf[v])] += 1
            }
        }
        for c in counts { groupStart.append(groupStart[groupStart.count - 1] + c) }
        var members = [(k: Int32, weight: Scalar)](repeating: (0, 0), count: groupStart[groupStart.count - 1])
        var next = Array(groupStart.dropLast())
        for (k, w) in s.enumerated() {
            for p in m.rowOffsets[w]..<m.rowOffsets[w + 1] {
                let g = Int(groupOf[Int(m.columnIndices[p])])
                members[next[g]] = (Int32(k), m.values[p])
                next[g] += 1
            }
        }
        var pairs = [Scalar](repeating: 0, count: n * n)
        for g in 0..<middles.count {
            let lo = groupStart[g], hi = groupStart[g + 1]
            for p in lo..<hi {
                let (i, a) = members[p]
                for q in lo..<hi { pairs[Int(i) * n + Int(members[q].k)] += a * members[q].weight }
            }
        }
        let c = s.map { w in Scalar.squareRoot(Scalar(degree[w]) / Scalar(degree[w] + 1)) }
        let e = result[0]
        var star1 = [Scalar](repeating: 0, count: d), star2 = star1, star3 = star1, correction = star1
        for (k, w) in s.enumerated() {
            let x0 = layers[0].row(w), x1 = layers[1].row(w)
            for col in 0..<d {
                star1[col] += b[k] * x0[col]
                star2[col] += b[k] * (c[k] * x1[col] + b[k] * e[col])
            }
        }
        for (i, w) in s.enumerated() {
            for col in 0..<d { correction[col] = 0 }
            for k in 0..<n {
                let weight = pairs[i * n + k] * (c[k] - 1)
                if weight == 0 { continue }
                let x0 = layers[0].row(s[k])
                for col in 0..<d { correction[col] += weight * x0[col] }
            }
            let x2 = layers[2].row(w)
            for col in 0..<d { star3[col] += b[i] * (c[i] * (x2[col] + correction[col]) + b[i] * star1[col]) }
        }
        result[1] = star1
        result[2] = star2
        result[3] = star3
        return true
    }
}
