/// Reads MovieLens 100K (GroupLens): `u.data`, `u.user`, `u.item`, `u.genre`, `u.occupation`.
///
/// - `u.data` (and the fold files `u1.base` … `ub.test`): `user<TAB>item<TAB>rating<TAB>timestamp`.
/// - `u.user`: `id|age|gender|occupation|zip` (age in years).
/// - `u.item` (Latin-1): `id|title|release date|video release date|IMDb URL|` then one 0/1 flag
///   per genre of `u.genre` (19), in that order.
///
/// Errors name the file and the 1-based line, as for `MovieLens1MReader`; genre flags other than
/// 0 and 1 and malformed release dates (`01-Jan-1995`) are errors too.
public struct MovieLens100KReader: Sendable {
    /// The name given to logs read by `load(directory:)`.
    public static let datasetName = "ml-100k"
    /// The 19 genres of `u.genre`, used when that file is absent.
    public static let defaultGenres = [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary",
        "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller",
        "War", "Western",
    ]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// A reader.
    public init() {}

    /// Reads `directory/u.data` and attaches `u.user` and `u.item` (aligned to the log's
    /// vocabularies; titles become `itemTitles`), with genre and occupation names from `u.genre`
    /// and `u.occupation` when present. A missing `u.data` is an error; missing attribute files
    /// are warnings.
    public func load(directory: String) throws -> InteractionLog {
        let dataPath = FileBytes.join(directory, "u.data")
        guard FileBytes.isFile(dataPath) else {
            throw DataError.missingDatasetFile(
                path: dataPath, dataset: "MovieLens 100K",
                hint: "Get ml-100k.zip from https://grouplens.org/datasets/movielens/100k/ and unpack it here, "
                    + "or run 'lightgcn datasets download ml-100k'.")
        }
        var log = try readRatings(path: dataPath)
        let genrePath = FileBytes.join(directory, "u.genre")
        let genres = FileBytes.isFile(genrePath) ? try readGenres(path: genrePath) : Self.defaultGenres
        let occupationPath = FileBytes.join(directory, "u.occupation")
        let occupations = FileBytes.isFile(occupationPath) ? try readNames(path: occupationPath) : []
        let usersPath = FileBytes.join(directory, "u.user")
        if FileBytes.isFile(usersPath) {
            log.attachUserAttributes(try readUsers(path: usersPath, occupations: occupations), path: usersPath)
        } else {
            log.warnings.append(DataWarning(path: usersPath, count: 1, message: "missing; no user attributes"))
        }
        let itemsPath = FileBytes.join(directory, "u.item")
        if FileBytes.isFile(itemsPath) {
            log.attachItemAttributes(try readItems(path: itemsPath, genres: genres), path: itemsPath,
                                     titleColumn: "title")
        } else {
            log.warnings.append(DataWarning(path: itemsPath, count: 1, message: "missing; no titles or genres"))
        }
        return log
    }

    /// Reads `u.data` or a fold file: `user<TAB>item<TAB>rating<TAB>timestamp`.
    public func readRatings(path: String) throws -> InteractionLog {
        try RatingFileParser.read(path: path, name: Self.datasetName, separator: "\t", ratingRange: 0.5...5)
    }

    /// Reads `u.user` into a table keyed by user id: `age` (numeric, years), `gender`,
    /// `occupation` (categories `occupations` first, if given) and `zip` (categorical).
    public func readUsers(path: String, occupations: [String] = []) throws -> AttributeTable {
        var ages: [Double?] = []
        return try MovieLensTables.read(path: path, separator: "|", fieldCount: 5) { buffer, fields, keys, labels in
            keys.append(try fields.id(buffer, 0, "user id"))
            ages.append(Double(try fields.integer(buffer, 1, "age", in: 0...150)))
            let gender = fields.text(buffer, 2, encoding: .latin1)
            guard gender == "M" || gender == "F" else { throw fields.error(buffer, 2, "is not a gender (M or F)") }
            labels[2].append(gender)
            labels[3].append(fields.text(buffer, 3, encoding: .latin1))
            labels[4].append(fields.text(buffer, 4, encoding: .latin1))
        } columns: { labels in
            [
                .init(name: "age", values: .numeric(ages)),
                .categorical(name: "gender", labels: labels[2], categories: ["F", "M"]),
                .categorical(name: "occupation", labels: labels[3], categories: occupations),
                .categorical(name: "zip", labels: labels[4]),
            ]
        }
    }

    /// Reads `u.item` into a table keyed by movie id: `title` and `url` (text), `year`
    /// (numeric, from the title, else from the release date), `releaseDate` (numeric, Unix
    /// seconds) and `genres` (multi-valued, from the flags, named by `genres`).
    public func readItems(path: String, genres: [String] = MovieLens100KReader.defaultGenres) throws -> AttributeTable {
        var years: [Double?] = [], releaseDates: [Double?] = [], genreCodes: [[Int32]] = []
        return try MovieLensTables.read(path: path, separator: "|", fieldCount: 5 + genres.count) {
            buffer, fields, keys, labels in
            keys.append(try fields.id(buffer, 0, "movie id"))
            let title = fields.text(buffer, 1, encoding: .latin1)
            labels[1].append(title)
            labels[4].append(fields.text(buffer, 4, encoding: .latin1))
            let release = try Self.releaseDate(buffer, fields, 2)
            releaseDates.append(release.map { Double($0.seconds) })
            years.append((MovieTitle.year(in: title) ?? release?.year).map(Double.init))
            var codes: [Int32] = []
            for g in 0..<genres.count {
                let flag = try fields.integer(buffer, 5 + g, "genre flag", in: 0...1)
                if flag == 1 { codes.append(Int32(g)) }
            }
            genreCodes.append(codes)
        } columns: { labels in
            [
                .init(name: "title", values: .text(labels[1].map { $0 ?? "" })),
                .init(name: "year", values: .numeric(years)),
                .init(name: "releaseDate", values: .numeric(releaseDates)),
                .init(name: "url", values: .text(labels[4].map { $0 ?? "" })),
                .init(name: "genres", values: .multiCategorical(codes: genreCodes, categories: genres)),
            ]
        }
    }

    /// Reads `u.genre`: `name|index` lines with indices 0, 1, 2, … in order.
    public func readGenres(path: String) throws -> [String] {
        var names: [String] = []
        _ = try MovieLensTables.read(path: path, separator: "|", fieldCount: 2) { buffer, fields, keys, _ in
            let index = try fields.integer(buffer, 1, "genre index", in: 0...1000)
            guard index == names.count else {
                throw fields.error(buffer, 1, "is not the next genre index (expected \(names.count))")
            }
            keys.append(fields[1])
            names.append(fields.text(buffer, 0, encoding: .latin1))
        } columns: { _ in [] }
        return names
    }

    /// Reads a list of names, one per line (`u.occupation`).
    func readNames(path: String) throws -> [String] {
        try MovieLensTables.read(path: path, separator: "\t", fieldCount: 1) { _, fields, keys, _ in
            keys.append(fields[0])
        } columns: { _ in [] }.keys.ids
    }

    /// The `DD-Mon-YYYY` date in field `k` (nil when the field is empty).
    private static func releaseDate(
        _ buffer: Span<UInt8>, _ fields: RecordFields, _ k: Int
    ) throws -> (seconds: Int64, year: Int)? {
        let range = TextScan.trimmed(buffer, fields[k])
        guard !range.isEmpty else { return nil }
        let text = TextScan.string(buffer, range)
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let day = Int(parts[0]), let month = months.firstIndex(of: String(parts[1])),
              let year = Int(parts[2]), year >= 1800 && year < 2100,
              UnixTime.isValidDate(year: year, month: month + 1, day: day) else {
            throw fields.error(buffer, k, "is not a release date of the form 01-Jan-1995")
        }
        return (UnixTime.seconds(year: year, month: month + 1, day: day), year)
    }
}
