/// Reads MovieLens 1M (GroupLens): `ratings.dat`, `users.dat` and `movies.dat`, `::`-separated,
/// Latin-1, one record per line.
///
/// - `ratings.dat`: `UserID::MovieID::Rating::Timestamp` (ratings 1–5, Unix seconds).
/// - `users.dat`: `UserID::Gender::Age::Occupation::Zip-code`; age and occupation are codes,
///   read as the labels of the dataset's README (`25` → `"25-34"`, `12` → `"programmer"`).
/// - `movies.dat`: `MovieID::Title::Genres`, genres `|`-separated; the year is read from the title.
///
/// Errors name the file and the 1-based line: a wrong separator, a wrong number of fields, a
/// non-numeric id or rating, a rating outside 0.5–5, a timestamp before 1970 or after 2099, an
/// unknown age or occupation code, a NUL byte.
public struct MovieLens1MReader: Sendable {
    /// The name given to logs read by `load(directory:)`.
    public static let datasetName = "ml-1m"
    /// Age codes of `users.dat` and their labels.
    public static let ageLabels: [Int: String] = [
        1: "Under 18", 18: "18-24", 25: "25-34", 35: "35-44", 45: "45-49", 50: "50-55", 56: "56+",
    ]
    /// Occupation labels of `users.dat`, indexed by code 0…20.
    public static let occupationLabels = [
        "other", "academic/educator", "artist", "clerical/admin", "college/grad student",
        "customer service", "doctor/health care", "executive/managerial", "farmer", "homemaker",
        "K-12 student", "lawyer", "programmer", "retired", "sales/marketing", "scientist",
        "self-employed", "technician/engineer", "tradesman/craftsman", "unemployed", "writer",
    ]
    /// The 18 genres of `movies.dat`, in the README's order.
    public static let genres = [
        "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
        "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War",
        "Western",
    ]

    /// A reader.
    public init() {}

    /// Reads `directory/ratings.dat` and attaches the attributes of `users.dat` and `movies.dat`
    /// (aligned to the log's vocabularies; movie titles become `itemTitles`). A missing
    /// `ratings.dat` is an error that says so; missing attribute files are warnings.
    public func load(directory: String) throws -> InteractionLog {
        let ratingsPath = FileBytes.join(directory, "ratings.dat")
        guard FileBytes.isFile(ratingsPath) else {
            throw DataError.missingDatasetFile(
                path: ratingsPath, dataset: "MovieLens 1M",
                hint: "users.dat and movies.dat hold no interactions. Get ratings.dat (1,000,209 lines) from "
                    + "ml-1m.zip at https://grouplens.org/datasets/movielens/1m/ and put it in this directory, "
                    + "or run 'lightgcn datasets download ml-1m --allow-unverified'.")
        }
        var log = try readRatings(path: ratingsPath)
        let usersPath = FileBytes.join(directory, "users.dat")
        if FileBytes.isFile(usersPath) {
            log.attachUserAttributes(try readUsers(path: usersPath), path: usersPath)
        } else {
            log.warnings.append(DataWarning(path: usersPath, count: 1, message: "missing; no user attributes"))
        }
        let moviesPath = FileBytes.join(directory, "movies.dat")
        if FileBytes.isFile(moviesPath) {
            log.attachItemAttributes(try readMovies(path: moviesPath), path: moviesPath, titleColumn: "title")
        } else {
            log.warnings.append(DataWarning(path: moviesPath, count: 1, message: "missing; no titles or genres"))
        }
        return log
    }

    /// Reads a `ratings.dat` file: `UserID::MovieID::Rating::Timestamp`.
    public func readRatings(path: String) throws -> InteractionLog {
        try RatingFileParser.read(path: path, name: Self.datasetName, separator: "::", ratingRange: 0.5...5)
    }

    /// Reads `users.dat` into a table keyed by user id with categorical columns `gender`, `age`,
    /// `occupation` and `zip`.
    public func readUsers(path: String) throws -> AttributeTable {
        try MovieLensTables.read(path: path, separator: "::", fieldCount: 5) { buffer, fields, keys, columns in
            keys.append(try fields.id(buffer, 0, "user id"))
            let gender = fields.text(buffer, 1, encoding: .latin1)
            guard gender == "M" || gender == "F" else { throw fields.error(buffer, 1, "is not a gender (M or F)") }
            let ageCode = try fields.integer(buffer, 2, "age code", in: 0...200)
            guard let age = Self.ageLabels[Int(ageCode)] else {
                throw fields.error(buffer, 2, "is not an age code of MovieLens 1M (1, 18, 25, 35, 45, 50, 56)")
            }
            let occupation = try fields.integer(buffer, 3, "occupation code", in: 0...20)
            columns[0].append(gender)
            columns[1].append(age)
            columns[2].append(Self.occupationLabels[Int(occupation)])
            columns[3].append(fields.text(buffer, 4, encoding: .latin1))
        } columns: { labels in
            [
                .categorical(name: "gender", labels: labels[0], categories: ["F", "M"]),
                .categorical(name: "age", labels: labels[1],
                             categories: Self.ageLabels.keys.sorted().map { Self.ageLabels[$0]! }),
                .categorical(name: "occupation", labels: labels[2], categories: Self.occupationLabels),
                .categorical(name: "zip", labels: labels[3]),
            ]
        }
    }

    /// Reads `movies.dat` into a table keyed by movie id with columns `title` (text), `year`
    /// (numeric, from the title; missing when the title has none) and `genres` (multi-valued).
    public func readMovies(path: String) throws -> AttributeTable {
        var genreLists: [[String]] = []
        return try MovieLensTables.read(path: path, separator: "::", fieldCount: 3) { buffer, fields, keys, columns in
            keys.append(try fields.id(buffer, 0, "movie id"))
            columns[0].append(fields.text(buffer, 1, encoding: .latin1))
            let genres = fields.text(buffer, 2, encoding: .latin1)
            genreLists.append(genres.split(separator: "|").map(String.init))
        } columns: { labels in
            [
                .init(name: "title", values: .text(labels[0].map { $0 ?? "" })),
                .init(name: "year", values: .numeric(labels[0].map { title in
                    title.flatMap(MovieTitle.year(in:)).map(Double.init) })),
                .multiCategorical(name: "genres", labels: genreLists, categories: Self.genres),
            ]
        }
    }
}
