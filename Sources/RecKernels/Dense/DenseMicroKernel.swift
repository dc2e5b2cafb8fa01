/// The 8 × 32 register tile of ``DenseMultiply``:
///
///     C[r, c] += α · Σ_{kx < depth} a[kx·8 + r] · b[kx·32 + c]     (r < 8, c < 32)
///
/// `a` is a packed 8-row micro-panel and `b` a packed 32-column micro-panel. The 8 × 32 sums live in
/// 16 `SIMD16<Float>` accumulators (two per row), so each step of `kx` is two vector loads of `b`,
/// eight broadcasts of `a` and sixteen fused multiply-adds; `C` is read and written once.
///
/// Which form runs follows the registers the build targets, as in ``InnerProductScorer``: with
/// 512-bit vectors (`KERNEL_WIDE_VECTORS`) the 16 accumulators fit in registers at once;
/// otherwise (AVX2, NEON) the tile is computed as four 4 × 16 quarters. Both add the same sums,
/// in the same order of `kx`, so `C` gets the same numbers.
enum DenseMicroKernel {
    @inline(__always)
    static func multiplyAdd(
        depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float
    ) {
        #if KERNEL_WIDE_VECTORS
        multiplyAddWide(depth: depth, a: a, b: b, c: c, ldc: ldc, alpha: alpha)
        #else
        multiplyAddNarrow(depth: depth, a: a, b: b, c: c, ldc: ldc, alpha: alpha)
        #endif
    }

    /// The whole 8 × 32 tile in sixteen accumulators (for 32 vector registers of 512 bits).
    @inline(__always)
    static func multiplyAddWide(
        depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float
    ) {
        var a0 = SIMD16<Float>(), b0 = SIMD16<Float>(), a1 = SIMD16<Float>(), b1 = SIMD16<Float>()
        var a2 = SIMD16<Float>(), b2 = SIMD16<Float>(), a3 = SIMD16<Float>(), b3 = SIMD16<Float>()
        var a4 = SIMD16<Float>(), b4 = SIMD16<Float>(), a5 = SIMD16<Float>(), b5 = SIMD16<Float>()
        var a6 = SIMD16<Float>(), b6 = SIMD16<Float>(), a7 = SIMD16<Float>(), b7 = SIMD16<Float>()
        let rawB = UnsafeRawPointer(b)
        var pa = a
        var offset = 0
        for _ in 0..<depth {
            let x = rawB.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            let y = rawB.loadUnaligned(fromByteOffset: offset + 64, as: SIMD16<Float>.self)
            a0.accumulate(x, pa[0]); b0.accumulate(y, pa[0])
            a1.accumulate(x, pa[1]); b1.accumulate(y, pa[1])
            a2.accumulate(x, pa[2]); b2.accumulate(y, pa[2])
            a3.accumulate(x, pa[3]); b3.accumulate(y, pa[3])
            a4.accumulate(x, pa[4]); b4.accumulate(y, pa[4])
            a5.accumulate(x, pa[5]); b5.accumulate(y, pa[5])
            a6.accumulate(x, pa[6]); b6.accumulate(y, pa[6])
            a7.accumulate(x, pa[7]); b7.accumulate(y, pa[7])
            pa += 8
            offset += 128
        }
        let rawC = UnsafeMutableRawPointer(c)
        let rowBytes = ldc * 4
        @inline(__always) func add(_ r: Int, _ lo: SIMD16<Float>, _ hi: SIMD16<Float>) {
            let o = r * rowBytes
            var u = rawC.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self)
            var v = rawC.loadUnaligned(fromByteOffset: o + 64, as: SIMD16<Float>.self)
            u.accumulate(lo, alpha)
            v.accumulate(hi, alpha)
            rawC.storeBytes(of: u, toByteOffset: o, as: SIMD16<Float>.self)
            rawC.storeBytes(of: v, toByteOffset: o + 64, as: SIMD16<Float>.self)
        }
        add(0, a0, b0); add(1, a1, b1); add(2, a2, b2); add(3, a3, b3)
        add(4, a4, b4); add(5, a5, b5); add(6, a6, b6); add(7, a7, b7)
    }

    /// The tile as four 4 × 16 quarters, each in four accumulators with one vector load of `b`
    /// and four broadcasts of `a` a step (for 16 registers of 256 bits, or NEON's 128-bit ones).
    @inline(__always)
    static func multiplyAddNarrow(
        depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float
    ) {
        let rawB = UnsafeRawPointer(b), rawC = UnsafeMutableRawPointer(c)
        let rowBytes = ldc * 4
        for half in 0..<2 {
            for quad in 0..<2 {
                var s0 = SIMD16<Float>(), s1 = SIMD16<Float>(), s2 = SIMD16<Float>(), s3 = SIMD16<Float>()
                var pa = a + quad * 4
                var offset = half * 64
                for _ in 0..<depth {
                    let x = rawB.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                    s0.accumulate(x, pa[0]); s1.accumulate(x, pa[1])
                    s2.accumulate(x, pa[2]); s3.accumulate(x, pa[3])
                    pa += 8
                    offset += 128
                }
                @inline(__always) func add(_ r: Int, _ sum: SIMD16<Float>) {
                    let o = r * rowBytes + half * 64
                    var u = rawC.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self)
                    u.accumulate(sum, alpha)
                    rawC.storeBytes(of: u, toByteOffset: o, as: SIMD16<Float>.self)
                }
                add(quad * 4, s0); add(quad * 4 + 1, s1); add(quad * 4 + 2, s2); add(quad * 4 + 3, s3)
            }
        }
    }
}
