extension Matrix where Scalar == Float {
    /// For each query `q`, the position `c ∈ 0..<m` of its highest-scoring candidate:
    ///
    ///     best(q) = argmax_c ⟨self[queryRows[q]], self[candidateRowOffset + candidates[q·m + c]]⟩
    ///
    /// the first of equal scores; a NaN score never wins, and position 0 is returned when no score
    /// beats −∞. Each score is the same sum as ``laneDot(_:_:_:)`` (16-lane partial sums added
    /// lane by lane, then the tail), so the choice is the one a loop over `laneDot` makes.
    ///
    /// Dynamic negative sampling scores a batch's 64 candidates per triple this way: the rows
    /// are random reads, so the kernel computes all of a query's products before adding any
    /// lanes or comparing (the row loads do not wait on each other), then picks the best,
    /// instead of one dot product, one call and one unpredictable branch per candidate. Parallel
    /// over queries.
    ///
    /// - Precondition: `candidates.count == queryRows.count · m`, `m ≥ 1`, and every row named lies
    ///   inside the matrix.
    @inlinable
    public func firstBestCandidates(queryRows: [Int32], candidates: [Int32], perQuery m: Int,
                                    candidateRowOffset: Int) -> [Int32] {
        precondition(m >= 1 && candidates.count == queryRows.count * m,
                     "firstBestCandidates: \(candidates.count) candidates for \(queryRows.count) queries of \(m)")
        let count = queryRows.count
        guard count > 0 else { return [] }
        let d = columns, rowCount = rows, table = UnsafePointer(storage)
        return [Int32](unsafeUninitializedCapacity: count) { result, initialized in
            let out = result.baseAddress!
            queryRows.withUnsafeBufferPointer { queries in
                candidates.withUnsafeBufferPointer { items in
                    let parts = count < 64 ? 1 : min(defaultParallelChunks, count)
                    parallelFor(parts) { part in
                        let partials = UnsafeMutablePointer<SIMD16<Float>>.allocate(capacity: m)
                        defer { partials.deallocate() }
                        withUnsafeTemporaryAllocation(of: Float.self, capacity: m) { scores in
                            for q in (count * part / parts)..<(count * (part + 1) / parts) {
                                let u = Int(queries[q])
                                precondition(u >= 0 && u < rowCount, "firstBestCandidates: query row \(u) outside the matrix")
                                let rowsOfQuery = UnsafeBufferPointer(rebasing: items[(q * m)..<((q + 1) * m)])
                                for j in rowsOfQuery {
                                    let r = candidateRowOffset + Int(j)
                                    precondition(r >= 0 && r < rowCount, "firstBestCandidates: candidate row \(r) outside the matrix")
                                }
                                Self.scoreCandidates(table + u * d, rowsOfQuery, offset: candidateRowOffset,
                                                     table: table, d: d, partials: partials, into: scores.baseAddress!)
                                var best = -Float.infinity, choice = 0
                                for c in 0..<m where scores[c] > best { best = scores[c]; choice = c }
                                (out + q).initialize(to: Int32(truncatingIfNeeded: choice))
                            }
                        }
                    }
                }
            }
            initialized = count
        }
    }

    /// `scores[c] = LaneArithmetic.dot(query, table[offset + rows[c]], d)` for every candidate.
    /// For rows 64 wide, every candidate's 16-lane partial sums are computed first (all row loads
    /// independent of each other) into `partials`, then summed lane by lane.
    @inlinable @inline(__always)
    static func scoreCandidates(_ query: UnsafePointer<Float>, _ rows: UnsafeBufferPointer<Int32>, offset: Int,
                                table: UnsafePointer<Float>, d: Int, partials: UnsafeMutablePointer<SIMD16<Float>>,
                                into scores: UnsafeMutablePointer<Float>) {
        let m = rows.count
        guard d == 64 else {
            for c in 0..<m { scores[c] = LaneArithmetic.dot(query, table + (offset + Int(rows[c])) * d, d) }
            return
        }
        let rq = UnsafeRawPointer(query)
        let q0 = rq.loadUnaligned(fromByteOffset: 0, as: SIMD16<Float>.self)
        let q1 = rq.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self)
        let q2 = rq.loadUnaligned(fromByteOffset: 128, as: SIMD16<Float>.self)
        let q3 = rq.loadUnaligned(fromByteOffset: 192, as: SIMD16<Float>.self)
        for c in 0..<m {
            // The operations of `LaneArithmetic.dot` for d = 64: four fused steps from zero.
            let row = UnsafeRawPointer(table + (offset + Int(rows[c])) * 64)
            var acc = SIMD16<Float>()
            acc.accumulate(q0, row.loadUnaligned(fromByteOffset: 0, as: SIMD16<Float>.self))
            acc.accumulate(q1, row.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self))
            acc.accumulate(q2, row.loadUnaligned(fromByteOffset: 128, as: SIMD16<Float>.self))
            acc.accumulate(q3, row.loadUnaligned(fromByteOffset: 192, as: SIMD16<Float>.self))
            partials[c] = acc
        }
        laneSums(partials, count: m, into: scores)
    }

    /// `scores[c] = partials[c].sum()`: the standard library's lane sum (from −0, lane after lane,
    /// as in `LaneArithmetic.dot`). Not inlined on purpose: inlined, the compiler rewrites the
    /// products above as scalar or 4-lane code, several times slower.
    @usableFromInline @inline(never)
    static func laneSums(_ partials: UnsafeMutablePointer<SIMD16<Float>>, count: Int, into scores: UnsafeMutablePointer<Float>) {
        for c in 0..<count { scores[c] = partials[c].sum() }
    }
}
