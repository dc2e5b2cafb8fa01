/// Collects records while a loader parses a file: external ids are interned straight from the
/// file's bytes, and the 1-based line of each record is kept so that warnings can name lines.
struct InteractionLogBuilder {
    var userIDs = ByteInterner()
    var itemIDs = ByteInterner()
    private(set) var users: [Int32] = []
    private(set) var items: [Int32] = []
    private(set) var ratings: [Float] = []
    private(set) var timestamps: [Int64] = []
    private(set) var lines: [Int32] = []
    let hasRatings: Bool
    let hasTimestamps: Bool

    init(hasRatings: Bool, hasTimestamps: Bool, capacity: Int) {
        self.hasRatings = hasRatings
        self.hasTimestamps = hasTimestamps
        users.reserveCapacity(capacity)
        items.reserveCapacity(capacity)
        lines.reserveCapacity(capacity)
        if hasRatings { ratings.reserveCapacity(capacity) }
        if hasTimestamps { timestamps.reserveCapacity(capacity) }
    }

    /// Adds a record of the ids `bytes[user]` and `bytes[item]`.
    @inline(__always)
    mutating func append(
        _ bytes: Span<UInt8>, user: Range<Int>, item: Range<Int>,
        rating: Float, timestamp: Int64, line: Int
    ) {
        append(user: userIDs.intern(bytes, user), item: itemIDs.intern(bytes, item),
               rating: rating, timestamp: timestamp, line: line)
    }

    /// Adds a record of interned indices.
    @inline(__always)
    mutating func append(user: Int32, item: Int32, rating: Float, timestamp: Int64, line: Int) {
        users.append(user)
        items.append(item)
        if hasRatings { ratings.append(rating) }
        if hasTimestamps { timestamps.append(timestamp) }
        lines.append(Int32(truncatingIfNeeded: line))
    }

    /// Number of records so far.
    var count: Int { users.count }

    /// The log: ids decoded with `encoding`, repeated pairs kept once with a warning naming the
    /// first repeat's line and the line it repeats.
    func build(name: String, path: String, encoding: TextEncoding) -> InteractionLog {
        let userVocabulary = Vocabulary(userIDs.strings(encoding: encoding))
        let itemVocabulary = Vocabulary(itemIDs.strings(encoding: encoding))
        let result = PairDeduplicator.deduplicate(
            users: users, items: items, timestamps: hasTimestamps ? timestamps : nil,
            userCount: userVocabulary.count, itemCount: itemVocabulary.count)
        var warnings: [DataWarning] = []
        if let first = result.first {
            warnings.append(DataWarning(
                path: path, line: Int(lines[first.dropped]), count: result.duplicateCount,
                message: "\(grouped(result.duplicateCount)) repeated (user, item) pairs kept once "
                    + "(the earliest record of each; this one repeats line \(lines[first.kept]))"))
        }
        let kept = result.kept
        func pick<T>(_ values: [T]) -> [T] { kept.map { k in k.map { values[$0] } } ?? values }
        return InteractionLog(
            unique: name, users: pick(users), items: pick(items),
            ratings: hasRatings ? pick(ratings) : nil, timestamps: hasTimestamps ? pick(timestamps) : nil,
            userVocabulary: userVocabulary, itemVocabulary: itemVocabulary,
            duplicateCount: result.duplicateCount, warnings: warnings)
    }
}
