/// The element types the kernels work on: `Float` for training and serving, `Double` for
/// exact-parity checks against PyTorch Geometric's float64 outputs.
///
/// The protocol only gathers what the kernels need: SIMD lanes, IEEE arithmetic and the few
/// transcendental functions of the losses (`exp`, `log`, `log1p`).
public protocol KernelScalar: BinaryFloatingPoint, SIMDScalar, Sendable, Codable, CustomStringConvertible
where Self.RawSignificand: FixedWidthInteger {
    /// e^x.
    static func exponential(_ x: Self) -> Self
    /// ln x.
    static func logarithm(_ x: Self) -> Self
    /// ln(1 + x), accurate near zero.
    static func logarithmOnePlus(_ x: Self) -> Self
    /// √x.
    static func squareRoot(_ x: Self) -> Self
    /// Whether some of the `count` values at `p` (`count` a positive multiple of 16) may be
    /// greater than `threshold`: true whenever one is (for any finite or infinite `threshold`),
    /// and possibly also for a value equal to it or NaN, so callers re-check values one by one.
    /// Branch-free vector code: the sign bits of `threshold − value` are or-ed together (Swift's
    /// `any(a .> b)` on floating-point vectors compiles to a loop over the lanes, which made
    /// selection cost as much as scoring). The one pointer in RecKernels' public API: a protocol
    /// requirement is as visible as its protocol, and only the module's top-K kernels call it.
    static func mayExceed(_ p: UnsafePointer<Self>, count: Int, _ threshold: Self) -> Bool
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Float: KernelScalar {
    @inlinable public static func exponential(_ x: Float) -> Float { expf(x) }
    @inlinable public static func logarithm(_ x: Float) -> Float { logf(x) }
    @inlinable public static func logarithmOnePlus(_ x: Float) -> Float { log1pf(x) }
    @inlinable public static func squareRoot(_ x: Float) -> Float { x.squareRoot() }
    @inlinable @inline(__always)
    public static func mayExceed(_ p: UnsafePointer<Float>, count: Int, _ threshold: Float) -> Bool {
        // value > t ⇔ t − value < 0, whose bit pattern then has its sign bit set.
        let raw = UnsafeRawPointer(p), t = SIMD16<Float>(repeating: threshold), lane = MemoryLayout<SIMD16<Float>>.size
        @inline(__always) func signs(_ block: Int) -> SIMD16<Int32> {
            unsafeBitCast(t - raw.loadUnaligned(fromByteOffset: block * lane, as: SIMD16<Float>.self), to: SIMD16<Int32>.self)
        }
        var bits = signs(0)
        for block in 1..<(count / 16) { bits |= signs(block) }
        let half = bits.lowHalf | bits.highHalf
        let quarter = half.lowHalf | half.highHalf
        let eighth = quarter.lowHalf | quarter.highHalf
        return (eighth[0] | eighth[1]) < 0
    }
}

extension Double: KernelScalar {
    @inlinable public static func exponential(_ x: Double) -> Double { exp(x) }
    @inlinable public static func logarithm(_ x: Double) -> Double { log(x) }
    @inlinable public static func logarithmOnePlus(_ x: Double) -> Double { log1p(x) }
    @inlinable public static func squareRoot(_ x: Double) -> Double { x.squareRoot() }
    @inlinable @inline(__always)
    public static func mayExceed(_ p: UnsafePointer<Double>, count: Int, _ threshold: Double) -> Bool {
        // value > t ⇔ t − value < 0, whose bit pattern then has its sign bit set.
        let raw = UnsafeRawPointer(p), t = SIMD16<Double>(repeating: threshold), lane = MemoryLayout<SIMD16<Double>>.size
        @inline(__always) func signs(_ block: Int) -> SIMD16<Int64> {
            unsafeBitCast(t - raw.loadUnaligned(fromByteOffset: block * lane, as: SIMD16<Double>.self), to: SIMD16<Int64>.self)
        }
        var bits = signs(0)
        for block in 1..<(count / 16) { bits |= signs(block) }
        let half = bits.lowHalf | bits.highHalf
        let quarter = half.lowHalf | half.highHalf
        let eighth = quarter.lowHalf | quarter.highHalf
        return (eighth[0] | eighth[1]) < 0
    }
}

extension SIMD16 where Scalar: KernelScalar {
    /// `self += a * b`, fused when the build targets a CPU with FMA (`KERNEL_FMA`), plain
    /// multiply-add otherwise (an unfused `addProduct` on generic x86-64 is a library call per lane).
    @inlinable @inline(__always)
    public mutating func accumulate(_ a: SIMD16<Scalar>, _ b: SIMD16<Scalar>) {
        #if KERNEL_FMA
        self.addProduct(a, b)
        #else
        self += a * b
        #endif
    }

    /// `self += a * s` with a broadcast scalar.
    @inlinable @inline(__always)
    public mutating func accumulate(_ a: SIMD16<Scalar>, _ s: Scalar) {
        #if KERNEL_FMA
        self.addProduct(a, SIMD16(repeating: s))
        #else
        self += a * s
        #endif
    }
}
