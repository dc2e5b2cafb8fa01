/// Gives each distinct byte string a dense index in order of first appearance, without making a
/// `String` per lookup: an open-addressing hash table over one contiguous byte store.
///
/// Each slot holds two words: a tag (24 bits of the hash, the key's length up to 255, the
/// index + 1) and the key's first 8 bytes. Keys of at most 8 bytes — most ids — are therefore
/// matched with one memory access per probe; longer keys are confirmed against the store.
/// Used by the loaders to turn external ids into vocabulary indices at parse speed.
struct ByteInterner {
    /// The bytes of all distinct keys, one after the other.
    private var storage: [UInt8] = []
    /// `count + 1` offsets into `storage`: key `k` is `storage[starts[k]..<starts[k+1]]`.
    private var starts: [Int] = [0]
    /// Two words per slot (tag word, prefix word); a zero tag word is an empty slot. The slot
    /// count is a power of two.
    private var slots = [UInt64](repeating: 0, count: 2 * 1024)
    private var slotMask = 1023

    /// Number of distinct keys.
    private(set) var count = 0

    /// The index of `bytes[range]`, adding it if new.
    @inline(__always)
    mutating func intern(_ bytes: Span<UInt8>, _ range: Range<Int>) -> Int32 {
        intern(bytes.extracting(range))
    }

    /// The index of `key`, adding it if new.
    mutating func intern(_ key: Span<UInt8>) -> Int32 {
        let prefix = Self.prefix(key)
        let hash = Self.hash(key, prefix: prefix)
        let tag = Self.tag(hash: hash, length: key.count)
        var slot = Int(truncatingIfNeeded: hash) & slotMask
        while true {
            let word = slots[2 * slot]
            if word == 0 { break }
            if word >> 32 == tag && slots[2 * slot + 1] == prefix
                && (key.count <= 8 || equals(Int(word & 0xFFFF_FFFF) - 1, key)) {
                return Int32(truncatingIfNeeded: (word & 0xFFFF_FFFF) - 1)
            }
            slot = (slot + 1) & slotMask
        }
        let index = count
        for j in 0..<key.count { storage.append(key[j]) }
        starts.append(storage.count)
        count += 1
        slots[2 * slot] = tag << 32 | UInt64(index + 1)
        slots[2 * slot + 1] = prefix
        if count * 2 > slotMask + 1 { grow() }
        return Int32(index)
    }

    /// All keys in index order, decoded with `encoding`.
    func strings(encoding: TextEncoding) -> [String] {
        let stored = storage.span
        var result: [String] = []
        result.reserveCapacity(count)
        for k in 0..<count { result.append(encoding.decode(stored, starts[k]..<starts[k + 1])) }
        return result
    }

    private func equals(_ k: Int, _ key: Span<UInt8>) -> Bool {
        let start = starts[k]
        guard starts[k + 1] - start == key.count else { return false }
        let stored = storage.span.extracting(start..<(start + key.count))
        for j in 0..<key.count where stored[j] != key[j] { return false }
        return true
    }

    private mutating func grow() {
        let slotCount = 2 * (slotMask + 1)
        var bigger = [UInt64](repeating: 0, count: 2 * slotCount)
        let mask = slotCount - 1
        do {  // `stored` borrows self until the end of this block
            let stored = storage.span
            for k in 0..<count {
                let key = stored.extracting(starts[k]..<starts[k + 1])
                let prefix = Self.prefix(key)
                let hash = Self.hash(key, prefix: prefix)
                var slot = Int(truncatingIfNeeded: hash) & mask
                while bigger[2 * slot] != 0 { slot = (slot + 1) & mask }
                bigger[2 * slot] = Self.tag(hash: hash, length: key.count) << 32 | UInt64(k + 1)
                bigger[2 * slot + 1] = prefix
            }
        }
        slots = bigger
        slotMask = mask
    }

    /// 24 high bits of the hash and the length (capped at 255), never 0.
    @inline(__always)
    private static func tag(hash: UInt64, length: Int) -> UInt64 {
        (hash >> 40) << 8 | UInt64(min(length, 255)) | 0x8000_0000
    }

    /// The first (up to) 8 bytes of `key`, little-endian, zero-padded.
    @inline(__always)
    private static func prefix(_ key: Span<UInt8>) -> UInt64 {
        if key.count >= 8 { return TextScan.word(key, at: 0) }
        var word: UInt64 = 0
        for j in 0..<key.count { word |= UInt64(key[j]) << (8 * UInt64(j)) }
        return word
    }

    /// A 64-bit hash of the key, 8 bytes at a time, with a SplitMix64 finaliser.
    @inline(__always)
    private static func hash(_ key: Span<UInt8>, prefix: UInt64) -> UInt64 {
        var h = UInt64(key.count) &* 0x9E37_79B9_7F4A_7C15 ^ prefix
        if key.count > 8 {
            var offset = 8
            while offset + 8 <= key.count {
                h = (h ^ (h >> 31)) &* 0xBF58_476D_1CE4_E5B9
                h ^= TextScan.word(key, at: offset)
                offset += 8
            }
            var tail: UInt64 = 0
            for j in offset..<key.count { tail |= UInt64(key[j]) << (8 * UInt64(j - offset)) }
            h = (h ^ (h >> 31)) &* 0xBF58_476D_1CE4_E5B9
            h ^= tail
        }
        h ^= h >> 30
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 27
        h = h &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }
}
