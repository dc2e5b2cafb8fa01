/// Scores query vectors against every row of a fixed candidate matrix (`S = Q · Cᵀ`) and
/// keeps the top K of each query row, optionally masking given candidates to −∞ first.
///
/// The candidates are packed in panels of 32: panel p holds candidates 32p…32p+31 as `dim` rows
/// of 32 contiguous values, so the micro-kernel streams each panel linearly while holding an
/// 8 × 32 tile of scores in registers (with 512-bit vectors; a 4 × 16 quarter at a time
/// otherwise). Queries are processed in tiles of 8 rows, in parallel.
public struct InnerProductScorer<Scalar: KernelScalar>: @unchecked Sendable {
    /// Number of candidates (rows of the candidate matrix).
    public let candidateCount: Int
    /// Embedding dimension.
    public let dimension: Int
    @usableFromInline let paddedCount: Int
    /// `paddedCount / 32` panels of `dim × 32` values; element (candidate i, dimension c) sits at
    /// `(i / 32) · 32·dim + c · 32 + i % 32`.
    @usableFromInline let panels: Matrix<Scalar>

    /// Prepares `candidates` (`count × dim`) for scoring.
    public init(candidates: Matrix<Scalar>) {
        candidateCount = candidates.rows
        dimension = candidates.columns
        paddedCount = max(32, (candidates.rows + 31) / 32 * 32)
        panels = Matrix(rows: paddedCount / 32, columns: 32 * candidates.columns)
        let d = candidates.columns
        for i in 0..<candidates.rows {
            let panel = panels.row(i / 32)
            for c in 0..<d { panel[c * 32 + i % 32] = candidates[i, c] }
        }
    }

    /// Scores of a tile of 8 packed queries against the candidates `columns` (a range of
    /// multiples of 32 within `0..<paddedCount`), written to `out` with row stride `rowStride`
    /// (score of query `r` and candidate `j` at `out[r · rowStride + j − columns.lowerBound]`;
    /// padding columns hold 0). `packed[c · 8 + r]` is dimension `c` of query `r` (unused rows
    /// may hold anything; their scores are scratch).
    ///
    /// Every score sums its products in dimension order `c = 0, 1, …, D−1` whichever path
    /// computes it, so a query's scores do not depend on the tile it is scored in.
    ///
    /// The tile's shape follows the registers the build targets. With 512-bit vectors
    /// (`KERNEL_WIDE_VECTORS`: 32 of them, one per 16 lanes) the whole 8 × 32 tile is held at
    /// once (``scoreTileWide(packed:columns:into:rowStride:)``). Otherwise (AVX2 and NEON, where
    /// a 16-lane accumulator takes two or four registers) four 4 × 16 quarters are scored one
    /// after the other (``scoreTileNarrow(packed:columns:into:rowStride:)``). Both give the same
    /// numbers.
    @inlinable
    func scoreTile(packed: UnsafePointer<Scalar>, columns: Range<Int>, into out: UnsafeMutablePointer<Scalar>,
                   rowStride: Int) {
        #if KERNEL_WIDE_VECTORS
        scoreTileWide(packed: packed, columns: columns, into: out, rowStride: rowStride)
        #else
        scoreTileNarrow(packed: packed, columns: columns, into: out, rowStride: rowStride)
        #endif
    }

    /// Checks that `columns` are whole panels within `0..<paddedCount`, then calls
    /// `body(panel, column)` for each of their panels in order: `panel` points at its `d × 32`
    /// values, `column` is its first candidate's offset from `columns.lowerBound`. The loop the
    /// tile kernels share.
    @inlinable @inline(__always)
    func forEachPanel(in columns: Range<Int>, _ body: (UnsafeRawPointer, Int) -> Void) {
        precondition(columns.lowerBound % 32 == 0 && columns.upperBound % 32 == 0 && columns.upperBound <= paddedCount,
                     "InnerProductScorer: columns must be whole panels")
        let panelBytes = 32 &* dimension &* MemoryLayout<Scalar>.stride
        // Panel p (candidates 32p ..< 32p + 32) starts at element 32p · d.
        var panel = UnsafeRawPointer(panels.storage) + (columns.lowerBound / 32) &* panelBytes
        var column = 0
        while column < columns.count {
            body(panel, column)
            panel += panelBytes
            column += 32
        }
    }

    /// ``scoreTile(packed:columns:into:rowStride:)`` with the whole 8 × 32 tile in sixteen
    /// 16-lane accumulators, for 512-bit vector registers: each step of `c` is two vector loads
    /// of the candidates' panel, eight broadcasts from one packed pointer and sixteen fused
    /// multiply-adds.
    @inlinable
    func scoreTileWide(packed: UnsafePointer<Scalar>, columns: Range<Int>, into out: UnsafeMutablePointer<Scalar>,
                       rowStride: Int) {
        let d = dimension, stride = MemoryLayout<Scalar>.stride, panelStep = 32 &* stride
        let rawOut = UnsafeMutableRawPointer(out)
        forEachPanel(in: columns) { panel, column in
            var a0 = SIMD16<Scalar>(), b0 = SIMD16<Scalar>(), a1 = SIMD16<Scalar>(), b1 = SIMD16<Scalar>()
            var a2 = SIMD16<Scalar>(), b2 = SIMD16<Scalar>(), a3 = SIMD16<Scalar>(), b3 = SIMD16<Scalar>()
            var a4 = SIMD16<Scalar>(), b4 = SIMD16<Scalar>(), a5 = SIMD16<Scalar>(), b5 = SIMD16<Scalar>()
            var a6 = SIMD16<Scalar>(), b6 = SIMD16<Scalar>(), a7 = SIMD16<Scalar>(), b7 = SIMD16<Scalar>()
            var pa = packed
            var pb = panel
            for _ in 0..<d {
                let x = pb.loadUnaligned(as: SIMD16<Scalar>.self)
                let y = pb.loadUnaligned(fromByteOffset: 16 &* stride, as: SIMD16<Scalar>.self)
                a0.accumulate(x, pa[0]); b0.accumulate(y, pa[0])
                a1.accumulate(x, pa[1]); b1.accumulate(y, pa[1])
                a2.accumulate(x, pa[2]); b2.accumulate(y, pa[2])
                a3.accumulate(x, pa[3]); b3.accumulate(y, pa[3])
                a4.accumulate(x, pa[4]); b4.accumulate(y, pa[4])
                a5.accumulate(x, pa[5]); b5.accumulate(y, pa[5])
                a6.accumulate(x, pa[6]); b6.accumulate(y, pa[6])
                a7.accumulate(x, pa[7]); b7.accumulate(y, pa[7])
                pa += 8
                pb += panelStep
            }
            @inline(__always) func put(_ r: Int, _ a: SIMD16<Scalar>, _ b: SIMD16<Scalar>) {
                let o = (r &* rowStride &+ column) &* stride
                rawOut.storeBytes(of: a, toByteOffset: o, as: SIMD16<Scalar>.self)
                rawOut.storeBytes(of: b, toByteOffset: o &+ 16 &* stride, as: SIMD16<Scalar>.self)
            }
            put(0, a0, b0); put(1, a1, b1); put(2, a2, b2); put(3, a3, b3)
            put(4, a4, b4); put(5, a5, b5); put(6, a6, b6); put(7, a7, b7)
        }
    }

    /// ``scoreTile(packed:columns:into:rowStride:)`` a 4 × 16 quarter of the tile at a time
    /// (four 16-lane accumulators, one loaded vector and four broadcasts a step): for 256-bit
    /// (AVX2) and 128-bit (NEON) registers, which the 8 × 32 tile would overflow. The panel is read
    /// four times and stays in L1; each score sums in dimension order, as in the wide tile.
    @inlinable
    func scoreTileNarrow(packed: UnsafePointer<Scalar>, columns: Range<Int>, into out: UnsafeMutablePointer<Scalar>,
                         rowStride: Int) {
        let d = dimension, stride = MemoryLayout<Scalar>.stride, panelStep = 32 &* stride
        let rawOut = UnsafeMutableRawPointer(out)
        forEachPanel(in: columns) { panel, panelColumn in
            for half in 0..<2 {
                for quad in 0..<2 {
                    var a0 = SIMD16<Scalar>(), a1 = SIMD16<Scalar>(), a2 = SIMD16<Scalar>(), a3 = SIMD16<Scalar>()
                    var pa = packed + quad &* 4
                    var pb = panel + half &* 16 &* stride
                    for _ in 0..<d {
                        let x = pb.loadUnaligned(as: SIMD16<Scalar>.self)
                        a0.accumulate(x, pa[0]); a1.accumulate(x, pa[1])
                        a2.accumulate(x, pa[2]); a3.accumulate(x, pa[3])
                        pa += 8
                        pb += panelStep
                    }
                    let column = panelColumn &+ half &* 16, row = quad &* 4
                    @inline(__always) func put(_ r: Int, _ a: SIMD16<Scalar>) {
                        rawOut.storeBytes(of: a, toByteOffset: (r &* rowStride &+ column) &* stride, as: SIMD16<Scalar>.self)
                    }
                    put(row, a0); put(row &+ 1, a1); put(row &+ 2, a2); put(row &+ 3, a3)
                }
            }
        }
    }

    /// Packs up to 8 query rows as `packed[c · 8 + r]` (the layout of
    /// ``scoreTile(packed:columns:into:rowStride:)``); rows past the last are zero.
    @inlinable
    static func pack(_ rows: [UnsafePointer<Scalar>], dimension d: Int, into packed: UnsafeMutablePointer<Scalar>) {
        for r in 0..<8 {
            if r < rows.count {
                let q = rows[r]
                for c in 0..<d { packed[c &* 8 &+ r] = q[c] }
            } else {
                for c in 0..<d { packed[c &* 8 &+ r] = 0 }
            }
        }
    }

    /// Scores of one query against the candidates `columns` into `out` (one row starting at
    /// candidate `columns.lowerBound`): four panels at a time,
    /// so that eight independent accumulator chains hide the latency of the fused multiply-adds
    /// (one chain per 16 candidates, each summing in dimension order, as the 8-row kernel does).
    @inlinable
    func scoreOne(_ q: UnsafePointer<Scalar>, columns: Range<Int>, into out: UnsafeMutablePointer<Scalar>) {
        let d = dimension, n = columns.upperBound, j0 = columns.lowerBound
        let raw = UnsafeRawPointer(panels.storage)
        let rawOut = UnsafeMutableRawPointer(out)
        let stride = MemoryLayout<Scalar>.stride
        let panelBytes = 32 * d * stride
        var j = j0
        while j + 128 <= n {
            var a0 = SIMD16<Scalar>(), b0 = SIMD16<Scalar>(), a1 = SIMD16<Scalar>(), b1 = SIMD16<Scalar>()
            var a2 = SIMD16<Scalar>(), b2 = SIMD16<Scalar>(), a3 = SIMD16<Scalar>(), b3 = SIMD16<Scalar>()
            let base = j * d * stride
            for c in 0..<d {
                let off = base + c * 32 * stride, s = q[c]
                a0.accumulate(raw.loadUnaligned(fromByteOffset: off, as: SIMD16<Scalar>.self), s)
                b0.accumulate(raw.loadUnaligned(fromByteOffset: off + 16 * stride, as: SIMD16<Scalar>.self), s)
                a1.accumulate(raw.loadUnaligned(fromByteOffset: off + panelBytes, as: SIMD16<Scalar>.self), s)
                b1.accumulate(raw.loadUnaligned(fromByteOffset: off + panelBytes + 16 * stride, as: SIMD16<Scalar>.self), s)
                a2.accumulate(raw.loadUnaligned(fromByteOffset: off + 2 * panelBytes, as: SIMD16<Scalar>.self), s)
                b2.accumulate(raw.loadUnaligned(fromByteOffset: off + 2 * panelBytes + 16 * stride, as: SIMD16<Scalar>.self), s)
                a3.accumulate(raw.loadUnaligned(fromByteOffset: off + 3 * panelBytes, as: SIMD16<Scalar>.self), s)
                b3.accumulate(raw.loadUnaligned(fromByteOffset: off + 3 * panelBytes + 16 * stride, as: SIMD16<Scalar>.self), s)
            }
            let o = (j - j0) * stride
            rawOut.storeBytes(of: a0, toByteOffset: o, as: SIMD16<Scalar>.self)
            rawOut.storeBytes(of: b0, toByteOffset: o + 16 * stride, as: SIMD16<Scalar>.self)
            rawOut.storeBytes(of: a1, toByteOffset: o + 32 * stride, as: SIMD16<Scalar>.self)
            rawOut.storeBytes(of: b1, toByteOffset: o + 48 * stride, as: SIMD16<Scalar>.self)
            rawOut.storeBytes(of: a2, toByteOffset: o + 64 * stride, as: SIMD16<Scalar>.self)
            rawOut.storeBytes(of: b2, toByteOffset: o + 80 * stride, as: SIMD16<Scalar>.self)
            rawOut.storeBytes(of: a3, toByteOffset: o + 96 * stride, as: SIMD16<Scalar>.self)
            rawOut.storeBytes(of: b3, toByteOffset: o + 112 * stride, as: SIMD16<Scalar>.self)
            j += 128
        }
        while j < n {
            var a = SIMD16<Scalar>(), b = SIMD16<Scalar>()
            let base = j * d * stride
            for c in 0..<d {
                let off = base + c * 32 * stride
                a.accumulate(raw.loadUnaligned(fromByteOffset: off, as: SIMD16<Scalar>.self), q[c])
                b.accumulate(raw.loadUnaligned(fromByteOffset: off + 16 * stride, as: SIMD16<Scalar>.self), q[c])
            }
            rawOut.storeBytes(of: a, toByteOffset: (j - j0) * stride, as: SIMD16<Scalar>.self)
            rawOut.storeBytes(of: b, toByteOffset: (j - j0 + 16) * stride, as: SIMD16<Scalar>.self)
            j += 32
        }
    }

    /// The top `k` candidates for each of `queryRows` (rows of `queries`), best first.
    ///
    /// - Parameters:
    ///   - excluded: when given, `excluded(i)` lists the candidates to mask for the i-th entry of
    ///     `queryRows` (for example the items a user already has); they are never returned, and a
    ///     row with fewer than `k` other candidates returns fewer than `k`.
    /// - Returns: one array per query row of `(index, score)`, sorted by descending score, ties
    ///   towards the smaller index.
    @inlinable
    public func topK(
        queries: Matrix<Scalar>, queryRows: [Int], k: Int,
        excluded: ((Int) -> ArraySlice<Int32>)? = nil
    ) -> [[(index: Int, score: Scalar)]] {
        guard let excluded else { return topK(queries: queries, queryRows: queryRows, k: k, masks: { _ in .none }) }
        return topK(queries: queries, queryRows: queryRows, k: k, masks: { CandidateMask(excluded: [excluded($0)]) })
    }

    /// The top `k` eligible candidates for each of `queryRows` (rows of `queries`), best first:
    /// `masks(i)` says which candidates the i-th entry of `queryRows` may return (see
    /// ``CandidateMask``); ineligible scores are set to −∞ before selection, so a row holds exactly
    /// `k` entries when `k` candidates are eligible, and fewer only when fewer are. `masks` is
    /// called once per query row, on the calling thread.
    ///
    /// Queries are taken in groups of 64 (in parallel over groups), candidates in blocks of
    /// 1024: each block is scored for every query of the group while it is in cache, masked, and
    /// offered to the group's selectors, so no full row of scores is ever written out. Every
    /// score sums in dimension order whatever its tile, group or block, and blocks are offered in
    /// index order, so results do not depend on how the queries are grouped.
    ///
    /// - Returns: one array per query row of `(index, score)`, sorted by descending score, ties
    ///   towards the smaller index.
    /// - Complexity: O(⌈n/64⌉ · C · D) reads of the candidates from memory, O(n · C · D)
    ///   multiply-adds and O(n · C · log k) selection for n query rows and C candidates.
    @inlinable
    public func topK(
        queries: Matrix<Scalar>, queryRows: [Int], k: Int, masks: (Int) -> CandidateMask
    ) -> [[(index: Int, score: Scalar)]] {
        precondition(queries.columns == dimension, "query dimension \(queries.columns) ≠ \(dimension)")
        var results = [[(index: Int, score: Scalar)]](repeating: [], count: queryRows.count)
        if k <= 0 || queryRows.isEmpty { return results }
        let queryMasks = queryRows.indices.map { masks($0) }
        let n = paddedCount, count = candidateCount, width = min(Self.blockWidth, paddedCount), d = dimension
        let group = Self.queriesPerGroup
        let groups = (queryRows.count + group - 1) / group
        results.withUnsafeMutableBufferPointer { res in
            let chunks = min(groups, defaultParallelChunks * 4)
            parallelFor(chunks) { chunk in
                let buffer = UnsafeMutablePointer<Scalar>.allocate(capacity: 8 * width)
                let packed = UnsafeMutablePointer<Scalar>.allocate(capacity: group * d)
                defer { buffer.deallocate(); packed.deallocate() }
                var selectors = (0..<group).map { _ in TopKSelector<Scalar>(k: k) }
                var g = chunk
                while g < groups {
                    let q0 = g * group, q1 = min(queryRows.count, q0 + group)
                    // Tiles of 8 queries, packed (a tile of one query is scored by `scoreOne`).
                    let tiles = stride(from: q0, to: q1, by: 8).map { t0 -> (rows: Range<Int>, single: UnsafePointer<Scalar>) in
                        let rows = t0..<min(q1, t0 + 8)
                        let pointers = rows.map { UnsafePointer(queries.row(queryRows[$0])) }
                        Self.pack(pointers, dimension: d, into: packed + (t0 - q0) * d)
                        return (rows, pointers[0])
                    }
                    for i in 0..<(q1 - q0) { selectors[i].reset() }
                    // Each block of candidates is scored for every query of the group while it is
                    // in cache, and its scores are selected from while they are.
                    var j0 = 0
                    while j0 < n {
                        let j1 = min(n, j0 + width), valid = min(j1, count) - j0
                        for (rows, single) in tiles {
                            if rows.count == 1 {
                                scoreOne(single, columns: j0..<j1, into: buffer)
                            } else {
                                scoreTile(packed: packed + (rows.lowerBound - q0) * d, columns: j0..<j1, into: buffer,
                                          rowStride: width)
                            }
                            for i in rows where valid > 0 {
                                let row = buffer + (i - rows.lowerBound) * width
                                let mask = queryMasks[i]
                                if !mask.isEmpty { mask.apply(to: row, candidates: j0..<(j0 + valid)) }
                                selectors[i - q0].offer(row, count: valid, firstIndex: j0)
                            }
                        }
                        j0 = j1
                    }
                    for i in q0..<q1 { res[i] = selectors[i - q0].finish() }
                    g += chunks
                }
            }
        }
        return results
    }

    /// Candidates per block of ``topK(queries:queryRows:k:masks:)``: a block's panels (`64 ×
    /// 1024` floats, 256 KB at dimension 64) stay in the L2 cache while every query of a group
    /// is scored against them, and a tile's scores (`8 × 1024`, 32 KB) in L1 while they are
    /// selected from.
    @usableFromInline static var blockWidth: Int { 1024 }

    /// Queries that share each pass over the candidate blocks (eight tiles of 8).
    @usableFromInline static var queriesPerGroup: Int { 64 }

    /// All scores of one query vector (length `dimension`) against every candidate.
    public func scores(query: [Scalar]) -> [Scalar] {
        var out = [Scalar](repeating: 0, count: candidateCount)
        for i in 0..<candidateCount {
            var s: Scalar = 0
            let panel = panels.row(i / 32)
            for c in 0..<dimension { s += query[c] * panel[c * 32 + i % 32] }
            out[i] = s
        }
        return out
    }
}
