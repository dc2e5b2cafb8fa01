extension Matrix where Scalar == Float {
    /// `self[r, :] = Σ_{i ∈ rows} source[i, :]`: the row is zeroed, then the source rows are
    /// added in the order given, 16 lanes at a time (element by element, so the same numbers as
    /// the scalar loop). EASE's scores `x_u·B`, GF-CF's low-pass coordinates.
    @inlinable
    public func setRow(_ r: Int, toSumOfRows rows: ArraySlice<Int32>, of source: Matrix<Float>) {
        precondition(source.columns == columns && r >= 0 && r < self.rows, "setRow: row \(r) or shape outside the matrices")
        let target = storage + r * columns
        target.update(repeating: 0, count: columns)
        for i in rows {
            precondition(i >= 0 && Int(i) < source.rows, "setRow: source row \(i) outside 0..<\(source.rows)")
            LaneArithmetic.add(source.row(Int(i)), into: target, count: columns)
        }
    }

    /// `self[r, :] = Σ_{i ∈ rows} source[i, :]` for a sparse `source`: the row is zeroed, then the
    /// non-zeros of each source row are added in storage order (ItemKNN's summed similarities).
    public func setRow(_ r: Int, toSumOfRows rows: ArraySlice<Int32>, of source: SparseMatrix<Float>) {
        precondition(source.columns == columns && r >= 0 && r < self.rows, "setRow: row \(r) or shape outside the matrices")
        let target = storage + r * columns
        target.update(repeating: 0, count: columns)
        source.rowOffsets.withUnsafeBufferPointer { offsets in
            source.columnIndices.withUnsafeBufferPointer { indices in
                source.values.withUnsafeBufferPointer { values in
                    for i in rows {
                        for p in offsets[Int(i)]..<offsets[Int(i) + 1] { target[Int(indices[p])] += values[p] }
                    }
                }
            }
        }
    }

    /// `self[i, j] *= scale[j]` for every entry (rows in parallel): `G·diag(scale)`.
    public func scaleColumns(by scale: [Float]) {
        precondition(scale.count == columns, "scaleColumns: \(scale.count) factors for \(columns) columns")
        let n = rows, m = columns
        guard n > 0 else { return }
        scale.withUnsafeBufferPointer { s in
            let chunks = min(n, defaultParallelChunks)
            parallelFor(chunks) { chunk in
                var i = chunk
                while i < n {
                    let row = storage + i * m
                    for j in 0..<m { row[j] *= s[j] }
                    i += chunks
                }
            }
        }
    }
}

extension SparseMatrix where Scalar == Float {
    /// For every `r` in `0..<count`, with the indicator row `x_r` of `lists(r)`:
    ///
    ///     block[r, :] += (x_r · transposed) · self   =   Σ_v t_v · self[v, :],   t = Σ_{i ∈ lists(r)} transposed[i, :]
    ///
    /// where `transposed` is `selfᵀ` (GF-CF's linear filter `x_r·R̃ᵀ·R̃`). `t` is accumulated
    /// sparsely (only the reached `v`, in the order first reached), rows run in parallel.
    public func addTwoHop(lists: (Int) -> ArraySlice<Int32>, count: Int, transposed: SparseMatrix<Float>,
                          into block: Matrix<Float>) {
        precondition(transposed.rows == columns && transposed.columns == rows && block.columns == columns && block.rows >= count,
                     "addTwoHop: shapes do not match")
        let n = columns, u = rows
        let chunks = min(count, defaultParallelChunks)
        guard chunks > 0 else { return }
        rowOffsets.withUnsafeBufferPointer { rOff in
            columnIndices.withUnsafeBufferPointer { rCol in
                values.withUnsafeBufferPointer { rVal in
                    transposed.rowOffsets.withUnsafeBufferPointer { tOff in
                        transposed.columnIndices.withUnsafeBufferPointer { tCol in
                            transposed.values.withUnsafeBufferPointer { tVal in
                                parallelFor(chunks) { chunk in
                                    let walk = UnsafeMutablePointer<Float>.allocate(capacity: max(u, 1))
                                    walk.initialize(repeating: 0, count: u)
                                    defer { walk.deallocate() }
                                    var reached: [Int32] = []
                                    var r = chunk
                                    while r < count {
                                        let row = block.storage + r * n
                                        for item in lists(r) {
                                            for p in tOff[Int(item)]..<tOff[Int(item) + 1] {
                                                let v = Int(tCol[p])
                                                if walk[v] == 0 { reached.append(tCol[p]) }
                                                walk[v] += tVal[p]
                                            }
                                        }
                                        for v in reached {
                                            let weight = walk[Int(v)]
                                            walk[Int(v)] = 0
                                            for p in rOff[Int(v)]..<rOff[Int(v) + 1] { row[Int(rCol[p])] += weight * rVal[p] }
                                        }
                                        reached.removeAll(keepingCapacity: true)
                                        r += chunks
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
