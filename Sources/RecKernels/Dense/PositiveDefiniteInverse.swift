/// In-place inversion of a symmetric positive-definite `Float` matrix by the block sweep
/// operator (block Gauss–Jordan elimination that keeps the matrix symmetric).
///
/// Sweeping the current matrix `M` on a block `p` of ``blockSize`` indices, with `P = M_pp⁻¹`:
///
///     M_pp ← −P,    M_ip ← M_ip·P,    M_ij ← M_ij − M_ip·P·M_pj      (i, j ∉ p)
///
/// Sweeping every block once, in any order, turns `A` into `−A⁻¹` (Goodnight 1979); each pivot
/// `M_pp` is then a Schur complement of `A`, positive definite when `A` is. Only the lower
/// triangle is kept up to date: the rank-b update `M ← M − W·Vᵀ` (`V = M_{:,p}`, `W = V·P`) is a
/// lower-triangle ``DenseMultiply``, and the pivot blocks are inverted in `Double`.
///
/// - Complexity: `n³` flops in total (`n/b` rank-b updates of `n²/2` entries), the same count as
///   Cholesky followed by the inverse from the factor, but as one uniform parallel kernel.
///   Memory: the matrix itself plus two `n × b` panels.
public enum PositiveDefiniteInverse {
    /// Default pivot block size.
    public static let defaultBlockSize = 256

    /// Extra bytes needed while inverting an `n × n` matrix (panels and packing buffers).
    public static func workspaceBytes(order n: Int, blockSize: Int = defaultBlockSize) -> Int {
        let b = min(blockSize, max(n, 1))
        return 3 * n * b * MemoryLayout<Float>.stride + 4 * b * b * MemoryLayout<Double>.stride
    }

    /// Replaces the symmetric positive-definite `a` (only its lower triangle is read) by `A⁻¹`,
    /// both triangles filled.
    ///
    /// - Throws: ``DenseLinearAlgebraError/notPositiveDefinite(index:value:)`` when a pivot block is
    ///   not positive definite (the matrix is then left partly swept).
    public static func invert(_ a: Matrix<Float>, blockSize: Int = defaultBlockSize) throws(DenseLinearAlgebraError) {
        precondition(a.rows == a.columns, "inverse of a non-square \(a.rows) × \(a.columns) matrix")
        precondition(blockSize >= 1, "block size must be positive")
        let n = a.rows
        if n == 0 { return }
        let b = min(blockSize, n)
        let full = MatrixView(a)
        let panel = Matrix<Float>(rows: n, columns: b)     // V = M_{:,p} before the sweep
        let scaled = Matrix<Float>(rows: n, columns: b)    // W = V·P
        var p0 = 0
        while p0 < n {
            let width = min(b, n - p0), p1 = p0 + width
            let v = MatrixView(panel).block(rows: 0..<n, columns: 0..<width)
            let w = MatrixView(scaled).block(rows: 0..<n, columns: 0..<width)
            extractPanel(full, p0: p0, p1: p1, into: v)
            // P = (M_pp)⁻¹ in Double.
            var pivot = [Double](repeating: 0, count: width * width)
            for r in 0..<width { for c in 0..<width { pivot[r * width + c] = Double(v[p0 + r, c]) } }
            let inverse: [Double]
            do { inverse = try SmallDenseSolver.inversePositiveDefinite(pivot, n: width) } catch {
                if case .notPositiveDefinite(let index, let value) = error {
                    throw .notPositiveDefinite(index: p0 + index, value: value)
                }
                return
            }
            let pivotInverse = Matrix<Float>(rows: width, columns: width, values: inverse.map { Float($0) })
            DenseMultiply.multiply(v, MatrixView(pivotInverse), into: w)
            DenseMultiply.multiply(w, v.transposed, into: full, alpha: -1, beta: 1, region: .lowerTriangle)
            writePanel(w, p0: p0, p1: p1, into: full)
            for r in 0..<width { for c in 0...r { full[p0 + r, p0 + c] = -pivotInverse[r, c] } }
            p0 = p1
        }
        negateAndMirror(full)
    }

    /// `V[i, c] = M[i, p0 + c]` for the whole column block `p` (read from the lower triangle:
    /// rows above the block come from the transposed row block).
    static func extractPanel(_ m: MatrixView<Float>, p0: Int, p1: Int, into v: MatrixView<Float>) {
        let n = m.rows, width = p1 - p0
        let tile = 64
        let tilesAbove = (p0 + tile - 1) / tile
        let chunks = min(defaultParallelChunks, max(1, tilesAbove + (n - p0) / tile))
        parallelFor(chunks) { chunk in
            // Rows above the block: V[i, c] = M[p0 + c, i], in tiles of 64 rows.
            var t = chunk
            while t < tilesAbove {
                let i0 = t * tile, i1 = min(p0, i0 + tile)
                for c in 0..<width {
                    let src = m.base + (p0 + c) * m.rowStride
                    for i in i0..<i1 { v.base[i * v.rowStride + c] = src[i] }
                }
                t += chunks
            }
            // Rows in and below the block: V[i, c] = M[i, p0 + c] (mirrored inside the pivot block).
            var i = p0 + chunk
            while i < n {
                let src = m.base + i * m.rowStride + p0
                let dst = v.base + i * v.rowStride
                if i >= p1 {
                    dst.update(from: src, count: width)
                } else {
                    let r = i - p0
                    for c in 0..<width { dst[c] = c <= r ? src[c] : m.base[(p0 + c) * m.rowStride + i] }
                }
                i += chunks
            }
        }
    }

    /// Writes the swept column block back: `M[i, p] = W[i, :]` for rows below the block and
    /// `M[p, i] = W[i, :]ᵀ` for rows above it (both in the lower triangle).
    static func writePanel(_ w: MatrixView<Float>, p0: Int, p1: Int, into m: MatrixView<Float>) {
        let n = m.rows, width = p1 - p0
        let tile = 64
        let tilesAbove = (p0 + tile - 1) / tile
        let chunks = min(defaultParallelChunks, max(1, tilesAbove + (n - p1) / tile))
        parallelFor(chunks) { chunk in
            var t = chunk
            while t < tilesAbove {
                let i0 = t * tile, i1 = min(p0, i0 + tile)
                for c in 0..<width {
                    let dst = m.base + (p0 + c) * m.rowStride
                    for i in i0..<i1 { dst[i] = w.base[i * w.rowStride + c] }
                }
                t += chunks
            }
            var i = p1 + chunk
            while i < n {
                (m.base + i * m.rowStride + p0).update(from: w.base + i * w.rowStride, count: width)
                i += chunks
            }
        }
    }

    /// `M ← −M` from the lower triangle into both triangles, in 64 × 64 tiles.
    static func negateAndMirror(_ m: MatrixView<Float>) {
        let n = m.rows, tile = 64
        let tiles = (n + tile - 1) / tile
        parallelFor(min(tiles, defaultParallelChunks)) { chunk in
            var bi = chunk
            let chunks = min(tiles, defaultParallelChunks)
            while bi < tiles {
                let i0 = bi * tile, i1 = min(n, i0 + tile)
                for bj in 0...bi {
                    let j0 = bj * tile, j1 = min(n, j0 + tile)
                    for i in i0..<i1 {
                        let row = m.base + i * m.rowStride
                        for j in j0..<min(j1, i + 1) {
                            let value = -row[j]
                            row[j] = value
                            m.base[j * m.rowStride + i] = value
                        }
                    }
                }
                bi += chunks
            }
        }
    }
}
