/// The 64-bit FNV-1a hash, fed with little-endian integers; a fingerprint, not a cryptographic digest.
public struct FNV1a64: Sendable {
    /// The hash of what was combined so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// An empty hash.
    public init() {}

    /// Mixes in the bytes of `integer`, least significant first.
    @inline(__always)
    public mutating func combine<T: FixedWidthInteger>(_ integer: T) {
        var h = value
        for k in 0..<(T.bitWidth / 8) {
            h = (h ^ UInt64(UInt8(truncatingIfNeeded: integer >> (8 * k)))) &* 0x0000_0100_0000_01B3
        }
        value = h
    }

    /// Mixes in `bytes`.
    public mutating func combine(bytes: Span<UInt8>) {
        var h = value
        for k in 0..<bytes.count { h = (h ^ UInt64(bytes[k])) &* 0x0000_0100_0000_01B3 }
        value = h
    }

    /// Mixes in `bytes`.
    public mutating func combine(bytes: RawSpan) {
        combine(bytes: Span<UInt8>(_bytes: bytes))
    }

    /// The hash as 16 lowercase hex digits.
    public var hexDigest: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
