import RecData
import RecKernels

/// Builds the ``LossBatch`` of a range of sampled triples for an objective: lists the distinct
/// nodes the objective reads (in first-seen order: each triple's user, positive and, for BPR, its
/// negative; then the shared negatives) and numbers them, with a per-node stamp of the last batch
/// that touched it, so that no clearing is needed between batches.
struct LossBatchAssembler {
    /// Number of users `U`: item `i` is node `U + i`.
    let userCount: Int32
    private var lastSeen: [Int32]
    private var position: [Int32]
    private var stamp: Int32 = 0

    /// An assembler over `userCount + itemCount` nodes.
    init(userCount: Int, itemCount: Int) {
        self.userCount = Int32(userCount)
        lastSeen = [Int32](repeating: -1, count: userCount + itemCount)
        position = [Int32](repeating: 0, count: userCount + itemCount)
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
            lastSeen = [Int32](repeating: -1, count: lastSeen.count)
        }
        let current = stamp, offset = userCount
        var nodes: [Int32] = []
        nodes.reserveCapacity(3 * range.count + uniformItems.count)
        var users: [Int32] = [], positives: [Int32] = [], ownNegatives: [Int32] = []
        users.reserveCapacity(range.count)
        positives.reserveCapacity(range.count)
        var shared: [Int32] = []
        lastSeen.withUnsafeMutableBufferPointer { seen in
            position.withUnsafeMutableBufferPointer { position in
                @inline(__always) func visit(_ node: Int32) -> Int32 {
                    if seen[Int(node)] != current {
                        seen[Int(node)] = current
                        position[Int(node)] = Int32(nodes.count)
                        nodes.append(node)
                    }
                    return position[Int(node)]
                }
                for t in range {
                    users.append(visit(triples.users[t]))
                    positives.append(visit(offset + triples.positives[t]))
                    if loss == .bpr { ownNegatives.append(visit(offset + triples.negatives[t])) }
                }
                guard loss == .softmax || loss == .bsl else { return }
                var listed = [Bool](repeating: false, count: nodes.count + uniformItems.count)
                @inline(__always) func share(_ row: Int32) {
                    if !listed[Int(row)] { listed[Int(row)] = true; shared.append(row) }
                }
                if negatives.usesBatch { for row in positives { share(row) } }
                if negatives.usesUniform { for item in uniformItems { share(visit(offset + item)) } }
            }
        }
        return LossBatch(nodes: nodes, width: width, users: users, positives: positives, negatives: ownNegatives,
                         sharedNegatives: shared)
    }
}
