extension InteractionLog {
    /// The log of the positives at `minRating` (see `interactions(minRating:)`), over the same
    /// vocabularies; the log itself when there is no threshold or no ratings.
    public func positives(minRating: Float?) -> InteractionLog {
        guard let records = recordIndices(positive: true, minRating: minRating) else { return self }
        return subset(records: records)
    }

    /// The log of the records `records` (increasing indices), over the same vocabularies, with
    /// the same titles and attributes.
    public func subset(records: [Int]) -> InteractionLog {
        var log = InteractionLog(
            unique: name, users: records.map { users[$0] }, items: records.map { items[$0] },
            ratings: ratings.map { r in records.map { r[$0] } },
            timestamps: timestamps.map { t in records.map { t[$0] } },
            userVocabulary: userVocabulary, itemVocabulary: itemVocabulary,
            duplicateCount: duplicateCount, warnings: warnings)
        log.itemTitles = itemTitles
        log.userAttributes = userAttributes
        log.itemAttributes = itemAttributes
        return log
    }

    /// The log without users and items that have no record, re-indexed densely in the same
    /// order; titles and attributes follow. Returns the kept old indices of users and items too.
    public func compacted() -> (log: InteractionLog, keptUsers: [Int], keptItems: [Int]) {
        var userSeen = [Bool](repeating: false, count: userCount)
        var itemSeen = [Bool](repeating: false, count: itemCount)
        for u in users { userSeen[Int(u)] = true }
        for i in items { itemSeen[Int(i)] = true }
        let keptUsers = (0..<userCount).filter { userSeen[$0] }
        let keptItems = (0..<itemCount).filter { itemSeen[$0] }
        var newUser = [Int32](repeating: -1, count: userCount)
        var newItem = [Int32](repeating: -1, count: itemCount)
        for (k, u) in keptUsers.enumerated() { newUser[u] = Int32(k) }
        for (k, i) in keptItems.enumerated() { newItem[i] = Int32(k) }
        var log = InteractionLog(
            unique: name, users: users.map { newUser[Int($0)] }, items: items.map { newItem[Int($0)] },
            ratings: ratings, timestamps: timestamps,
            userVocabulary: userVocabulary.subset(keptUsers), itemVocabulary: itemVocabulary.subset(keptItems),
            duplicateCount: duplicateCount, warnings: warnings)
        log.itemTitles = itemTitles.map { titles in keptItems.map { titles[$0] } }
        log.userAttributes = userAttributes?.subset(keptUsers)
        log.itemAttributes = itemAttributes?.subset(keptItems)
        return (log, keptUsers, keptItems)
    }
}
