import Foundation
import RecStore

/// What the server has learnt about users since the model being served was trained: the items
/// of their positive events (in arrival order, each once) and the items of their negative
/// events (never recommended to them). ``LiveRecommender`` updates it after every durable
/// append, so a user's next `/recommend` already reflects their events.
///
/// Entries carry a *generation*: a retrain takes its snapshot after ``beginGeneration()``, and
/// when its model is swapped in, ``rebase(keepingFrom:positives:)`` drops the entries older than
/// the snapshot (the new model has learnt them) and keeps the rest. Negative items are kept
/// across rebases (the model never learns "not this one" from positives alone).
///
/// Thread-safe (one lock); memory grows with the events since the last swap.
public final class LiveProfiles: @unchecked Sendable {
    /// One user's live items.
    public struct Profile: Sendable, Equatable {
        /// Items of positive events, oldest first, each once (external ids).
        public var positives: [String] = []
        /// Items of negative events (external ids).
        public var negatives: Set<String> = []

        /// An empty profile.
        public init() {}

        /// Whether there is nothing live for this user.
        public var isEmpty: Bool { positives.isEmpty && negatives.isEmpty }
    }

    private struct Entry {
        var items: [(item: String, generation: Int)] = []
        var listed: Set<String> = []
        var negatives: Set<String> = []
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var generation = 0
    private var appliedEvents = 0

    /// The types that are negative feedback (removed from positives, never recommended).
    public let negativeTypes: Set<String>
    /// Positive types whose weight is 0 (they are stored but change nothing).
    public let ignoredTypes: Set<String>

    /// Empty profiles; `weighting` decides which event types are positive and which negative.
    public init(weighting: EventWeighting) {
        negativeTypes = weighting.negativeTypes
        ignoredTypes = Set(weighting.weights.filter { $0.value <= 0 }.keys)
    }

    /// Adds events (in order). A negative event removes the item from the user's positives; a
    /// positive event after a negative one does not bring it back (as in ``TrainingInput``).
    public func apply(_ events: [StoreEvent]) {
        lock.withLock {
            for event in events { add(event) }
            appliedEvents += events.count
        }
    }

    private func add(_ event: StoreEvent) {
        if ignoredTypes.contains(event.type) { return }
        let generation = self.generation
        // Mutated in place (a copy out of the dictionary and back would copy the user's arrays).
        Self.update(&entries[event.user, default: Entry()], with: event, negative: negativeTypes.contains(event.type),
                    generation: generation)
    }

    private static func update(_ entry: inout Entry, with event: StoreEvent, negative: Bool, generation: Int) {
        if negative {
            entry.negatives.insert(event.item)
            if entry.listed.remove(event.item) != nil { entry.items.removeAll { $0.item == event.item } }
        } else if !entry.negatives.contains(event.item), entry.listed.insert(event.item).inserted {
            entry.items.append((event.item, generation))
        }
    }

    /// The live profile of `user` (empty when there is none).
    public func profile(of user: String) -> Profile {
        lock.withLock {
            guard let entry = entries[user] else { return Profile() }
            var profile = Profile()
            profile.positives = entry.items.map(\.item)
            profile.negatives = entry.negatives
            return profile
        }
    }

    /// Starts a new generation and returns it: events applied from now on belong to it.
    public func beginGeneration() -> Int {
        lock.withLock {
            generation += 1
            return generation
        }
    }

    /// After a swap: keeps the positives of generation `kept` and later (events the new model's
    /// snapshot may not contain; a duplicate of a trained pair is harmless), adds `positives`
    /// (pairs the new model did not train on, such as its evaluation hold-out), keeps every
    /// negative.
    public func rebase(keepingFrom kept: Int, positives: [(user: String, item: String)]) {
        lock.withLock {
            var rebuilt: [String: Entry] = [:]
            for (user, entry) in entries {
                var fresh = Entry()
                fresh.negatives = entry.negatives
                for pair in entry.items where pair.generation >= kept && fresh.listed.insert(pair.item).inserted {
                    fresh.items.append(pair)
                }
                rebuilt[user] = fresh
            }
            for pair in positives {
                var entry = rebuilt[pair.user] ?? Entry()
                if !entry.negatives.contains(pair.item), entry.listed.insert(pair.item).inserted {
                    entry.items.append((pair.item, kept))
                }
                rebuilt[pair.user] = entry
            }
            entries = rebuilt.filter { !$0.value.items.isEmpty || !$0.value.negatives.isEmpty }
        }
    }

    /// Users with a live profile.
    /// The positive pairs added before `generation` (``beginGeneration()``), in no set order.
    public func positivePairs(before generation: Int) -> [(user: String, item: String)] {
        lock.withLock {
            entries.flatMap { user, entry in entry.items.filter { $0.generation < generation }.map { (user: user, item: $0.item) } }
        }
    }

    public var userCount: Int { lock.withLock { entries.count } }

    /// Live positive (user, item) pairs.
    public var positiveCount: Int { lock.withLock { entries.values.reduce(0) { $0 + $1.items.count } } }

    /// Events applied since the server started.
    public var eventsApplied: Int { lock.withLock { appliedEvents } }
}
