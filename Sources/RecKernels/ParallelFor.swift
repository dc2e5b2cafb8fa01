import Dispatch

/// Runs `body(0) … body(n-1)` on Dispatch's pool and returns when all are done.
///
/// The body is not `@Sendable`, so it may capture unsafe pointers; the caller guarantees that
/// different iterations write disjoint memory. With `n == 1` the body runs on the calling thread.
@inlinable
public func parallelFor(_ n: Int, _ body: (Int) -> Void) {
    if n <= 0 { return }
    if n == 1 { body(0); return }
    withoutActuallyEscaping(body) { escapable in
        nonisolated(unsafe) let task = escapable
        DispatchQueue.concurrentPerform(iterations: n) { task($0) }
    }
}

/// `[value(0), …, value(count − 1)]`, computed in at most `chunks` contiguous chunks in parallel
/// (each element written once, by the chunk that owns its index), so that a caller filling an
/// array from several threads needs no pointers of its own. `value` must not depend on the order
/// in which indices are computed.
@inlinable
public func parallelMap<T>(count: Int, chunks: Int, _ value: (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        let base = buffer.baseAddress!
        let parts = max(1, min(chunks, count))
        parallelFor(parts) { part in
            for t in (count * part / parts)..<(count * (part + 1) / parts) { (base + t).initialize(to: value(t)) }
        }
        initialized = count
    }
}

/// Splits `0..<count` into at most `chunks` contiguous ranges of nearly equal weight, where
/// `prefixWeight(i)` is the total weight of items `0..<i` (non-decreasing, `prefixWeight(0) == 0`).
/// Used to balance sparse rows by their number of non-zeros.
@inlinable
public func balancedRanges(count: Int, chunks: Int, prefixWeight: (Int) -> Int) -> [Range<Int>] {
    guard count > 0 else { return [] }
    let parts = max(1, min(chunks, count))
    let total = prefixWeight(count)
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(parts)
    var start = 0
    for p in 1...parts {
        var end: Int
        if p == parts {
            end = count
        } else {
            // The first index whose prefix weight reaches the p-th share (binary search).
            let target = (total * p + parts - 1) / parts
            var lo = start, hi = count
            while lo < hi {
                let mid = (lo + hi) / 2
                if prefixWeight(mid) < target { lo = mid + 1 } else { hi = mid }
            }
            end = max(lo, start)
        }
        if end > start { ranges.append(start..<end) }
        start = end
    }
    return ranges
}

/// The number of worker chunks kernels split their work into: enough to balance 2–8 cores.
public let defaultParallelChunks = 32
