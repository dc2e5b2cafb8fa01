import Foundation

/// The SHA-256 hash of FIPS 180-4, fed incrementally: `update` any number of times, then
/// `digest` (or `hexDigest`).
///
/// The message is padded with a `1` bit, zeros and its length in bits as a 64-bit big-endian
/// integer to a multiple of 512 bits; each 512-bit block is mixed into eight 32-bit words by 64
/// rounds of the compression function (§6.2.2). Used to verify downloaded dataset files; written
/// here (not taken from swift-crypto) so that a clean build does not compile BoringSSL.
public struct SHA256: Sendable {
    /// Bytes in a digest.
    public static let digestByteCount = 32
    /// Bytes in a block of the compression function.
    static let blockByteCount = 64

    /// H(0): the first 32 bits of the fractional parts of the square roots of the first 8 primes.
    private static let initialState = SIMD8<UInt32>(
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)

    /// K: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    private static let roundConstants: InlineArray<64, UInt32> = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// The eight working hash words H(i).
    private var state = initialState
    /// The bytes of an unfinished block (fewer than 64).
    private var pending: [UInt8] = []
    /// Message bytes fed so far.
    private var messageByteCount: UInt64 = 0

    /// The hash of the empty message, ready for `update`.
    public init() {
        pending.reserveCapacity(Self.blockByteCount)
    }

    /// Feeds `bytes` to the hash.
    public mutating func update(_ bytes: Span<UInt8>) {
        guard !bytes.isEmpty else { return }
        var source = 0
        var remaining = bytes.count
        messageByteCount &+= UInt64(remaining)
        if !pending.isEmpty {
            let taken = min(Self.blockByteCount - pending.count, remaining)
            for k in 0..<taken { pending.append(bytes[k]) }
            source += taken
            remaining -= taken
            guard pending.count == Self.blockByteCount else { return }
            var words = state
            Self.compress(&words, blocks: pending.span)
            state = words
            pending.removeAll(keepingCapacity: true)
        }
        let blocks = remaining / Self.blockByteCount
        if blocks > 0 {
            Self.compress(&state, blocks: bytes.extracting(source..<(source + blocks * Self.blockByteCount)))
            source += blocks * Self.blockByteCount
            remaining -= blocks * Self.blockByteCount
        }
        for k in source..<(source + remaining) { pending.append(bytes[k]) }
    }

    /// Feeds the bytes of `bytes` to the hash.
    public mutating func update(_ bytes: [UInt8]) {
        update(bytes.span)
    }

    /// Feeds the bytes of `data` to the hash.
    public mutating func update(_ data: Data) {
        update(data.span)
    }

    /// The 32-byte digest of everything fed so far (the hash itself is left as it is, so more
    /// bytes may follow).
    public func digest() -> [UInt8] {
        var tail = pending
        tail.append(0x80)
        while tail.count % Self.blockByteCount != Self.blockByteCount - 8 { tail.append(0) }
        let bitCount = messageByteCount &* 8
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitCount >> UInt64(shift))) }
        var words = state
        Self.compress(&words, blocks: tail.span)
        var result: [UInt8] = []
        result.reserveCapacity(Self.digestByteCount)
        for k in 0..<8 {
            for shift in stride(from: 24, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: words[k] >> UInt32(shift))) }
        }
        return result
    }

    /// The digest as 64 lowercase hex digits, as `sha256sum` prints it.
    public var hexDigest: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(2 * Self.digestByteCount)
        for byte in digest() {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The hex digest of `bytes`.
    public static func hexDigest(of bytes: [UInt8]) -> String {
        var hash = SHA256()
        hash.update(bytes)
        return hash.hexDigest
    }

    /// Mixes the 64-byte blocks of `blocks` (a whole number of them) into `h` (FIPS 180-4 §6.2.2).
    ///
    /// Written with masking shifts (`&>>`, `&<<`), which stay cheap in debug builds too
    /// (ROTR(x, n) is `x &>> n | x &<< (32 - n)`); the message schedule lives on the stack.
    private static func compress(_ h: inout SIMD8<UInt32>, blocks: Span<UInt8>) {
        let k = roundConstants
        var w = InlineArray<64, UInt32>(repeating: 0)
        var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7]
        for block in 0..<(blocks.count / blockByteCount) {
            let base = blocks.extracting((block &* blockByteCount)..<((block &+ 1) &* blockByteCount))
            for t in 0..<16 {
                let o = t &* 4
                w[t] = UInt32(base[o]) << 24 | UInt32(base[o &+ 1]) << 16 | UInt32(base[o &+ 2]) << 8
                    | UInt32(base[o &+ 3])
            }
            for t in 16..<64 {
                let x = w[t &- 15], y = w[t &- 2]
                let s0 = (x &>> 7 | x &<< 25) ^ (x &>> 18 | x &<< 14) ^ (x &>> 3)
                let s1 = (y &>> 17 | y &<< 15) ^ (y &>> 19 | y &<< 13) ^ (y &>> 10)
                w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
            }
            let a0 = a, b0 = b, c0 = c, d0 = d, e0 = e, f0 = f, g0 = g, h0 = hh
            for t in 0..<64 {
                let sum1 = (e &>> 6 | e &<< 26) ^ (e &>> 11 | e &<< 21) ^ (e &>> 25 | e &<< 7)
                let t1 = hh &+ sum1 &+ ((e & f) ^ (~e & g)) &+ k[t] &+ w[t]
                let sum0 = (a &>> 2 | a &<< 30) ^ (a &>> 13 | a &<< 19) ^ (a &>> 22 | a &<< 10)
                let t2 = sum0 &+ ((a & b) ^ (a & c) ^ (b & c))
                hh = g
                g = f
                f = e
                e = d &+ t1
                d = c
                c = b
                b = a
                a = t1 &+ t2
            }
            a = a &+ a0
            b = b &+ b0
            c = c &+ c0
            d = d &+ d0
            e = e &+ e0
            f = f &+ f0
            g = g &+ g0
            hh = hh &+ h0
        }
        h = SIMD8(a, b, c, d, e, f, g, hh)
    }
}
