/// The `Xᵀ·K⁻¹·X` pass of EASE's user-Gram solver:
///
///     C = Xᵀ·K⁻¹·X,   B_ij = C_ij · w_j  with  w_j = 1 / (1 − C_jj),   B_jj = 0
///
/// `X` is sparse (users of each item), `K⁻¹` dense symmetric `U × U`. Items are processed in
/// blocks `J` of 16 (in parallel): `R_J = K⁻¹·X_J` is built by adding rows of `K⁻¹`
/// (`R_J[:, r] = Σ_{u ∈ users(j_r)} K⁻¹[u, :]`), transposed to `U × 16`, and then
/// `C[i, J] = Σ_{v ∈ users(i)} R_J[v, :]` is one 16-lane sum per item, stored into row `i` of `B`
/// (`C` is symmetric, so `C[i, J] = C[J, i]`).
public enum WoodburyItemWeights {
    public static func compute(kInverse: Matrix<Float>, usersOfItem: IndexRows, into b: Matrix<Float>) {
        let u = kInverse.rows, n = b.rows
        // w_j = 1 / (1 − C_jj), C_jj = Σ_{u,v ∈ users(j)} K⁻¹[u, v].
        var weight = [Float](repeating: 0, count: n)
        weight.withUnsafeMutableBufferPointer { out in
            let chunks = min(max(n, 1), defaultParallelChunks)
            parallelFor(chunks) { chunk in
                var j = chunk
                while j < n {
                    var s = 0.0
                    for a in usersOfItem.row(j) {
                        let row = kInverse.row(Int(a))
                        for c in usersOfItem.row(j) { s += Double(row[Int(c)]) }
                    }
                    out[j] = Float(1 / (1 - s))
                    j += chunks
                }
            }
        }
        let blocks = (n + 15) / 16
        usersOfItem.offsets.withUnsafeBufferPointer { offsets in
            usersOfItem.indices.withUnsafeBufferPointer { users in
                weight.withUnsafeBufferPointer { w in
                    let workers = min(blocks, 4 * defaultParallelChunks)
                    parallelFor(workers) { worker in
                        let rows = UnsafeMutablePointer<Float>.allocate(capacity: 16 * u)
                        let transposed = UnsafeMutableRawPointer.allocate(byteCount: 64 * u, alignment: 64)
                        defer { rows.deallocate(); transposed.deallocate() }
                        var blockIndex = worker
                        while blockIndex < blocks {
                            let j0 = blockIndex * 16, width = min(16, n - j0)
                            rows.update(repeating: 0, count: 16 * u)
                            for r in 0..<width {
                                let out = rows + r * u
                                for p in offsets[j0 + r]..<offsets[j0 + r + 1] {
                                    LaneArithmetic.add(kInverse.row(Int(users[p])), into: out, count: u)
                                }
                            }
                            for v in 0..<u {
                                var lane = SIMD16<Float>()
                                for r in 0..<16 { lane[r] = rows[r * u + v] }
                                transposed.storeBytes(of: lane, toByteOffset: v * 64, as: SIMD16<Float>.self)
                            }
                            var scale = SIMD16<Float>()
                            for r in 0..<width { scale[r] = w[j0 + r] }
                            for i in 0..<n {
                                var sum = SIMD16<Float>()
                                for p in offsets[i]..<offsets[i + 1] {
                                    sum += transposed.load(fromByteOffset: Int(users[p]) * 64, as: SIMD16<Float>.self)
                                }
                                sum *= scale
                                let out = b.row(i) + j0
                                if width == 16 {
                                    UnsafeMutableRawPointer(out).storeBytes(of: sum, as: SIMD16<Float>.self)
                                } else {
                                    for r in 0..<width { out[r] = sum[r] }
                                }
                                if i >= j0 && i < j0 + width { out[i - j0] = 0 }
                            }
                            blockIndex += workers
                        }
                    }
                }
            }
        }
    }
}
