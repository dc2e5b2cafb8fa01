/// What `KCoreFilter` removed.
public struct KCoreReport: Sendable, Equatable, CustomStringConvertible {
    /// Number of passes until no user or item was below its core size.
    public let rounds: Int
    /// External ids of the users dropped (including users that had no record), in index order.
    public let droppedUsers: [String]
    /// External ids of the items dropped, in index order.
    public let droppedItems: [String]
    /// Number of records dropped.
    public let droppedInteractions: Int
    /// Numbers of users, items and records kept.
    public let keptUsers: Int, keptItems: Int, keptInteractions: Int

    /// `10-core: dropped 12 users, 40 items, 310 interactions in 3 rounds; kept …`.
    public var description: String {
        "dropped \(grouped(droppedUsers.count)) users, \(grouped(droppedItems.count)) items, "
            + "\(grouped(droppedInteractions)) interactions in \(rounds) rounds; kept \(grouped(keptUsers)) users, "
            + "\(grouped(keptItems)) items, \(grouped(keptInteractions)) interactions"
    }
}

/// k-core filtering: repeatedly drops users with fewer than `userCore` interactions and items
/// with fewer than `itemCore`, until every remaining user and item has enough (dropping a user
/// lowers its items' counts, and so on). The result is the largest sub-log with that property,
/// re-indexed densely (vocabularies, titles and attributes follow).
///
/// - Complexity: O(rounds · records).
public struct KCoreFilter: Sendable, Equatable {
    /// Minimum interactions per kept user.
    public let userCore: Int
    /// Minimum interactions per kept item.
    public let itemCore: Int

    /// The same core size for users and items.
    public init(k: Int) {
        self.init(userCore: k, itemCore: k)
    }

    /// Separate core sizes (each ≥ 1).
    public init(userCore: Int, itemCore: Int) {
        self.userCore = userCore
        self.itemCore = itemCore
    }

    /// The filtered log and what was dropped. Throws `DataError.invalidParameter` for a core
    /// size below 1.
    public func apply(to log: InteractionLog) throws -> (log: InteractionLog, report: KCoreReport) {
        guard userCore >= 1 && itemCore >= 1 else {
            throw DataError.invalidParameter(name: "k-core", reason: "core sizes must be at least 1")
        }
        var alive = [Bool](repeating: true, count: log.count)
        var rounds = 0
        while true {
            rounds += 1
            var userDegree = [Int](repeating: 0, count: log.userCount)
            var itemDegree = [Int](repeating: 0, count: log.itemCount)
            for k in 0..<log.count where alive[k] {
                userDegree[Int(log.users[k])] += 1
                itemDegree[Int(log.items[k])] += 1
            }
            var changed = false
            for k in 0..<log.count where alive[k] {
                if userDegree[Int(log.users[k])] < userCore || itemDegree[Int(log.items[k])] < itemCore {
                    alive[k] = false
                    changed = true
                }
            }
            if !changed { break }
        }
        let kept = (0..<log.count).filter { alive[$0] }
        let (filtered, keptUsers, keptItems) = log.subset(records: kept).compacted()
        func dropped(_ keptIndices: [Int], _ vocabulary: Vocabulary) -> [String] {
            var isKept = [Bool](repeating: false, count: vocabulary.count)
            for k in keptIndices { isKept[k] = true }
            return (0..<vocabulary.count).filter { !isKept[$0] }.map { vocabulary.id(at: $0) }
        }
        let report = KCoreReport(
            rounds: rounds, droppedUsers: dropped(keptUsers, log.userVocabulary),
            droppedItems: dropped(keptItems, log.itemVocabulary), droppedInteractions: log.count - kept.count,
            keptUsers: filtered.userCount, keptItems: filtered.itemCount, keptInteractions: filtered.count)
        return (filtered, report)
    }
}
