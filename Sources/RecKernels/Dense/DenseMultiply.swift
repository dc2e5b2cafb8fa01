/// Dense matrix product in `Float` (GEMM), the workhorse of the dense linear-algebra kernels:
///
///     C ← β·C + α·A·B        A: m × k,  B: k × n,  C: m × n
///
/// optionally restricted to the lower triangle of `C` (entries `(i, j)` with `j ≤ i`, as SYRK
/// updates need). Operands are ``MatrixView``s, so transposes and blocks cost nothing.
///
/// **Method** (GotoBLAS-style): the depth `k` is cut into slices of ``depthBlock``; for each
/// slice, `B` is packed once into 32-column micro-panels (shared by all threads) and every worker
/// packs its own block of ``rowBlock`` rows of `A` into 8-row micro-panels. An 8 × 32 tile of `C`
/// is accumulated in 16 `SIMD16` registers (`accumulate` is a fused multiply-add where the CPU
/// has one) and added to `C` once per slice. Work is split into blocks of rows (and, when there are
/// few rows, column ranges) handed out dynamically by ``parallelFor``.
///
/// - Complexity: `2·m·n·k` flops (about half of that for `.lowerTriangle` with `m = n`).
public enum DenseMultiply {
    /// Which entries of `C` are written.
    public enum Region: Sendable {
        /// Every entry.
        case full
        /// Only entries `(i, j)` with `j ≤ i` (the rest of `C` is neither read nor written).
        case lowerTriangle
    }

    /// Depth of one packed slice (`k` per pass over `C`).
    public static let depthBlock = 256
    /// Rows of `A` packed per work item (kept in the L2 cache while 32-column panels of `B` stream
    /// through L1).
    public static let rowBlock = 96

    /// `C ← β·C + α·A·B` (or its lower triangle), in parallel.
    ///
    /// - Parameters:
    ///   - a: `m × k`, any strides.
    ///   - b: `k × n`, any strides.
    ///   - c: `m × n` with `columnStride == 1`; must not overlap `a` or `b`.
    ///   - beta: `0` overwrites `C` (its old contents are ignored, NaNs included).
    public static func multiply(
        _ a: MatrixView<Float>, _ b: MatrixView<Float>, into c: MatrixView<Float>,
        alpha: Float = 1, beta: Float = 0, region: Region = .full
    ) {
        let m = c.rows, n = c.columns, k = a.columns
        precondition(a.rows == m && b.rows == k && b.columns == n,
                     "GEMM shapes: A \(a.rows)×\(a.columns), B \(b.rows)×\(b.columns), C \(m)×\(n)")
        precondition(c.columnStride == 1, "C must have unit column stride")
        precondition(region == .full || m == n, "a lower-triangle product needs a square C")
        if beta != 1 { scale(c, by: beta, region: region) }
        if m == 0 || n == 0 || k == 0 || alpha == 0 { return }

        let panels = (n + 31) / 32
        let kc = min(k, depthBlock)
        let packedB = UnsafeMutablePointer<Float>.allocate(capacity: panels * 32 * kc)
        defer { packedB.deallocate() }
        let items = workItems(m: m, panels: panels, region: region, flops: Double(m) * Double(n) * Double(k))

        var k0 = 0
        while k0 < k {
            let depth = min(kc, k - k0)
            let slice = k0
            let packChunks = items.count == 1 ? 1 : min(panels, defaultParallelChunks)
            parallelFor(packChunks) { chunk in
                var s = chunk
                while s < panels {
                    packPanelB(b, depthRange: slice..<(slice + depth), firstColumn: s * 32,
                               into: packedB + s * 32 * depth)
                    s += packChunks
                }
            }
            parallelFor(items.count) { index in
                let item = items[index]
                let tiles = (item.rows.count + 7) / 8
                let packedA = UnsafeMutablePointer<Float>.allocate(capacity: tiles * 8 * depth + 8 * 32)
                defer { packedA.deallocate() }
                let scratch = packedA + tiles * 8 * depth
                for t in 0..<tiles {
                    packPanelA(a, firstRow: item.rows.lowerBound + 8 * t, depthRange: slice..<(slice + depth),
                               into: packedA + t * 8 * depth)
                }
                for s in item.panels {
                    let j0 = s * 32
                    let columnsHere = min(32, n - j0)
                    let panelB = UnsafePointer(packedB + s * 32 * depth)
                    for t in 0..<tiles {
                        let i0 = item.rows.lowerBound + 8 * t
                        let rowsHere = min(8, m - i0)
                        if region == .lowerTriangle && j0 > i0 + rowsHere - 1 { continue }
                        let panelA = UnsafePointer(packedA + t * 8 * depth)
                        let whole = rowsHere == 8 && columnsHere == 32
                            && (region == .full || j0 + 31 <= i0)
                        if whole {
                            DenseMicroKernel.multiplyAdd(depth: depth, a: panelA, b: panelB,
                                                         c: c.base + i0 * c.rowStride + j0, ldc: c.rowStride, alpha: alpha)
                        } else {
                            scratch.update(repeating: 0, count: 8 * 32)
                            DenseMicroKernel.multiplyAdd(depth: depth, a: panelA, b: panelB, c: scratch, ldc: 32, alpha: alpha)
                            for r in 0..<rowsHere {
                                let i = i0 + r
                                let last = region == .lowerTriangle ? min(columnsHere, i - j0 + 1) : columnsHere
                                if last <= 0 { continue }
                                let row = c.base + i * c.rowStride + j0
                                for col in 0..<last { row[col] += scratch[r * 32 + col] }
                            }
                        }
                    }
                }
            }
            k0 += depth
        }
    }

    /// One unit of parallel work: a block of rows of `C` against a range of 32-column panels.
    struct WorkItem: Sendable {
        let rows: Range<Int>
        let panels: Range<Int>
    }

    /// Row blocks of ``rowBlock`` rows; with few row blocks the panels are split too, so that two
    /// cores stay busy. Lower-triangle items come largest first (last rows first) for balance.
    static func workItems(m: Int, panels: Int, region: Region, flops: Double) -> [WorkItem] {
        if flops < 4e6 { return [WorkItem(rows: 0..<m, panels: 0..<panels)] }
        var items: [WorkItem] = []
        let blocks = stride(from: 0, to: m, by: rowBlock).map { $0..<min(m, $0 + rowBlock) }
        switch region {
        case .lowerTriangle:
            for rows in blocks.reversed() {
                items.append(WorkItem(rows: rows, panels: 0..<min(panels, (rows.upperBound + 31) / 32)))
            }
        case .full:
            let columnSplits = max(1, min(panels, (16 + blocks.count - 1) / blocks.count))
            let per = (panels + columnSplits - 1) / columnSplits
            for rows in blocks {
                for start in stride(from: 0, to: panels, by: per) {
                    items.append(WorkItem(rows: rows, panels: start..<min(panels, start + per)))
                }
            }
        }
        return items
    }

    /// `C ← β·C` over the region (β = 0 writes exact zeros).
    static func scale(_ c: MatrixView<Float>, by beta: Float, region: Region) {
        let m = c.rows, n = c.columns
        let chunks = m * n < 1 << 16 ? 1 : defaultParallelChunks
        parallelFor(chunks) { chunk in
            var i = chunk
            while i < m {
                let row = c.base + i * c.rowStride
                let width = region == .lowerTriangle ? min(n, i + 1) : n
                if beta == 0 { row.update(repeating: 0, count: width) } else {
                    for j in 0..<width { row[j] *= beta }
                }
                i += chunks
            }
        }
    }

    /// Packs rows `firstRow ..< firstRow + 8` of `a` over `depthRange` as `dst[kx·8 + r]`
    /// (rows beyond `a` are zero).
    @inline(__always)
    static func packPanelA(_ a: MatrixView<Float>, firstRow: Int, depthRange: Range<Int>, into dst: UnsafeMutablePointer<Float>) {
        let depth = depthRange.count
        for r in 0..<8 {
            let i = firstRow + r
            if i < a.rows {
                let src = a.base + i * a.rowStride + depthRange.lowerBound * a.columnStride
                let cs = a.columnStride
                for kx in 0..<depth { dst[kx * 8 + r] = src[kx * cs] }
            } else {
                for kx in 0..<depth { dst[kx * 8 + r] = 0 }
            }
        }
    }

    /// Packs columns `firstColumn ..< firstColumn + 32` of `b` over `depthRange` as
    /// `dst[kx·32 + c]` (columns beyond `b` are zero).
    @inline(__always)
    static func packPanelB(_ b: MatrixView<Float>, depthRange: Range<Int>, firstColumn: Int, into dst: UnsafeMutablePointer<Float>) {
        let width = min(32, b.columns - firstColumn)
        let cs = b.columnStride
        if b.rowStride == 1 && cs != 1 {
            // Columns of B are contiguous (B is a transposed row-major matrix): read each column once.
            for col in 0..<32 {
                if col < width {
                    let src = b.base + depthRange.lowerBound + (firstColumn + col) * cs
                    for kx in 0..<depthRange.count { dst[kx * 32 + col] = src[kx] }
                } else {
                    for kx in 0..<depthRange.count { dst[kx * 32 + col] = 0 }
                }
            }
            return
        }
        for kx in 0..<depthRange.count {
            let src = b.base + (depthRange.lowerBound + kx) * b.rowStride + firstColumn * cs
            let out = dst + kx * 32
            if cs == 1 {
                out.update(from: src, count: width)
            } else {
                for col in 0..<width { out[col] = src[col * cs] }
            }
            if width < 32 { (out + width).update(repeating: 0, count: 32 - width) }
        }
    }

    /// The textbook triple loop in `Double`: the reference the tests compare against.
    public static func referenceMultiply(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
        let m = a.count, k = b.count, n = b.first?.count ?? 0
        var c = [[Double]](repeating: [Double](repeating: 0, count: n), count: m)
        for i in 0..<m {
            for p in 0..<k where a[i][p] != 0 {
                for j in 0..<n { c[i][j] += a[i][p] * b[p][j] }
            }
        }
        return c
    }
}
