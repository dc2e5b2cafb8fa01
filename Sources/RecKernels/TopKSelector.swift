/// Selects the `k` largest scores of a row: a size-k min-heap with a 16-lane prefilter that
/// skips whole blocks of scores no better than the current k-th best.
///
/// Ties are broken towards the smaller index, so results are deterministic (PyTorch's `topk`
/// leaves tie order unspecified; on its CPU kernels the smaller index comes first too).
/// Scores equal to `-infinity` are never selected, so masked entries (known items) stay out
/// and a row with fewer than `k` finite scores yields fewer than `k` results.
public struct TopKSelector<Scalar: KernelScalar> {
    /// How many entries to keep.
    public let k: Int
    @usableFromInline var heapScores: [Scalar]
    @usableFromInline var heapIndices: [Int32]
    @usableFromInline var size = 0

    /// A selector for the `k` best entries (`k ≥ 1`).
    public init(k: Int) {
        precondition(k >= 1, "k must be at least 1")
        self.k = k
        heapScores = [Scalar](repeating: 0, count: k)
        heapIndices = [Int32](repeating: 0, count: k)
    }

    /// True when `(s, i)` ranks below `(t, j)`: lower score, or same score and larger index.
    @inlinable @inline(__always)
    static func worse(_ s: Scalar, _ i: Int32, _ t: Scalar, _ j: Int32) -> Bool {
        s < t || (s == t && i > j)
    }

    /// The top `k` of `scores[0..<count]`, best first, as `(index, score)` pairs.
    @inlinable
    mutating func select(_ scores: UnsafePointer<Scalar>, count: Int) -> [(index: Int, score: Scalar)] {
        reset()
        offer(scores, count: count, firstIndex: 0)
        return finish()
    }

    /// Empties the selector before a new row is offered in blocks (``offer(_:count:firstIndex:)``).
    @inlinable
    public mutating func reset() { size = 0 }

    /// Offers `scores[0..<count]` as the entries `firstIndex ..< firstIndex + count` of the row
    /// being selected. Blocks of one row must be offered in increasing index order (then ties
    /// resolve towards the smaller index exactly as ``select(_:count:)`` on the whole row does).
    @inlinable
    mutating func offer(_ scores: UnsafePointer<Scalar>, count: Int, firstIndex: Int) {
        let k = self.k
        var n = size
        heapScores.withUnsafeMutableBufferPointer { hs in
            heapIndices.withUnsafeMutableBufferPointer { hi in
                @inline(__always) func push(_ s: Scalar, _ idx: Int) {
                    if s == -Scalar.infinity || s.isNaN { return }
                    if n < k {
                        var i = n
                        hs[i] = s; hi[i] = Int32(idx); n += 1
                        while i > 0 {
                            let p = (i - 1) / 2
                            if TopKSelector.worse(hs[i], hi[i], hs[p], hi[p]) {
                                hs.swapAt(i, p); hi.swapAt(i, p); i = p
                            } else { break }
                        }
                    } else if TopKSelector.worse(hs[0], hi[0], s, Int32(idx)) {
                        hs[0] = s; hi[0] = Int32(idx)
                        TopKSelector.siftDown(hs, hi, 0, n)
                    }
                }
                // Once the heap is full, 64 (then 16) scores at a time are skipped when none beats
                // the k-th best; the others are offered one by one. Equal scores could still win on
                // index only if they came earlier: they never do, since indices increase, so
                // "greater" is exact here.
                var j = 0
                while j < count {
                    if n == k && j + 64 <= count && !Scalar.mayExceed(scores + j, count: 64, hs[0]) {
                        j += 64
                        continue
                    }
                    let end = min(count, j + 64)
                    while j < end {
                        if n == k && j + 16 <= end && !Scalar.mayExceed(scores + j, count: 16, hs[0]) {
                            j += 16
                            continue
                        }
                        let stop = min(end, j + 16)
                        for t in j..<stop { push(scores[t], firstIndex + t) }
                        j = stop
                    }
                }
            }
        }
        size = n
    }

    /// The entries kept from the blocks offered since ``reset()``, best first; empties the
    /// selector.
    @inlinable
    public mutating func finish() -> [(index: Int, score: Scalar)] {
        var n = size
        size = 0
        return heapScores.withUnsafeMutableBufferPointer { hs in
            heapIndices.withUnsafeMutableBufferPointer { hi in
                // Pop the heap: worst first, so fill the result from the back.
                var result = [(index: Int, score: Scalar)](repeating: (0, 0), count: n)
                var last = n - 1
                while n > 0 {
                    result[last] = (Int(hi[0]), hs[0])
                    last -= 1
                    n -= 1
                    hs[0] = hs[n]; hi[0] = hi[n]
                    TopKSelector.siftDown(hs, hi, 0, n)
                }
                return result
            }
        }
    }

    /// Restores the heap order below `start` in a heap of `n` entries (worst at the root).
    @inlinable @inline(__always)
    static func siftDown(_ hs: UnsafeMutableBufferPointer<Scalar>, _ hi: UnsafeMutableBufferPointer<Int32>,
                         _ start: Int, _ n: Int) {
        var i = start
        while true {
            let l = 2 * i + 1
            if l >= n { break }
            var m = l
            let r = l + 1
            if r < n && worse(hs[r], hi[r], hs[l], hi[l]) { m = r }
            if worse(hs[m], hi[m], hs[i], hi[i]) {
                hs.swapAt(i, m); hi.swapAt(i, m); i = m
            } else { break }
        }
    }

    /// The top `k` of an array of scores, best first.
    public mutating func select(_ scores: [Scalar]) -> [(index: Int, score: Scalar)] {
        if scores.isEmpty { return [] }
        return scores.withUnsafeBufferPointer { select($0.baseAddress!, count: $0.count) }
    }
}
