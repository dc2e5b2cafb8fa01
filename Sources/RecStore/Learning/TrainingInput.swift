import RecData

/// A snapshot of events turned into what the existing training path reads: an
/// `InteractionLog` of positive (user, item) pairs.
///
/// What consumes the weights, honestly: today's trainers (BPR, LightGCN and the baselines) use
/// binary interactions. The weights decide (a) which pairs are positives at all (pairs below
/// `EventWeighting.minimumWeight`, and pairs with negative feedback, are left out; `--min-rating`
/// applies to the weight too, since it is stored as the log's rating) and (b) are kept in
/// `log.ratings` (and `weights`) for weighted samplers to come; no trainer multiplies a loss
/// by them yet.
public struct TrainingInput: Sendable {
    /// The positives: one record per (user, item) pair, `ratings` = the pair's weight,
    /// `timestamps` = its newest positive event (Unix seconds), vocabularies in order of first
    /// appearance in the snapshot.
    public var log: InteractionLog
    /// The weight of each record of `log` (the same numbers as `log.ratings`, in `Double`).
    public var weights: [Double]
    /// For each user (external id), the items (external ids) never to recommend: pairs with
    /// negative feedback. Sorted, for reproducible output.
    public var neverRecommend: [String: [String]]
    /// Pairs that had only positive events but a total weight below the minimum.
    public var droppedBelowMinimum: Int
    /// Pairs removed by negative feedback.
    public var removedByNegatives: Int
    /// Events read.
    public var eventCount: Int
    /// The snapshot's cursor (its highest sequence number).
    public var cursor: Int64

    /// Builds the input from `snapshot` with `weighting`; `name` names the log.
    public init(snapshot: EventSnapshot, weighting: EventWeighting, name: String = "events") {
        struct Pair { var weight: Double; var newest: Int64; var negative: Bool; var order: Int }
        let newest = snapshot.events.lazy.map(\.timestampMilliseconds).max() ?? 0
        var pairs: [PairKey: Pair] = [:]
        for (k, event) in snapshot.events.enumerated() {
            let key = PairKey(user: event.user, item: event.item)
            var pair = pairs[key] ?? Pair(weight: 0, newest: .min, negative: false, order: k)
            if weighting.negativeTypes.contains(event.type) {
                pair.negative = true
            } else {
                let age = Double(newest - event.timestampMilliseconds) / 1000
                pair.weight += weighting.weight(type: event.type, ageSeconds: age)
                pair.newest = max(pair.newest, event.timestampMilliseconds)
            }
            pairs[key] = pair
        }
        var never: [String: [String]] = [:]
        var kept: [(key: PairKey, pair: Pair)] = []
        var below = 0, negatives = 0
        for (key, pair) in pairs {
            if pair.negative {
                never[key.user, default: []].append(key.item)
                negatives += pair.newest == .min ? 0 : 1
            } else if pair.weight < weighting.minimumWeight {
                below += 1
            } else {
                kept.append((key, pair))
            }
        }
        kept.sort { $0.pair.order < $1.pair.order }
        var userVocabulary = Vocabulary(), itemVocabulary = Vocabulary()
        var users: [Int32] = [], items: [Int32] = [], ratings: [Float] = [], times: [Int64] = []
        for (key, pair) in kept {
            users.append(Int32(userVocabulary.insert(key.user)))
            items.append(Int32(itemVocabulary.insert(key.item)))
            ratings.append(Float(pair.weight))
            times.append(pair.newest >= 0 ? pair.newest / 1000 : (pair.newest - 999) / 1000)
        }
        log = InteractionLog(name: name, users: users, items: items, ratings: ratings, timestamps: times,
                             userVocabulary: userVocabulary, itemVocabulary: itemVocabulary)
        weights = kept.map(\.pair.weight)
        neverRecommend = never.mapValues { $0.sorted() }
        droppedBelowMinimum = below
        removedByNegatives = negatives
        eventCount = snapshot.events.count
        cursor = snapshot.cursor
    }

    /// One line for the command's output.
    public var summary: String {
        "\(eventCount) events → \(log.count) positive pairs (\(log.userCount) users, \(log.itemCount) items); "
            + "\(removedByNegatives) pairs removed by negative feedback, \(droppedBelowMinimum) below the minimum weight; "
            + "\(neverRecommend.values.reduce(0) { $0 + $1.count }) never-recommend pairs"
    }
}

/// A (user, item) pair of external ids.
private struct PairKey: Hashable {
    var user: String
    var item: String
}
