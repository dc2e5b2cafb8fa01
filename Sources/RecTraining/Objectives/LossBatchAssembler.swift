import RecData
import RecKernels

/// Builds the ``LossBatch`` of a range of sampled triples for an objective: lists the distinct
/// nodes the objective reads (in first-seen order: each triple's user, positive and, for BPR, its
/// negative; then the shared negatives) and numbers them, with a per-node stamp of the last batch
/// that touched it, so that no clearing is needed between batches.
struct LossBatchAssembler {
    /// Number of users `U`: item `i` is node `U + i`.
    let userCount: Int32
    /// For node `v`: `marks[2v]` is the stamp of the last batch that listed it, `marks[2v + 1]`
    /// its row in that batch (side by side, so that a visit touches one cache line).
    private var marks: [Int32]
    private var stamp: Int32 = 0

    /// An assembler over `userCount + itemCount` nodes.
    init(userCount: Int, itemCount: Int) {
        self.userCount = Int32(userCount)
        marks = [Int32](repeating: -1, count: 2 * (userCount + itemCount))
    }

    /// The batch of `triples[range]` for `loss`, with score vectors of `width` numbers (not yet filled).
    ///
    /// - Parameters:
    ///   - negatives: for the softmax losses, where the shared negatives come from.
    ///   - uniformItems: the items drawn uniformly for this batch (used when `negatives` asks for them).
    mutating func assemble(_ triples: BPRTriples, _ range: Range<Int>, loss: TrainingLoss, negatives: NegativeSource,
                           uniformItems: [Int32], width: Int) -> LossBatch {
        stamp &+= 1
        if stamp < 0 {  // wrapped around after 2³¹ batches: start the stamps afresh
            stamp = 1
            marks = [Int32](repeating: -1, count: marks.count)
        }
        let current = stamp, offset = userCount
        var nodes: [Int32] = []
        nodes.reserveCapacity(3 * range.count + uniformItems.count)
        var users: [Int32] = [], positives: [Int32] = [], ownNegatives: [Int32] = []
        users.reserveCapacity(range.count)
        positives.reserveCapacity(range.count)
        var shared: [Int32] = []
        var marks = self.marks.mutableSpan
        for t in range {
            users.append(Self.row(of: triples.users[t], &marks, current, &nodes))
            positives.append(Self.row(of: offset + triples.positives[t], &marks, current, &nodes))
            if loss == .bpr { ownNegatives.append(Self.row(of: offset + triples.negatives[t], &marks, current, &nodes)) }
        }
        if loss == .softmax || loss == .bsl {
            var listed = [Bool](repeating: false, count: nodes.count + uniformItems.count)
            @inline(__always) func share(_ row: Int32) {
                if !listed[Int(row)] { listed[Int(row)] = true; shared.append(row) }
            }
            if negatives.usesBatch { for row in positives { share(row) } }
            if negatives.usesUniform {
                for item in uniformItems { share(Self.row(of: offset + item, &marks, current, &nodes)) }
            }
        }
        return LossBatch(nodes: nodes, unfilledWidth: width, users: users, positives: positives, negatives: ownNegatives,
                         sharedNegatives: shared)
    }

    /// The row of `node` in this batch (`marks[2·node + 1]` once `marks[2·node]` carries the
    /// batch's stamp `current`), appending it to `nodes` the first time the batch meets it.
    @inline(__always)
    private static func row(of node: Int32, _ marks: inout MutableSpan<Int32>, _ current: Int32,
                            _ nodes: inout [Int32]) -> Int32 {
        let at = 2 * Int(node)
        if marks[at] != current {
            marks[at] = current
            marks[at + 1] = Int32(nodes.count)
            nodes.append(node)
        }
        return marks[at + 1]
    }
}
