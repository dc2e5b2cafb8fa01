/// A set of candidate indices `0..<universe` stored as a bitset: the items a ranking may return
/// when an allow-list or a filter restricts them.
///
/// Membership is one bit per candidate, so a set over 40,981 items takes 5 KB and masking a
/// score row with it costs one pass over 641 words (see ``CandidateMask``).
public struct CandidateSet: Sendable, Equatable {
    /// The size of the universe: members lie in `0..<universe`.
    public let universe: Int
    /// Bit `i % 64` of word `i / 64` is set when `i` is a member.
    @usableFromInline var words: [UInt64]
    /// Number of members.
    public private(set) var count: Int

    /// The set of `members` (indices outside `0..<universe` are ignored; duplicates count once).
    public init(universe: Int, members: some Sequence<Int>) {
        precondition(universe >= 0, "CandidateSet: negative universe")
        self.universe = universe
        words = [UInt64](repeating: 0, count: (universe + 63) / 64)
        count = 0
        for i in members where i >= 0 && i < universe { insert(i) }
    }

    /// The members `i` of `0..<universe` for which `predicate(i)` holds.
    public init(universe: Int, where predicate: (Int) -> Bool) {
        self.init(universe: universe, members: (0..<universe).lazy.filter(predicate))
    }

    /// Every index of `0..<universe`.
    public static func all(universe: Int) -> CandidateSet {
        CandidateSet(universe: universe, where: { _ in true })
    }

    /// Whether `i` is a member (false outside the universe).
    @inlinable public func contains(_ i: Int) -> Bool {
        i >= 0 && i < universe && words[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    /// Adds `i`.
    ///
    /// - Precondition: `0 ≤ i < universe`.
    public mutating func insert(_ i: Int) {
        precondition(i >= 0 && i < universe, "CandidateSet: \(i) outside 0..<\(universe)")
        let bit: UInt64 = 1 << UInt64(i & 63)
        if words[i >> 6] & bit == 0 {
            words[i >> 6] |= bit
            count += 1
        }
    }

    /// The members of both sets.
    ///
    /// - Precondition: both have the same universe.
    public func intersection(_ other: CandidateSet) -> CandidateSet {
        precondition(universe == other.universe, "CandidateSet: universes \(universe) and \(other.universe) differ")
        var result = self
        result.count = 0
        for w in words.indices {
            result.words[w] = words[w] & other.words[w]
            result.count += result.words[w].nonzeroBitCount
        }
        return result
    }

    /// The members in increasing order.
    public var members: [Int] {
        var out: [Int] = []
        out.reserveCapacity(count)
        for (w, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                out.append(w * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return out
    }
}
