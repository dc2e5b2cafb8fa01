/// Co-occurrence counts of a set of index lists: `G[a][b] = #{lists containing both a and b}`,
/// i.e. `XᵀX` for the binary matrix `X` whose rows are the lists. Written into the lower
/// triangle (`b ≤ a`) of a dense `Float` matrix (counts below 2²⁴ are exact).
public enum CooccurrenceGram {
    /// Adds the counts of `lists` (each sorted ascending, entries in `0..<dimension`) to the lower
    /// triangle of `gram`, in parallel over row ranges of equal area.
    ///
    /// - Complexity: `Σ_lists |list|²/2` additions plus `O(lists · log)` per worker.
    public static func accumulateLower(lists: IndexRows, map: [Int32]? = nil, into gram: Matrix<Float>) {
        let n = gram.rows
        precondition(gram.columns == n, "square Gram matrix")
        let ranges = balancedRanges(count: n, chunks: 4 * defaultParallelChunks) { $0 * $0 }
        // Mapped indices stay sorted: `map` is increasing where defined.
        let flat: [Int32] = map.map { m in lists.indices.map { m[Int($0)] } } ?? lists.indices
        lists.offsets.withUnsafeBufferPointer { offsets in
            flat.withUnsafeBufferPointer { mapped in
                parallelFor(ranges.count) { c in
                    let rows = ranges[c]
                    let lo32 = Int32(rows.lowerBound), hi32 = Int32(rows.upperBound)
                    for list in 0..<(offsets.count - 1) {
                        let start = offsets[list], end = offsets[list + 1]
                        if start == end || mapped[end - 1] < lo32 || mapped[start] >= hi32 { continue }
                        // First entry ≥ rows.lowerBound.
                        var lo = start, hi = end
                        while lo < hi {
                            let mid = (lo + hi) >> 1
                            if mapped[mid] < lo32 { lo = mid + 1 } else { hi = mid }
                        }
                        var p = lo
                        while p < end && mapped[p] < hi32 {
                            let row = gram.row(Int(mapped[p]))
                            for q in start...p { row[Int(mapped[q])] += 1 }
                            p += 1
                        }
                    }
                }
            }
        }
    }
}
