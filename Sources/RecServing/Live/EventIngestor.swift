import Foundation
import RecStore

/// Takes event batches from `POST /events` into the store, with back-pressure.
///
/// A batch is parsed and validated as a whole first (``EventParser``: a bad event is a 400
/// naming its index and field, and nothing of the batch is stored), then admitted to a bounded
/// queue of at most ``capacity`` events waiting for their transaction; when the queue is full
/// the batch is refused at once with 503 and `Retry-After`, so memory stays bounded whatever the
/// clients send. An admitted batch is answered only after `EventStore.append` has committed it
/// (durable), then applied to the ``LiveProfiles``.
///
/// Thread-safe. Counters feed `/health` and `/metrics`.
public final class EventIngestor: @unchecked Sendable {
    /// The store the events go to.
    public let store: any EventStore
    /// Parses request bodies.
    public let parser: EventParser
    /// The most events admitted and not yet committed.
    public let capacity: Int
    /// Updated after every committed batch.
    public let profiles: LiveProfiles

    private let lock = NSLock()
    private var pendingEvents = 0
    private var counters = Counters()
    private var rate = RateWindow()

    /// What the ingestor has done since the server started.
    public struct Counters: Sendable, Equatable {
        /// Events stored.
        public var inserted = 0
        /// Events ignored because their id was already stored.
        public var duplicates = 0
        /// Batches refused as invalid (400).
        public var rejectedBatches = 0
        /// Batches refused because the queue was full (503).
        public var refusedBatches = 0
        /// Batches whose transaction failed (503).
        public var failedBatches = 0
        /// Batches committed.
        public var committedBatches = 0
    }

    /// Where a failed transaction is reported (the server's log).
    public let log: @Sendable (String) -> Void

    /// An ingestor into `store`, queueing at most `capacity` events; store failures are
    /// reported to `log`.
    public init(store: any EventStore, profiles: LiveProfiles, parser: EventParser = EventParser(), capacity: Int = 50_000,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        precondition(capacity >= 1, "EventIngestor: capacity must be ≥ 1")
        self.log = log
        self.store = store
        self.profiles = profiles
        self.parser = parser
        self.capacity = capacity
    }

    /// Parses `body` (`format`: JSON object or array, NDJSON or CSV), stores it and returns what
    /// the store did.
    ///
    /// - Throws: ``ServingError/badRequest(_:)`` for an invalid batch (the message lists the
    ///   events and fields at fault), ``ServingError/payloadTooLarge(_:)`` for a batch larger
    ///   than the whole queue, ``ServingError/unavailable(_:retryAfter:)`` when the
    ///   queue is full or the store failed (nothing of the batch is stored).
    public func ingest(_ body: Data, format: EventParser.Format) async throws(ServingError) -> AppendResult {
        let events: [StoreEvent]
        do {
            events = try parser.parse(body, format: format)
        } catch {
            lock.withLock { counters.rejectedBatches += 1 }
            throw .badRequest("\(error)")
        }
        if events.isEmpty { return AppendResult(inserted: 0, duplicates: 0) }
        if events.count > capacity {
            lock.withLock { counters.rejectedBatches += 1 }
            throw .payloadTooLarge("a batch of \(events.count) events is larger than the ingest queue (\(capacity) events); send smaller batches")
        }
        let admitted = lock.withLock { () -> Bool in
            guard pendingEvents + events.count <= capacity else {
                counters.refusedBatches += 1
                return false
            }
            pendingEvents += events.count
            return true
        }
        guard admitted else {
            throw .unavailable("the ingest queue is full (\(capacity) events waiting for the store); retry later", retryAfter: 1)
        }
        let result: AppendResult
        do {
            result = try await store.append(events)
        } catch {
            lock.withLock {
                pendingEvents -= events.count
                counters.failedBatches += 1
            }
            log("POST /events: the store did not commit a batch of \(events.count) events (answered 503): \(error)")
            throw .unavailable("the event store did not commit the batch (nothing of it was stored): \(error)", retryAfter: 1)
        }
        profiles.apply(events)
        lock.withLock {
            pendingEvents -= events.count
            counters.inserted += result.inserted
            counters.duplicates += result.duplicates
            counters.committedBatches += 1
            rate.add(result.inserted, at: Date())
        }
        return result
    }

    /// Events admitted and not yet committed.
    public var queueDepth: Int { lock.withLock { pendingEvents } }

    /// The counters so far.
    public var totals: Counters { lock.withLock { counters } }

    /// Events stored per second over the last ten seconds.
    public var eventsPerSecond: Double { lock.withLock { rate.perSecond(at: Date()) } }

    /// Waits until no admitted batch is waiting for its transaction (at most `timeout` seconds).
    /// Returns whether the queue drained.
    public func drain(timeout: Double = 30) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while queueDepth > 0 {
            if Date() > deadline { return false }
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        return true
    }
}

/// Counts over the last ten whole seconds, for an ingest rate.
struct RateWindow {
    private var buckets = [Int](repeating: 0, count: 10)
    private var seconds = [Int](repeating: -1, count: 10)

    mutating func add(_ count: Int, at date: Date) {
        let second = Int(date.timeIntervalSince1970)
        let slot = second % buckets.count
        if seconds[slot] != second {
            seconds[slot] = second
            buckets[slot] = 0
        }
        buckets[slot] += count
    }

    func perSecond(at date: Date) -> Double {
        let now = Int(date.timeIntervalSince1970)
        var total = 0
        for (slot, second) in seconds.enumerated() where second > now - buckets.count && second <= now { total += buckets[slot] }
        return Double(total) / Double(buckets.count)
    }
}
