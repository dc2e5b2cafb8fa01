import Foundation
import RecStore
import RecTraining

/// The living recommender: a served model, the event store it learns from, the users' live
/// profiles and the retrains.
///
/// - `POST /events` → ``EventIngestor``: durable append, then the user's ``LiveProfiles``
///   entry, so their next `/recommend` folds in the new items at once;
/// - ``retrain()`` (`POST /admin/retrain`, or every `--retrain-every`): a snapshot of the
///   store, a candidate fitted off the request threads (``ModelRetrainer``), compared with the
///   served model on the most recent events held out, written beside the served file and
///   swapped in atomically only if it is not worse; the decision and both metrics go to the
///   log, `/health` and `/metrics`, and the version to the store's `model_versions`.
///   Requests in flight during a swap finish on the model they started with.
public final class LiveRecommender: @unchecked Sendable {
    /// The served model.
    public let models: ModelStore
    /// The event store.
    public let store: any EventStore
    /// The store's name for messages (a path, or a URL without password).
    public let storeName: String
    /// What users did since the served model was trained.
    public let profiles: LiveProfiles
    /// `POST /events`.
    public let ingestor: EventIngestor
    /// Fits and compares candidates.
    public let retrainer: ModelRetrainer
    /// How new items of a user are folded in.
    public let foldIn: any FoldInStrategy
    /// Where log lines go (the command prints them to standard error).
    public let log: @Sendable (String) -> Void

    private let lock = NSLock()
    private var state: State

    private struct State {
        var modelCursor: Int64
        var modelSince: Date
        var eventsAtStart: Int
        var insertedAtSwap = 0
        var running = false
        var last: RetrainOutcome?
        var decisions: [RetrainOutcome.Decision: Int] = [:]
        var retrainSeconds = 0.0
        var updates = 0
        var lastUpdate: LiveIncrementalUpdate.Result?
        var insertedAtUpdate = 0
        var lastUpdateTime = Date()
    }

    /// What the store knew of the served model at start.
    public struct Start: Sendable {
        /// The highest event sequence the served model was trained on (0: none recorded).
        public var modelCursor: Int64
        /// Whether `model_versions` recorded the served file.
        public var recorded: Bool
        /// Events after the cursor, applied to the live profiles.
        public var eventsAfterCursor: Int
    }

    /// Opens the living recommender over `models` and a migrated `store`: reads the served
    /// model's cursor from the store's model versions (the latest version whose location is the
    /// served file; none: every stored event is new to the model) and applies the events after it
    /// to the live profiles (negative events of the whole history too).
    public static func open(models: ModelStore, store: any EventStore, storeName: String, weighting: EventWeighting,
                            queueCapacity: Int = 50_000, k: Int = 20, foldIn: any FoldInStrategy = PropagationFoldInStrategy(),
                            log: @escaping @Sendable (String) -> Void = { _ in }) async throws -> (LiveRecommender, Start) {
        let path = Self.absolute(models.path)
        let version = try await store.modelVersions().last { Self.absolute($0.location) == path }
        let cursor = version?.eventCursor ?? 0
        let profiles = LiveProfiles(weighting: weighting)
        var stored: [StoredEvent] = []
        var next = cursor
        while true {
            let page = try await store.events(after: next, limit: 10_000)
            stored += page
            guard let last = page.last, page.count == 10_000 else { break }
            next = last.sequence
        }
        if cursor > 0 {
            // Negative feedback from before the model's snapshot still forbids those items.
            let newer = Set(stored.map(\.event.eventID))
            profiles.apply(try await store.snapshot().events.filter {
                weighting.negativeTypes.contains($0.type) && !newer.contains($0.eventID)
            })
        }
        profiles.apply(stored.map(\.event))
        let after = stored.count
        let live = LiveRecommender(
            models: models, store: store, storeName: storeName, profiles: profiles,
            ingestor: EventIngestor(store: store, profiles: profiles, capacity: queueCapacity, log: log),
            retrainer: ModelRetrainer(weighting: weighting, k: k), foldIn: foldIn, log: log,
            state: State(modelCursor: cursor,
                         modelSince: version.map { Date(timeIntervalSince1970: Double($0.createdAtMilliseconds) / 1000) }
                             ?? models.current.loadedAt,
                         eventsAtStart: after))
        return (live, Start(modelCursor: cursor, recorded: version != nil, eventsAfterCursor: after))
    }

    private init(models: ModelStore, store: any EventStore, storeName: String, profiles: LiveProfiles, ingestor: EventIngestor,
                 retrainer: ModelRetrainer, foldIn: any FoldInStrategy, log: @escaping @Sendable (String) -> Void, state: State) {
        self.models = models
        self.store = store
        self.storeName = storeName
        self.profiles = profiles
        self.ingestor = ingestor
        self.retrainer = retrainer
        self.foldIn = foldIn
        self.log = log
        self.state = state
    }

    /// Retrains now and returns the outcome (the swap, when there is one, has happened).
    ///
    /// - Throws: ``ServingError/conflict(_:)`` when a retrain is already running.
    public func retrain() async throws(ServingError) -> RetrainOutcome {
        guard claim() else { throw .conflict("a retrain or an incremental update is already running") }
        return await retrainClaimed()
    }

    /// Marks a retrain or update as running; false when one already is.
    private func claim() -> Bool {
        lock.withLock {
            if state.running { return false }
            state.running = true
            return true
        }
    }

    /// ``retrain()`` once ``claim()`` succeeded.
    private func retrainClaimed() async -> RetrainOutcome {
        let outcome = await runRetrain()
        lock.withLock {
            state.running = false
            state.last = outcome
            state.decisions[outcome.decision, default: 0] += 1
            state.retrainSeconds += outcome.seconds
        }
        log(outcome.logLine)
        return outcome
    }

    /// Folds the live positive pairs into the served model now (``LiveIncrementalUpdate``) and
    /// swaps the result in; the pairs then leave the live profiles. Nil when the served kind is
    /// not updated incrementally or a retrain or another update is running.
    @discardableResult
    public func update(_ update: LiveIncrementalUpdate = LiveIncrementalUpdate()) async -> LiveIncrementalUpdate.Result? {
        let served = models.current
        guard LiveIncrementalUpdate.supports(served), claim() else { return nil }
        defer { lock.withLock { state.running = false } }
        let inserted = ingestor.totals.inserted
        let generation = profiles.beginGeneration()
        let pairs = profiles.positivePairs(before: generation)
        let path = models.path
        do {
            let result = try await Self.offThread { try update.run(served: served, pairs: pairs) }
            guard let model = result.model else {
                lock.withLock { state.insertedAtUpdate = inserted; state.lastUpdateTime = Date() }
                return result
            }
            let fresh = try await Self.offThread { ServingModel(model: model, source: path) }
            models.replace(with: fresh, path: path)
            // Pairs the update could not add (an unknown user or item the catalog cannot take) stay live.
            let leftover = pairs.filter { pair in
                guard let u = fresh.userIndex(of: pair.user), let i = fresh.itemIndex(of: pair.item) else { return true }
                return !fresh.seenItems.contains(row: u, Int32(i))
            }
            profiles.rebase(keepingFrom: generation, positives: leftover)
            lock.withLock {
                state.updates += 1
                state.lastUpdate = result
                state.insertedAtUpdate = inserted
                state.lastUpdateTime = Date()
            }
            log(String(format: "incremental update: %d pairs (%d new users, %d new items) folded into the model in %.3f s",
                       result.pairs, result.newUsers, result.newItems, result.seconds))
            return result
        } catch {
            log("incremental update failed: \(error)")
            return nil
        }
    }

    /// Runs ``update(_:)`` whenever `events` events were stored since the last one, or `seconds`
    /// passed with at least one event stored (checked every second), until cancelled.
    public func updateEvery(events: Int?, seconds: Double?, _ update: LiveIncrementalUpdate = LiveIncrementalUpdate()) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 1_000_000_000)
                let inserted = ingestor.totals.inserted
                let (since, last) = lock.withLock { (inserted - state.insertedAtUpdate, state.lastUpdateTime) }
                let byCount = events.map { since >= $0 } ?? false
                let byTime = seconds.map { since > 0 && Date().timeIntervalSince(last) >= $0 } ?? false
                if byCount || byTime { await self.update(update) }
            }
        }
    }

    /// Incremental updates applied since the server started.
    public var updateCount: Int { lock.withLock { state.updates } }

    /// The last incremental update that changed the model.
    public var lastUpdate: LiveIncrementalUpdate.Result? { lock.withLock { state.lastUpdate } }

    /// Starts ``retrain()`` in the background; false when a retrain or an update is already
    /// running.
    public func startRetrain() -> Bool {
        guard claim() else { return false }
        Task { _ = await retrainClaimed() }
        return true
    }

    /// Retrains every `seconds` until the returned task is cancelled (a retrain still running
    /// when the next one is due is not doubled).
    public func retrainEvery(_ seconds: Double) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
                if Task.isCancelled { break }
                _ = try? await retrain()
            }
        }
    }

    private func runRetrain() async -> RetrainOutcome {
        let start = Date()
        let generation = profiles.beginGeneration()
        let served = models.current
        let servedPath = models.path
        do {
            let snapshot = try await store.snapshot()
            let retrainer = self.retrainer, foldIn = self.foldIn
            let result = try await Self.offThread { try retrainer.run(snapshot: snapshot, served: served, foldIn: foldIn) }
            var outcome = result.outcome
            guard outcome.decision == .swapped, let candidate = result.candidate else { return outcome }
            let path = Self.versionPath(servedPath, cursor: outcome.cursor)
            let fresh = try await Self.offThread { () throws -> ServingModel in
                try ModelRegistry.save(candidate, to: path)
                return ServingModel(model: candidate, source: path)
            }
            outcome.modelPath = path
            outcome.seconds = Date().timeIntervalSince(start)
            let inserted = ingestor.totals.inserted
            models.replace(with: fresh, path: path)
            profiles.rebase(keepingFrom: generation, positives: result.heldOut)
            lock.withLock {
                state.modelCursor = outcome.cursor
                state.modelSince = Date()
                state.eventsAtStart = 0
                state.insertedAtSwap = inserted
            }
            let metrics = (try? JSONEncoder().encode(outcome)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
            _ = try await store.recordModelVersion(ModelVersion(
                createdAtMilliseconds: Int64(Date().timeIntervalSince1970 * 1000), location: Self.absolute(path),
                eventCursor: outcome.cursor, eventCount: outcome.events, metricsJSON: metrics))
            return outcome
        } catch {
            var outcome = RetrainOutcome(decision: .failed, reason: "\(error)", k: retrainer.k)
            outcome.seconds = Date().timeIntervalSince(start)
            return outcome
        }
    }

    /// Whether a retrain is running.
    public var isRetraining: Bool { lock.withLock { state.running } }

    /// The last retrain's outcome.
    public var lastRetrain: RetrainOutcome? { lock.withLock { state.last } }

    /// Retrains by decision since the server started.
    public var retrainCounts: [RetrainOutcome.Decision: Int] { lock.withLock { state.decisions } }

    /// Seconds spent retraining since the server started.
    public var retrainSeconds: Double { lock.withLock { state.retrainSeconds } }

    /// The highest event sequence the served model was trained on.
    public var modelCursor: Int64 { lock.withLock { state.modelCursor } }

    /// Events stored since the served model's snapshot (known at start, plus those ingested since).
    public var eventsSinceModel: Int {
        let inserted = ingestor.totals.inserted
        return lock.withLock { state.eventsAtStart + inserted - state.insertedAtSwap }
    }

    /// Seconds since the served model's snapshot was taken (its recorded version) or, for a
    /// model the store has not recorded, since it was loaded.
    public var lagSeconds: Double { lock.withLock { Date().timeIntervalSince(state.modelSince) } }

    /// Waits for the ingest queue to drain, then closes the store.
    public func close() async {
        _ = await ingestor.drain()
        try? await store.close()
    }

    /// `path` made absolute and standardised, to compare model file locations.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The file a retrained model is written to: beside `served`, `NAME.events-CURSOR.lgcn`
    /// (an earlier `.events-N` part of the name is replaced).
    static func versionPath(_ served: String, cursor: Int64) -> String {
        let url = URL(fileURLWithPath: served)
        var stem = url.deletingPathExtension().lastPathComponent
        if let range = stem.range(of: #"\.events-\d+$"#, options: .regularExpression) { stem.removeSubrange(range) }
        let ext = url.pathExtension.isEmpty ? "lgcn" : url.pathExtension
        return url.deletingLastPathComponent().appendingPathComponent("\(stem).events-\(cursor).\(ext)").path
    }

    /// Runs `body` on a global dispatch queue (CPU-bound work off the server's threads).
    static func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .utility).async { continuation.resume(with: Result { try body() }) }
        }
    }
}
