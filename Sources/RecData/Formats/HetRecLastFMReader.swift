/// Reads HetRec 2011 Last.fm 2K (`hetrec2011-lastfm-2k`): tab-separated files with a header row.
///
/// - `user_artists.dat`: `userID artistID weight`; the weight (a listening count, ≥ 0) becomes
///   the log's `ratings`.
/// - `artists.dat` (UTF-8): `id name url pictureURL`; names become item titles.
/// - `tags.dat` (Latin-1): `tagID tagValue`.
/// - `user_taggedartists.dat`: `userID artistID tagID day month year`, or
///   `user_taggedartists-timestamps.dat`: `userID artistID tagID timestamp` (milliseconds).
///
/// Errors name the file and the 1-based line (a missing header, a wrong separator or field
/// count, non-numeric ids or weights, impossible dates, timestamps before 1970 or after 2099).
/// Tag dates before 2002 (Last.fm's launch; the file has a few from 1956–1979) are kept and
/// reported in a warning.
public struct HetRecLastFMReader: Sendable {
    /// The name given to logs read by `load(directory:)`.
    public static let datasetName = "lastfm-hetrec"

    /// A reader.
    public init() {}

    /// Reads `user_artists.dat` and attaches artist attributes (`name`, `url`, `pictureURL` from
    /// `artists.dat`; `tags` from `user_taggedartists.dat` and `tags.dat`), aligned to the log's
    /// item vocabulary. Missing attribute files are warnings.
    public func load(directory: String) throws -> InteractionLog {
        let listensPath = FileBytes.join(directory, "user_artists.dat")
        guard FileBytes.isFile(listensPath) else {
            throw DataError.missingDatasetFile(
                path: listensPath, dataset: "HetRec 2011 Last.fm",
                hint: "Get hetrec2011-lastfm-2k.zip from https://grouplens.org/datasets/hetrec-2011/ and unpack it here, "
                    + "or run 'lightgcn datasets download lastfm-hetrec'.")
        }
        var log = try readUserArtists(path: listensPath)
        let artistsPath = FileBytes.join(directory, "artists.dat")
        if FileBytes.isFile(artistsPath) {
            log.attachItemAttributes(try readArtists(path: artistsPath), path: artistsPath, titleColumn: "name")
        } else {
            log.warnings.append(DataWarning(path: artistsPath, count: 1, message: "missing; no artist names"))
        }
        let tagsPath = FileBytes.join(directory, "tags.dat")
        let tagNames = FileBytes.isFile(tagsPath) ? try readTags(path: tagsPath) : nil
        let taggedPath = [FileBytes.join(directory, "user_taggedartists-timestamps.dat"),
                          FileBytes.join(directory, "user_taggedartists.dat")].first(where: FileBytes.isFile)
        if let taggedPath {
            let assignments = try readTagAssignments(path: taggedPath, tagNames: tagNames)
            let tags = assignments.artistTagTable().aligned(to: log.itemVocabulary)
            let base = log.itemAttributes?.columns ?? []
            log.itemAttributes = AttributeTable(keys: log.itemVocabulary, columns: base + tags.columns)
            log.warnings += assignments.warnings
        }
        return log
    }

    /// Reads `user_artists.dat`: `userID artistID weight` with a header.
    public func readUserArtists(path: String) throws -> InteractionLog {
        let bytes = try FileBytes.read(path)
        let buffer = bytes.span
        try TextEncoding.utf8.validate(buffer, path: path)
        var fields = RecordFields(path: path, separator: "\t")
        var builder = InteractionLogBuilder(hasRatings: true, hasTimestamps: false, capacity: buffer.count / 12)
        var header = true
        try TextScan.forEachLine(buffer) { line, start, end in
            if header {
                header = false
                try Self.checkHeader(buffer, start, end, line: line, fields: &fields, names: "userID artistID weight")
                return
            }
            try fields.split(buffer, start, end, line: line, count: 3)
            let user = try fields.id(buffer, 0, "user id")
            let artist = try fields.id(buffer, 1, "artist id")
            let weight = try fields.integer(buffer, 2, "listening count", in: 0...Int64(Int32.max))
            builder.append(buffer, user: user, item: artist, rating: Float(weight), timestamp: 0, line: line)
        }
        return builder.build(name: Self.datasetName, path: path, encoding: .utf8)
    }

    /// Reads `artists.dat` into a table keyed by artist id with text columns `name`, `url` and
    /// `pictureURL` (the last two may be empty).
    public func readArtists(path: String) throws -> AttributeTable {
        var names: [String] = [], urls: [String] = [], pictures: [String] = []
        var keys = Vocabulary()
        try forEachRecord(path: path, encoding: .utf8, header: "id name url pictureURL", minimumFields: 2) {
            buffer, fields in
            let id = try fields.id(buffer, 0, "artist id")
            let key = TextScan.string(buffer, id)
            guard !keys.contains(key) else { throw fields.error(buffer, 0, "repeats an artist id") }
            keys.insert(key)
            names.append(fields.text(buffer, 1, encoding: .utf8))
            urls.append(fields.ranges.count > 2 ? fields.text(buffer, 2, encoding: .utf8) : "")
            pictures.append(fields.ranges.count > 3 ? fields.text(buffer, 3, encoding: .utf8) : "")
        }
        return AttributeTable(keys: keys, columns: [
            AttributeColumn(name: "name", values: .text(names)),
            AttributeColumn(name: "url", values: .text(urls)),
            AttributeColumn(name: "pictureURL", values: .text(pictures)),
        ])
    }

    /// Reads `tags.dat` (Latin-1): a map from tag id to tag text.
    public func readTags(path: String) throws -> [String: String] {
        var tags: [String: String] = [:]
        try forEachRecord(path: path, encoding: .latin1, header: "tagID tagValue", minimumFields: 2) { buffer, fields in
            let id = try fields.id(buffer, 0, "tag id")
            let key = TextScan.string(buffer, id)
            guard tags.updateValue(fields.text(buffer, 1, encoding: .latin1), forKey: key) == nil else {
                throw fields.error(buffer, 0, "repeats a tag id")
            }
        }
        return tags
    }

    /// Reads `user_taggedartists.dat` (`userID artistID tagID day month year`) or
    /// `user_taggedartists-timestamps.dat` (`userID artistID tagID timestamp`, milliseconds);
    /// the header decides which. Tag names come from `tagNames` (see `readTags(path:)`).
    public func readTagAssignments(path: String, tagNames: [String: String]? = nil) throws -> TagAssignments {
        let bytes = try FileBytes.read(path)
        let buffer = bytes.span
        try TextEncoding.utf8.validate(buffer, path: path)
        var fields = RecordFields(path: path, separator: "\t")
        var users = ByteInterner(), artists = ByteInterner(), tags = ByteInterner()
        var userIndices: [Int32] = [], artistIndices: [Int32] = [], tagIndices: [Int32] = []
        var timestamps: [Int64] = []
        var fieldCount = 0
        var early = 0, firstEarly = 0
        try TextScan.forEachLine(buffer) { line, start, end in
            if fieldCount == 0 {
                var headerFields: [Range<Int>] = []
                TextScan.split(buffer, start, end, separator: [0x09], into: &headerFields)
                fieldCount = headerFields.count
                guard fieldCount == 6 || fieldCount == 4 else {
                    throw DataError.malformedLine(
                        path: path, line: line, text: TextScan.display(buffer, start..<end),
                        reason: "is not the header userID artistID tagID day month year "
                            + "(or userID artistID tagID timestamp), tab-separated")
                }
                try Self.checkHeader(buffer, start, end, line: line, fields: &fields,
                                     names: fieldCount == 6 ? "userID artistID tagID day month year"
                                         : "userID artistID tagID timestamp")
                return
            }
            try fields.split(buffer, start, end, line: line, count: fieldCount)
            let user = try fields.id(buffer, 0, "user id")
            let artist = try fields.id(buffer, 1, "artist id")
            let tag = try fields.id(buffer, 2, "tag id")
            let seconds: Int64
            if fieldCount == 6 {
                let day = try fields.integer(buffer, 3, "day", in: 1...31)
                let month = try fields.integer(buffer, 4, "month", in: 1...12)
                let year = try fields.integer(buffer, 5, "year", in: 1900...2099)
                guard UnixTime.isValidDate(year: Int(year), month: Int(month), day: Int(day)) else {
                    throw fields.error(buffer, 3, "is not a day of \(year)-\(month)")
                }
                seconds = UnixTime.seconds(year: Int(year), month: Int(month), day: Int(day))
            } else {
                let milliseconds = try fields.integer(buffer, 3, "timestamp (milliseconds)", in: 0...Int64.max)
                seconds = milliseconds / 1000
                guard UnixTime.isPlausible(seconds) else {
                    throw fields.error(buffer, 3, "is not a plausible Unix timestamp in milliseconds "
                                            + "(it must be between 1970 and 2099)")
                }
            }
            if seconds < Self.lastFMLaunch {
                if early == 0 { firstEarly = line }
                early += 1
            }
            userIndices.append(users.intern(buffer, user))
            artistIndices.append(artists.intern(buffer, artist))
            tagIndices.append(tags.intern(buffer, tag))
            timestamps.append(seconds)
        }
        if fieldCount == 0 { throw DataError.emptyFile(path: path) }
        let tagVocabulary = Vocabulary(tags.strings(encoding: .utf8))
        var assignments = TagAssignments(
            users: userIndices, artists: artistIndices, tags: tagIndices, timestamps: timestamps,
            userVocabulary: Vocabulary(users.strings(encoding: .utf8)),
            artistVocabulary: Vocabulary(artists.strings(encoding: .utf8)),
            tagVocabulary: tagVocabulary, tagNames: tagVocabulary.ids.map { tagNames?[$0] ?? $0 })
        if early > 0 {
            assignments.warnings.append(DataWarning(
                path: path, line: firstEarly, count: early,
                message: "\(early) tag assignments are dated before 2002 (before Last.fm existed); kept as written"))
        }
        if let tagNames {
            let unnamed = tagVocabulary.ids.filter { tagNames[$0] == nil }.count
            if unnamed > 0 {
                assignments.warnings.append(DataWarning(
                    path: path, count: unnamed,
                    message: "\(unnamed) tag ids are not in tags.dat; their id is used as their name"))
            }
        }
        return assignments
    }

    /// 2002-01-01T00:00:00Z: Last.fm did not exist before, so earlier tag dates are suspect.
    static let lastFMLaunch: Int64 = 1_009_843_200

    /// Calls `body` for each data line of a headed tab-separated file with at least
    /// `minimumFields` fields.
    private func forEachRecord(
        path: String, encoding: TextEncoding, header: String, minimumFields: Int,
        _ body: (Span<UInt8>, RecordFields) throws -> Void
    ) throws {
        let bytes = try FileBytes.read(path)
        let buffer = bytes.span
        try encoding.validate(buffer, path: path)
        var fields = RecordFields(path: path, separator: "\t")
        var isHeader = true
        try TextScan.forEachLine(buffer) { line, start, end in
            if isHeader {
                isHeader = false
                try Self.checkHeader(buffer, start, end, line: line, fields: &fields, names: header)
                return
            }
            try fields.split(buffer, start, end, line: line, count: minimumFields, allowingMore: true)
            try body(buffer, fields)
        }
    }

    /// Throws unless line `start..<end` is the header `names` (space-separated here; tabs in
    /// the file), compared case-insensitively.
    private static func checkHeader(
        _ buffer: Span<UInt8>, _ start: Int, _ end: Int, line: Int, fields: inout RecordFields,
        names: String
    ) throws {
        let expected = names.split(separator: " ").map { $0.lowercased() }
        try fields.split(buffer, start, end, line: line, count: expected.count)
        for (k, name) in expected.enumerated() where fields.text(buffer, k, encoding: .utf8).lowercased() != name {
            throw DataError.malformedLine(
                path: fields.path, line: line, text: TextScan.display(buffer, start..<end),
                reason: "is not the expected header \"\(expected.joined(separator: "<TAB>"))\" (case-insensitive)")
        }
    }
}
