import Dispatch
import Foundation
import RecModels

/// Scores requests that arrive together in shared passes over the items.
///
/// Scoring one user reads the whole packed item table (`I × D` floats: 10.5 MB for Gowalla), so
/// under load memory bandwidth, not arithmetic, bounds throughput. ``ScoringRequest/run(_:)``
/// scores up to 32 queries in one pass (the scorer's tiles of 8 share each block of items while
/// it is in cache). The batcher keeps a queue of waiting requests and at most `workers` scoring
/// loops. A request that finds no loop running is scored at once, alone (no added latency when
/// the server is quiet); requests that arrive while a loop is busy wait and are then taken 32 at
/// a time (those that can share a pass with the oldest, in arrival order). A further loop starts
/// only when a full pass is waiting, or for a request that is never batched (a new user scored
/// by its items' history): two loops each scoring a lone request would read the item table
/// twice where one loop shares it.
///
/// Results are the same as scoring each request alone: the kernel sums every score in the same
/// order whatever the batch.
public final class ScoringBatcher: @unchecked Sendable {
    /// The most requests scored in one pass.
    public static let maxBatch = 32

    /// Scoring loops at most (default: the active processor count).
    public let workers: Int

    private typealias Entry = (request: ScoringRequest, continuation: CheckedContinuation<[ScoredItem], Never>)
    private let lock = NSLock()
    private var pending: [Entry] = []
    private var running = 0
    private let queue = DispatchQueue(label: "lightgcn.scoring", qos: .userInitiated, attributes: .concurrent)

    /// A batcher with at most `workers` scoring loops.
    ///
    /// - Precondition: `workers ≥ 1`.
    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        precondition(workers >= 1, "ScoringBatcher: workers must be ≥ 1")
        self.workers = workers
    }

    /// The top items of `request`, best first (as `request.run()`).
    public func score(_ request: ScoringRequest) async -> [ScoredItem] {
        await withCheckedContinuation { continuation in
            lock.lock()
            pending.append((request, continuation))
            let start = running == 0
                || (running < workers && (pending.count >= Self.maxBatch || !request.sharesPasses))
            if start { running += 1 }
            lock.unlock()
            if start { queue.async { self.drain() } }
        }
    }

    /// One scoring loop: takes batches until the queue is empty.
    private func drain() {
        while let batch = nextBatch() {
            let results = ScoringRequest.run(batch.map(\.request))
            for (entry, result) in zip(batch, results) { entry.continuation.resume(returning: result) }
        }
    }

    /// The oldest waiting request and up to 31 more that can share its pass; nil (and the loop
    /// ends) when nothing waits.
    private func nextBatch() -> [Entry]? {
        lock.lock()
        defer { lock.unlock() }
        guard !pending.isEmpty else {
            running -= 1
            return nil
        }
        let first = pending.removeFirst()
        var batch = [first]
        var index = 0
        while batch.count < Self.maxBatch && index < pending.count {
            if pending[index].request.canShareAPass(with: first.request) {
                batch.append(pending.remove(at: index))
            } else {
                index += 1
            }
        }
        return batch
    }
}
