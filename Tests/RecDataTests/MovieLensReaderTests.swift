import Foundation
import Testing
import RecData

@Suite struct MovieLens1MReaderTests {
    let reader = MovieLens1MReader()

    /// A tiny ml-1m directory; `movies.dat` has Latin-1 bytes and CRLF line ends.
    func directory(ratings: String? = "1::10::5::978300760\n2::20::3::978302109\n1::20::4::978301968\n")
        throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        if let ratings { try directory.write("ratings.dat", ratings) }
        try directory.write("users.dat", "1::F::1::10::48067\n2::M::56::16::70072\n3::M::25::15::55117\n")
        try directory.write("movies.dat", bytes: latin1(
            "10::Café Society, The (1995)::Comedy|Drama\r\n20::Jumanji (1995)::Adventure|Children's|Fantasy\r\n"
                + "30::Untitled::Drama\r\n"))
        return directory
    }

    @Test func loadsRatingsUsersAndLatin1Movies() throws {
        let directory = try directory()
        defer { directory.remove() }
        let log = try reader.load(directory: directory.path)
        #expect(log.name == "ml-1m")
        #expect(log.userVocabulary.ids == ["1", "2"])
        #expect(log.itemVocabulary.ids == ["10", "20"])
        #expect(log.ratings == [5, 3, 4])
        #expect(log.timestamps == [978_300_760, 978_302_109, 978_301_968])
        #expect(log.itemTitles == ["Café Society, The (1995)", "Jumanji (1995)"])
        let items = try #require(log.itemAttributes)
        #expect(items[column: "year"]?.values == .numeric([1995, 1995]))
        #expect(items[column: "genres"]?.displayValue(at: 1) == "Adventure|Children's|Fantasy")
        let users = try #require(log.userAttributes)
        #expect(users[column: "age"]?.displayValue(at: 0) == "Under 18")
        #expect(users[column: "occupation"]?.displayValue(at: 1) == "self-employed")
        #expect(users[column: "gender"]?.values == .categorical(codes: [0, 1], categories: ["F", "M"]))
        // User 3 and movie 30 have no ratings: left out, with a warning each.
        #expect(log.warnings.map(\.count) == [1, 1])
        #expect(log.warnings[0].description.contains("users.dat"))
    }

    @Test func missingRatingsFileIsNamedClearly() throws {
        let directory = try directory(ratings: nil)
        defer { directory.remove() }
        let error = captureDataError { try reader.load(directory: directory.path) }
        guard case .missingDatasetFile(let path, let dataset, _)? = error else {
            Issue.record("expected missingDatasetFile, got \(String(describing: error))")
            return
        }
        #expect(path == directory.file("ratings.dat"))
        #expect(dataset == "MovieLens 1M")
        #expect(error!.description.contains("ratings.dat: missing"))
        // The attribute files still load on their own.
        #expect(try reader.readUsers(path: directory.file("users.dat")).rowCount == 3)
        #expect(try reader.readMovies(path: directory.file("movies.dat")).rowCount == 3)
    }

    @Test(arguments: [
        ("1::10::5::978300760\n2,20,3,978302109\n", 2, "separated by \",\""),
        ("1::10::5::978300760\n\n2::x::3::978302109\n", 3, "is not a valid item id"),
        ("1::10::5::978300760\n2::20::3\n", 2, "has 3 fields"),
        ("1::10::five::978300760\n", 1, "is not a number"),
        ("1::10::9::978300760\n", 1, "is not a valid rating"),
        ("1::10::5::-5\n", 1, "not a plausible Unix timestamp"),
        ("1::10::5::978300760\n1::11::5::4102444800\n", 2, "not a plausible Unix timestamp"),
        ("1::10::5::978300760000\n", 1, "looks like milliseconds"),
    ])
    func malformedRatingsNameTheLine(text: String, line: Int, reason: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("ratings.dat", text)
        let error = captureDataError { try reader.readRatings(path: path) }
        #expect(errorLine(error) == line)
        #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("\(path):\(line): ") == true)
    }

    @Test func badUserAttributesNameTheLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("users.dat", "1::F::1::10::48067\n2::M::17::16::70072\n")
        let error = captureDataError { try reader.readUsers(path: path) }
        #expect(errorLine(error) == 2)
        #expect(error?.description.contains("age code") == true)
        let repeated = try directory.write("u2.dat", "1::F::1::10::48067\n1::M::18::16::70072\n")
        #expect(captureDataError { try reader.readUsers(path: repeated) }?.description.contains("repeats the id of line 1") == true)
    }

    @Test func nulByteIsAnEncodingError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("ratings.dat", bytes: Array("1::10::5::978300760\n2::1".utf8) + [0] + Array("::5::1\n".utf8))
        #expect(captureDataError { try reader.readRatings(path: path) }
            == .invalidEncoding(path: path, line: 2, expected: "Latin-1"))
    }

    @Test func repeatedRatingsAreCountedWithLines() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("ratings.dat", "1::10::5::300\n1::11::4::200\n1::10::2::100\n")
        let log = try reader.readRatings(path: path)
        #expect(log.duplicateCount == 1)
        #expect(log.ratings == [4, 2])  // the earlier (t=100) record of (1, 10) is kept
        #expect(log.warnings.first?.line == 1)
        #expect(log.warnings.first?.description.contains("repeats line 3") == true)
    }
}

@Suite struct MovieLens100KReaderTests {
    let reader = MovieLens100KReader()
    static let genres = MovieLens100KReader.defaultGenres

    func flags(_ on: [Int]) -> String {
        (0..<19).map { on.contains($0) ? "1" : "0" }.joined(separator: "|")
    }

    func directory() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("u.data", "196\t242\t3\t881250949\r\n186\t302\t3\t891717742\r\n196\t302\t5\t881251000\r\n")
        try directory.write("u.user", "196|49|M|writer|55105\n186|39|F|executive|00000\n")
        try directory.write("u.genre", Self.genres.enumerated().map { "\($1)|\($0)\n" }.joined() + "\n")
        try directory.write("u.occupation", "executive\nwriter\n")
        try directory.write("u.item", bytes: latin1(
            "242|Kolya (1996)|24-Jan-1997||http://x/242|\(flags([5]))\n"
                + "302|L.A. Confidential (1997)|01-Jan-1997||http://x/302|\(flags([6, 10, 13, 16]))\n"
                + "267|unknown||||\(flags([0]))\n"
                + "1|Misérables, Les (1995)|01-Jan-1995||http://x/1|\(flags([8]))\n"))
        return directory
    }

    @Test func loadsDataUsersAndItems() throws {
        let directory = try directory()
        defer { directory.remove() }
        let log = try reader.load(directory: directory.path)
        #expect(log.count == 3)
        #expect(log.userVocabulary.ids == ["196", "186"])
        #expect(log.itemVocabulary.ids == ["242", "302"])
        #expect(log.itemTitles == ["Kolya (1996)", "L.A. Confidential (1997)"])
        let items = try #require(log.itemAttributes)
        #expect(items[column: "genres"]?.displayValue(at: 1) == "Crime|Film-Noir|Mystery|Thriller")
        #expect(items[column: "releaseDate"]?.values == .numeric([854_064_000, 852_076_800]))
        let users = try #require(log.userAttributes)
        #expect(users[column: "age"]?.values == .numeric([49, 39]))
        #expect(users[column: "occupation"]?.values == .categorical(codes: [1, 0], categories: ["executive", "writer"]))
        #expect(log.interactions(minRating: 4).interactionCount == 1)
        #expect(log.negatives(minRating: 4).interactionCount == 2)
    }

    @Test func readsLatin1TitlesAndMissingDates() throws {
        let directory = try directory()
        defer { directory.remove() }
        let items = try reader.readItems(path: directory.file("u.item"))
        #expect(items[column: "title"]?.displayValue(at: 3) == "Misérables, Les (1995)")
        #expect(items[column: "year"]?.values == .numeric([1996, 1997, nil, 1995]))
        #expect(try reader.readGenres(path: directory.file("u.genre")) == Self.genres)
    }

    @Test func badGenreFlagAndDateNameTheLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let flagPath = try directory.write("u.item", "1|A (1995)|01-Jan-1995||u|\(flags([]))\n2|B (1995)|01-Jan-1995||u|"
            + flags([]).replacingOccurrences(of: "0|0|0", with: "0|2|0", options: [], range: nil) + "\n")
        let flagError = captureDataError { try reader.readItems(path: flagPath) }
        #expect(errorLine(flagError) == 2)
        #expect(flagError?.description.contains("genre flag") == true)
        let datePath = try directory.write("u2.item", "1|A (1995)|31-Feb-1995||u|\(flags([]))\n")
        #expect(errorLine(captureDataError { try reader.readItems(path: datePath) }) == 1)
        let fieldsPath = try directory.write("u3.item", "1|A (1995)|01-Jan-1995||u|0|1\n")
        #expect(captureDataError { try reader.readItems(path: fieldsPath) }?.description.contains("has 7 fields") == true)
    }

    @Test func spaceSeparatedDataIsAWrongSeparator() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("u.data", "196\t242\t3\t881250949\n186 302 3 891717742\n")
        let error = captureDataError { try reader.readRatings(path: path) }
        #expect(errorLine(error) == 2)
        #expect(error?.description.contains("seems to be separated by spaces") == true)
    }
}
