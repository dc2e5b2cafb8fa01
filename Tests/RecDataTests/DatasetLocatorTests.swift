import Testing
import RecData

@Suite struct DatasetLocatorTests {
    /// A data root with tiny ml-100k, ml-1m (no ratings), lastfm-lightgcn, gowalla-like and CSV data.
    func root() throws -> TemporaryDirectory {
        let root = try TemporaryDirectory()
        var lines = ""
        for user in 1...6 {
            for item in 1...10 { lines += "\(user)\t\(item)\t\((user + item) % 5 + 1)\t\(880_000_000 + user * 100 + item)\n" }
        }
        try root.write("ml-100k/u.data", lines)
        try root.write("ml-1m/users.dat", "1::F::1::10::48067\n")
        try root.write("ml-1m/movies.dat", "1::Toy Story (1995)::Animation\n")
        try root.write("lastfm-lightgcn/data1.txt", "1\t1\t10\r\n1\t2\t3\r\n2\t3\t1\r\n")
        try root.write("lastfm-lightgcn/test1.txt", "1\t4\t7\r\n3\t1\t1\r\n")
        try root.write("gowalla/train.txt", "0 0 1\n1 1 2\n")
        try root.write("gowalla/test.txt", "0 2\n1 0\n")
        try root.write("gowalla/user_list.txt", "org_id remap_id\n900 0\n901 1\n")
        try root.write("gowalla/item_list.txt", "org_id remap_id\nA 0\nB 1\nC 2\n")
        try root.write("clicks.tsv", "user\titem\nx\tp\nx\tq\ny\tp\ny\tq\nz\tq\nz\tr\n")
        return root
    }

    @Test func knownNameUnderRootWithMovieLensDefaults() throws {
        let root = try root()
        defer { root.remove() }
        let resolved = try DatasetLocator(dataRoot: root.path).load("ml-100k", options: DatasetOptions(seed: 3))
        #expect(resolved.location == DatasetLocation(name: "ml-100k", path: root.file("ml-100k"), format: .movieLens100K))
        let dataset = resolved.dataset
        let positives = try 60 - #require(resolved.knownNegatives).interactionCount
        #expect(resolved.log?.ratings?.allSatisfy { $0 >= 4 } == true)
        #expect(dataset.train.interactionCount + dataset.test.interactionCount
            + (dataset.validation?.interactionCount ?? 0) == positives)
        #expect(dataset.trainTestOverlapCount == 0)
        #expect(dataset.catalog?.users.ids == ["1", "2", "3", "4", "5", "6"])
        #expect(resolved.notes.first?.hasPrefix("ratings ≥ 4 are positives") == true)
        // Same seed, same dataset; the static helper gives the same.
        #expect(try DatasetLocator.resolve("ml-100k", dataRoot: root.path, options: DatasetOptions(seed: 3)) == dataset)
    }

    @Test func environmentVariableSetsTheRoot() throws {
        let root = try root()
        defer { root.remove() }
        let locator = DatasetLocator(environment: ["LIGHTGCN_DATA": root.path])
        #expect(locator.dataRoot == root.path)
        #expect(try locator.locate("lastfm").format == .lastFMLightGCN)
        #expect(DatasetLocator(environment: [:]).dataRoot == "../shared/data")
        #expect(DatasetLocator(dataRoot: "/x", environment: ["LIGHTGCN_DATA": root.path]).dataRoot == "/x")
    }

    @Test func lastFMIdsAreShiftedToZeroBased() throws {
        let root = try root()
        defer { root.remove() }
        let dataset = try DatasetLocator.resolve("lastfm", dataRoot: root.path)
        #expect(dataset.userCount == 3 && dataset.itemCount == 4)
        #expect(dataset.train.pairs.map { [$0.user, $0.item] } == [[0, 0], [0, 1], [1, 2]])
        #expect(dataset.test.pairs.map { [$0.user, $0.item] } == [[0, 3], [2, 0]])
        #expect(dataset.catalog?.users.id(at: 0) == "1")
        #expect(dataset.validation == nil)
        let bad = try TemporaryDirectory()
        defer { bad.remove() }
        try bad.write("data1.txt", "1\t1\t1\r\n0\t2\t1\r\n")
        try bad.write("test1.txt", "1\t1\t1\r\n")
        #expect(errorLine(captureDataError { try DatasetLocator.resolve(bad.path) }) == 2)
    }

    @Test func paperFormatGetsOriginalIDs() throws {
        let root = try root()
        defer { root.remove() }
        let dataset = try DatasetLocator.resolve("gowalla", dataRoot: root.path)
        #expect(dataset.catalog?.users.ids == ["900", "901"])
        #expect(dataset.catalog?.items.ids == ["A", "B", "C"])
        #expect(dataset.train.interactionCount == 4)
    }

    @Test func pathsToDirectoriesAndCSVFiles() throws {
        let root = try root()
        defer { root.remove() }
        let byPath = try DatasetLocator(dataRoot: "/nonexistent").load(root.file("ml-100k"))
        #expect(byPath.location.name == "ml-100k")
        let csv = try DatasetLocator(dataRoot: root.path).load(
            "clicks.tsv", options: DatasetOptions(split: .randomHoldout(train: 0.5, validation: 0, test: 0.5)))
        #expect(csv.location.format == .delimited)
        #expect(csv.dataset.name == "clicks")
        #expect(csv.dataset.catalog?.items.ids == ["p", "q", "r"])
        #expect(csv.dataset.train.interactionCount == 3 && csv.dataset.test.interactionCount == 3)
        #expect(csv.knownNegatives == nil)
        let cored = try DatasetLocator(dataRoot: root.path).load("clicks.tsv", options: DatasetOptions(kCore: 2))
        #expect(cored.kCoreReport?.droppedItems == ["r"])
        #expect(cored.kCoreReport?.droppedUsers == ["z"])
        #expect(cored.dataset.catalog?.users.ids == ["x", "y"])
    }

    @Test func missingDatasetsSayWhatToDo() throws {
        let root = try root()
        defer { root.remove() }
        let locator = DatasetLocator(dataRoot: root.path)
        let error = captureDataError { try locator.locate("yelp2018") }
        #expect(error == .datasetNotFound(name: "yelp2018", searched: [root.file("yelp2018")]))
        #expect(error?.description.hasSuffix("not found (looked for \(root.file("yelp2018"))); pass --data PATH or set LIGHTGCN_DATA.") == true)
        #expect(captureDataError { try locator.locate("nothing-here") }?.description.contains("pass --data PATH") == true)
        let ml1m = captureDataError { try locator.load("ml-1m") }
        #expect(ml1m?.description.hasPrefix(root.file("ml-1m/ratings.dat") + ": missing; MovieLens 1M needs this file.") == true)
        try root.write("empty/readme.txt", "nothing")
        #expect(captureDataError { try locator.locate("empty") }?.description.contains("no dataset files found") == true)
    }

    @Test func knownNamesAreAlsoFoundInTheDownloadCache() throws {
        let root = try root()
        let cache = try TemporaryDirectory()
        defer { root.remove(); cache.remove() }
        try cache.write("yelp2018/train.txt", "0 0 1\n")
        try cache.write("yelp2018/test.txt", "0 2\n")
        try cache.write("gowalla/train.txt", "0 0\n")
        try cache.write("gowalla/test.txt", "0 1\n")
        try cache.write("ml-1m/ratings.dat", "1::1::5::978300760\n")
        let locator = DatasetLocator(dataRoot: root.path, downloadCache: cache.path)
        // Only in the cache: found there.
        #expect(try locator.locate("yelp2018") == DatasetLocation(name: "yelp2018", path: cache.file("yelp2018"), format: .paper))
        // In both: the data root comes first.
        #expect(try locator.locate("gowalla").path == root.file("gowalla"))
        // The data root's copy lacks ratings.dat, the cache's has it: the cache's is used.
        #expect(try locator.locate("ml-1m").path == cache.file("ml-1m"))
        // Paths and other names are not looked up in the cache.
        #expect(try locator.locate("clicks.tsv").path == root.file("clicks.tsv"))
        let missing = captureDataError { try locator.locate("amazon-book") }
        #expect(missing == .datasetNotFound(name: "amazon-book", searched: [root.file("amazon-book"), cache.file("amazon-book")]))
        // A cache that is the data root is not searched twice.
        #expect(DatasetLocator(dataRoot: root.path, downloadCache: root.path + "/").downloadCache == nil)
        #expect(DatasetLocator(dataRoot: root.path).downloadCache == nil)
    }

    @Test func theDefaultCacheIsTheDataVariableElseHome() {
        #expect(DownloadCache.defaultDirectory(environment: ["LIGHTGCN_DATA": "/data", "HOME": "/home/a"]) == "/data")
        #expect(DownloadCache.defaultDirectory(environment: ["HOME": "/home/a"]) == "/home/a/.cache/lightgcn/datasets")
    }
}
