extension Matrix {
    /// For each occurrence `k` of a row in `occurrences`, in list order,
    ///
    ///     self[r] += a · source[r],   squares[k] = Σ_c source[r, c]²   (r = occurrences[k])
    ///
    /// and returns `squares`: the gradient and the value of an L2 penalty counted once per
    /// occurrence (a row listed twice gets `a · source[r]` added twice). The same numbers as
    /// ``addRowReturningSquares(_:scaled:of:row:)`` called for each occurrence in order.
    ///
    /// Parallel without changing a sum: the occurrences are dealt into buckets by row (`r mod
    /// parts`, order kept inside a bucket), so each row's additions happen on one worker in list
    /// order, and each occurrence's squared norm is its own value for the caller to add up.
    ///
    /// - Precondition: `source` has `self`'s shape; every listed row lies inside it.
    @inlinable
    public func addRowsReturningSquares(_ occurrences: [Int32], scaled a: Scalar, of source: Matrix<Scalar>) -> [Scalar] {
        precondition(source.rows == rows && source.columns == columns, "addRowsReturningSquares: shape mismatch")
        let n = occurrences.count
        guard n > 0 else { return [] }
        let parts = n < 2048 ? 1 : 8
        // Bucket k of the occurrences: positions[starts[k]..<starts[k + 1]], in list order.
        var starts = [Int](repeating: 0, count: parts + 1)
        for r in occurrences {
            precondition(r >= 0 && Int(r) < rows, "addRowsReturningSquares: row \(r) outside the matrix")
            starts[Int(r) % parts + 1] += 1
        }
        for k in 0..<parts { starts[k + 1] += starts[k] }
        var fill = starts
        var positions = [Int32](repeating: 0, count: n)
        for (k, r) in occurrences.enumerated() {
            let bucket = Int(r) % parts
            positions[fill[bucket]] = Int32(truncatingIfNeeded: k)
            fill[bucket] += 1
        }
        let d = columns, target = storage, values = UnsafePointer(source.storage)
        return [Scalar](unsafeUninitializedCapacity: n) { squares, initialized in
            let out = squares.baseAddress!
            occurrences.withUnsafeBufferPointer { list in
                positions.withUnsafeBufferPointer { order in
                    starts.withUnsafeBufferPointer { bounds in
                        parallelFor(parts) { part in
                            for p in bounds[part]..<bounds[part + 1] {
                                let k = Int(order[p]), r = Int(list[k])
                                let x = values + r * d, y = target + r * d
                                var sum: Scalar = 0
                                for c in 0..<d { sum += x[c] * x[c]; y[c] += a * x[c] }
                                (out + k).initialize(to: sum)
                            }
                        }
                    }
                }
            }
            initialized = n
        }
    }
}
