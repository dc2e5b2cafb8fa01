/// Which candidates one ranking may return: an optional allow-set and lists of candidates that
/// are never returned. Scoring kernels apply it to a row of scores before top-k selection, by
/// setting every ineligible score to −∞ (which ``TopKSelector`` never returns), so a ranking
/// holds exactly `k` entries whenever `k` candidates are eligible: filtering happens inside the
/// top-k, never by over-fetching and dropping.
///
/// Candidate `i` is eligible when `allowed` is nil or contains it, and no list of `excluded`
/// contains it.
public struct CandidateMask: Sendable {
    /// Candidates never returned (for example a user's training items, a deny-list, items
    /// already shown); each list may be unsorted and hold duplicates or indices outside the row.
    public var excluded: [ArraySlice<Int32>]
    /// When set, only its members may be returned.
    public var allowed: CandidateSet?

    /// A mask; the defaults admit every candidate.
    public init(excluded: [ArraySlice<Int32>] = [], allowed: CandidateSet? = nil) {
        self.excluded = excluded
        self.allowed = allowed
    }

    /// The mask that admits every candidate.
    public static var none: CandidateMask { CandidateMask() }

    /// Whether the mask admits every candidate (nothing to apply).
    @inlinable public var isEmpty: Bool { allowed == nil && excluded.allSatisfy(\.isEmpty) }

    /// Whether candidate `i` is eligible.
    ///
    /// - Complexity: O(total length of the excluded lists).
    public func admits(_ i: Int) -> Bool {
        if let allowed, !allowed.contains(i) { return false }
        let index = Int32(truncatingIfNeeded: i)
        return !excluded.contains { $0.contains(index) }
    }

    /// Sets `row[i] = −∞` for every ineligible `i` in `0..<count`.
    ///
    /// - Complexity: O(count / 64 + members of partly allowed words + excluded entries).
    @inlinable
    func apply<Scalar: KernelScalar>(to row: UnsafeMutablePointer<Scalar>, count: Int) {
        if let allowed {
            precondition(allowed.universe >= count, "CandidateMask: allow-set over \(allowed.universe) candidates, row of \(count)")
            allowed.words.withUnsafeBufferPointer { words in
                for w in 0..<((count + 63) / 64) {
                    let word = words[w]
                    if word == ~0 { continue }
                    let end = min(64, count - w * 64)
                    for b in 0..<end where word & (1 << UInt64(b)) == 0 { row[w * 64 + b] = -Scalar.infinity }
                }
            }
        }
        for list in excluded {
            for e in list where e >= 0 && Int(e) < count { row[Int(e)] = -Scalar.infinity }
        }
    }

    /// Sets `block[i − range.lowerBound] = −∞` for every ineligible candidate `i` in `range`
    /// (the block holds the scores of the candidates `range`, as in a row scored in blocks).
    ///
    /// - Complexity: O(range.count / 64 + members of partly allowed words + excluded entries).
    @inlinable
    func apply<Scalar: KernelScalar>(to block: UnsafeMutablePointer<Scalar>, candidates range: Range<Int>) {
        let lo = range.lowerBound, hi = range.upperBound
        if let allowed {
            precondition(allowed.universe >= hi, "CandidateMask: allow-set over \(allowed.universe) candidates, row of \(hi)")
            allowed.words.withUnsafeBufferPointer { words in
                var i = lo
                while i < hi {
                    let word = words[i >> 6]
                    let wordEnd = min(hi, (i | 63) + 1)
                    if word != ~0 {
                        for c in i..<wordEnd where word & (1 << UInt64(c & 63)) == 0 { block[c - lo] = -Scalar.infinity }
                    }
                    i = wordEnd
                }
            }
        }
        for list in excluded {
            for e in list where Int(e) >= lo && Int(e) < hi { block[Int(e) - lo] = -Scalar.infinity }
        }
    }

    /// Sets every ineligible entry of `scores` to −∞.
    public func apply<Scalar: KernelScalar>(to scores: inout [Scalar]) {
        let count = scores.count
        scores.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { apply(to: base, count: count) }
        }
    }
}
