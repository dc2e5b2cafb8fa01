import RecData

/// Lists the distinct nodes of a batch of BPR triples in O(batch) time, with a per-node stamp of
/// the last batch that touched it (no clearing between batches).
struct BatchNodeCollector {
    /// Number of users `U`: item `i` is node `U + i`.
    let userCount: Int32
    private var lastSeen: [Int32]
    private var stamp: Int32 = 0

    /// A collector over `userCount + itemCount` nodes.
    init(userCount: Int, itemCount: Int) {
        self.userCount = Int32(userCount)
        lastSeen = [Int32](repeating: -1, count: userCount + itemCount)
    }

    /// The distinct nodes (users, then items offset by U) of `triples[range]`, in first-seen order.
    mutating func nodes(_ triples: BPRTriples, _ range: Range<Int>) -> [Int32] {
        let current = nextStamp(), offset = userCount
        var nodes: [Int32] = []
        nodes.reserveCapacity(3 * range.count)
        var seen = lastSeen.mutableSpan
        for t in range {
            Self.visit(triples.users[t], &seen, current, &nodes)
            Self.visit(offset + triples.positives[t], &seen, current, &nodes)
            Self.visit(offset + triples.negatives[t], &seen, current, &nodes)
        }
        return nodes
    }

    /// The distinct nodes of `triples[range]` with each triple's negative replaced by its
    /// `perTriple` candidates (`candidates[(t − range.lowerBound)·perTriple + c]`), in the
    /// first-seen order of user, positive, then candidates of each triple.
    mutating func nodes(_ triples: BPRTriples, _ range: Range<Int>, candidates: [Int32], perTriple: Int) -> [Int32] {
        precondition(candidates.count == range.count * perTriple, "perTriple candidates per triple")
        let current = nextStamp(), offset = userCount
        var nodes: [Int32] = []
        nodes.reserveCapacity(2 * range.count + candidates.count)
        var seen = lastSeen.mutableSpan
        var next = 0
        for t in range {
            Self.visit(triples.users[t], &seen, current, &nodes)
            Self.visit(offset + triples.positives[t], &seen, current, &nodes)
            for _ in 0..<perTriple {
                Self.visit(offset + candidates[next], &seen, current, &nodes)
                next += 1
            }
        }
        return nodes
    }

    /// Appends `node` to `nodes` unless `seen` already carries this batch's stamp for it.
    @inline(__always)
    private static func visit(_ node: Int32, _ seen: inout MutableSpan<Int32>, _ current: Int32, _ nodes: inout [Int32]) {
        if seen[Int(node)] != current {
            seen[Int(node)] = current
            nodes.append(node)
        }
    }

    /// The stamp of a new batch.
    private mutating func nextStamp() -> Int32 {
        stamp &+= 1
        if stamp < 0 {  // wrapped around after 2³¹ batches: start the stamps afresh
            stamp = 1
            lastSeen = [Int32](repeating: -1, count: lastSeen.count)
        }
        return stamp
    }
}
