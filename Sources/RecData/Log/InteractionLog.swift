/// The records of an interaction file after parsing: who interacted with what, with an optional
/// rating (or implicit weight such as a listening count) and an optional Unix timestamp, in
/// dense indices of two vocabularies.
///
/// Record `k` is `(users[k], items[k], ratings?[k], timestamps?[k])`; the arrays are parallel and
/// in file order. Each (user, item) pair occurs once: when a file repeats a pair, the earliest
/// record by timestamp is kept (the first in file order on ties or without timestamps) and the
/// others are counted in `duplicateCount` and reported in `warnings`.
///
/// The vocabularies hold every user and item that occurs in the file, in order of first
/// appearance; loaders attach titles and attribute tables aligned to them.
public struct InteractionLog: Sendable, Equatable {
    /// A short name for reports, for example `"ml-100k"`.
    public var name: String
    /// The user index of each record.
    public let users: [Int32]
    /// The item index of each record.
    public let items: [Int32]
    /// The rating (explicit feedback) or weight (implicit counts) of each record, if the file has one.
    public let ratings: [Float]?
    /// The Unix time in seconds (UTC) of each record, if the file has one.
    public let timestamps: [Int64]?
    /// External user ids ↔ user indices.
    public let userVocabulary: Vocabulary
    /// External item ids ↔ item indices.
    public let itemVocabulary: Vocabulary
    /// The title of each item index, if the dataset has titles.
    public var itemTitles: [String]? {
        didSet { precondition(itemTitles.map { $0.count == itemCount } ?? true, "one title per item") }
    }
    /// User attributes aligned to `userVocabulary` (row `k` = user index `k`), if any.
    public var userAttributes: AttributeTable? {
        didSet { precondition(userAttributes.map { $0.keys == userVocabulary } ?? true, "rows must match users") }
    }
    /// Item attributes aligned to `itemVocabulary` (row `k` = item index `k`), if any.
    public var itemAttributes: AttributeTable? {
        didSet { precondition(itemAttributes.map { $0.keys == itemVocabulary } ?? true, "rows must match items") }
    }
    /// How many repeated (user, item) records were dropped (here and by the loader).
    public let duplicateCount: Int
    /// What the loader noticed and handled (see `DataWarning`).
    public var warnings: [DataWarning]

    /// A log from parallel arrays; repeated (user, item) pairs are kept once as described above
    /// and counted in `duplicateCount` (plus `previousDuplicates` dropped before).
    /// Every index must be below its vocabulary's `count`.
    public init(
        name: String, users: [Int32], items: [Int32], ratings: [Float]? = nil, timestamps: [Int64]? = nil,
        userVocabulary: Vocabulary, itemVocabulary: Vocabulary, previousDuplicates: Int = 0,
        warnings: [DataWarning] = []
    ) {
        precondition(users.count == items.count, "users and items differ in length")
        precondition(ratings.map { $0.count == users.count } ?? true, "ratings differ in length")
        precondition(timestamps.map { $0.count == users.count } ?? true, "timestamps differ in length")
        precondition(users.allSatisfy { $0 >= 0 && Int($0) < userVocabulary.count }, "user index out of range")
        precondition(items.allSatisfy { $0 >= 0 && Int($0) < itemVocabulary.count }, "item index out of range")
        let result = PairDeduplicator.deduplicate(
            users: users, items: items, timestamps: timestamps,
            userCount: userVocabulary.count, itemCount: itemVocabulary.count)
        if let kept = result.kept {
            self.init(unique: name, users: kept.map { users[$0] }, items: kept.map { items[$0] },
                      ratings: ratings.map { r in kept.map { r[$0] } },
                      timestamps: timestamps.map { t in kept.map { t[$0] } },
                      userVocabulary: userVocabulary, itemVocabulary: itemVocabulary,
                      duplicateCount: previousDuplicates + result.duplicateCount, warnings: warnings)
        } else {
            self.init(unique: name, users: users, items: items, ratings: ratings, timestamps: timestamps,
                      userVocabulary: userVocabulary, itemVocabulary: itemVocabulary,
                      duplicateCount: previousDuplicates, warnings: warnings)
        }
    }

    /// A log whose (user, item) pairs are already unique.
    init(
        unique name: String, users: [Int32], items: [Int32], ratings: [Float]?, timestamps: [Int64]?,
        userVocabulary: Vocabulary, itemVocabulary: Vocabulary, duplicateCount: Int, warnings: [DataWarning]
    ) {
        self.name = name
        self.users = users
        self.items = items
        self.ratings = ratings
        self.timestamps = timestamps
        self.userVocabulary = userVocabulary
        self.itemVocabulary = itemVocabulary
        self.duplicateCount = duplicateCount
        self.warnings = warnings
    }

    /// Number of records (unique (user, item) pairs).
    public var count: Int { users.count }
    /// Number of users (`userVocabulary.count`), including users without records.
    public var userCount: Int { userVocabulary.count }
    /// Number of items (`itemVocabulary.count`), including items without records.
    public var itemCount: Int { itemVocabulary.count }

    /// The vocabularies, titles and attributes, to attach to a `RecommendationDataset`.
    public var catalog: DatasetCatalog {
        DatasetCatalog(users: userVocabulary, items: itemVocabulary, itemTitles: itemTitles,
                       userAttributes: userAttributes, itemAttributes: itemAttributes)
    }

    /// One line for logs: `ml-100k: 943 users, 1,682 items, 100,000 records (ratings, timestamps), 0 duplicates dropped`.
    public var summary: String {
        let fields = [ratings == nil ? nil : "ratings", timestamps == nil ? nil : "timestamps"].compactMap { $0 }
        return "\(name): \(grouped(userCount)) users, \(grouped(itemCount)) items, \(grouped(count)) records"
            + (fields.isEmpty ? "" : " (\(fields.joined(separator: ", ")))")
            + ", \(grouped(duplicateCount)) duplicates dropped"
    }
}
