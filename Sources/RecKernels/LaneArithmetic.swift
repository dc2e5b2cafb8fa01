/// 16-lane vector loops over raw rows, shared by the kernels of this module (`Matrix.laneDot`,
/// the baselines)
/// (the pointers stay inside RecKernels; callers elsewhere use the `Matrix`/`SparseMatrix` methods).
@usableFromInline
enum LaneArithmetic {
    /// `row[0..<count] += source[0..<count]` with 16-lane vectors (element by element, so the
    /// same numbers as the scalar loop).
    @inlinable @inline(__always)
    static func add(_ source: UnsafePointer<Float>, into row: UnsafeMutablePointer<Float>, count: Int) {
        let rawS = UnsafeRawPointer(source), rawR = UnsafeMutableRawPointer(row)
        var j = 0
        while j + 16 <= count {
            let o = j * 4
            let sum = rawR.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self)
                + rawS.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self)
            rawR.storeBytes(of: sum, toByteOffset: o, as: SIMD16<Float>.self)
            j += 16
        }
        while j < count { row[j] += source[j]; j += 1 }
    }

    /// `Σ a[j]·b[j]` over `count` entries (16-lane partial sums, then the tail one by one).
    @inlinable @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var acc = SIMD16<Float>()
        var j = 0
        while j + 16 <= count {
            acc.accumulate(ra.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self),
                           rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self))
            j += 16
        }
        var s = acc.sum()
        while j < count { s += a[j] * b[j]; j += 1 }
        return s
    }

    /// `y += a·x` over `count` entries.
    @inlinable @inline(__always)
    static func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        let rx = UnsafeRawPointer(x), ry = UnsafeMutableRawPointer(y)
        var j = 0
        while j + 16 <= count {
            var v = ry.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
            v.accumulate(rx.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self), a)
            ry.storeBytes(of: v, toByteOffset: j * 4, as: SIMD16<Float>.self)
            j += 16
        }
        while j < count { y[j] += a * x[j]; j += 1 }
    }
}
