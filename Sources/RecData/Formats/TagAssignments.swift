/// Tag assignments of HetRec 2011 Last.fm (`user_taggedartists.dat` or
/// `user_taggedartists-timestamps.dat`): user `users[k]` gave tag `tags[k]` to artist
/// `artists[k]` at `timestamps[k]` (Unix seconds, UTC; for the dated file, midnight UTC of the
/// listed day). Indices refer to this value's own vocabularies, in order of first appearance.
public struct TagAssignments: Sendable, Equatable {
    /// The user index of each assignment.
    public let users: [Int32]
    /// The artist index of each assignment.
    public let artists: [Int32]
    /// The tag index of each assignment.
    public let tags: [Int32]
    /// The time of each assignment, Unix seconds (UTC).
    public let timestamps: [Int64]
    /// External user ids.
    public let userVocabulary: Vocabulary
    /// External artist ids.
    public let artistVocabulary: Vocabulary
    /// External tag ids.
    public let tagVocabulary: Vocabulary
    /// The text of each tag index (from `tags.dat`; the tag id where `tags.dat` lacks it).
    public let tagNames: [String]
    /// What the reader noticed and kept (for example implausibly early dates).
    public var warnings: [DataWarning] = []

    /// Assignments from parallel arrays.
    public init(
        users: [Int32], artists: [Int32], tags: [Int32], timestamps: [Int64], userVocabulary: Vocabulary,
        artistVocabulary: Vocabulary, tagVocabulary: Vocabulary, tagNames: [String]
    ) {
        precondition(users.count == artists.count && users.count == tags.count && users.count == timestamps.count,
                     "assignment arrays differ in length")
        precondition(tagNames.count == tagVocabulary.count, "one name per tag")
        self.users = users
        self.artists = artists
        self.tags = tags
        self.timestamps = timestamps
        self.userVocabulary = userVocabulary
        self.artistVocabulary = artistVocabulary
        self.tagVocabulary = tagVocabulary
        self.tagNames = tagNames
    }

    /// Number of assignments.
    public var count: Int { users.count }

    /// A table keyed by artist id with one multi-valued column `tags`: the distinct tag names
    /// any user gave the artist.
    public func artistTagTable() -> AttributeTable {
        var perArtist = [Set<Int32>](repeating: [], count: artistVocabulary.count)
        for k in 0..<count { perArtist[Int(artists[k])].insert(tags[k]) }
        let codes = perArtist.map { $0.sorted() }
        return AttributeTable(keys: artistVocabulary, columns: [
            AttributeColumn(name: "tags", values: .multiCategorical(codes: codes, categories: tagNames)),
        ])
    }
}
