import Foundation
import Testing

/// `lightgcn datasets` from file URLs and a refused loopback port; never the internet.
@Suite("lightgcn datasets", .serialized)
struct DatasetsCommandTests {
    /// This process's environment with HOME moved to `home` and no LIGHTGCN_DATA, so the default
    /// cache is `home/.cache/lightgcn/datasets`.
    static func environment(home: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home
        environment["LIGHTGCN_DATA"] = nil
        return environment
    }

    @Test("list names every downloadable dataset and its pins")
    func list() throws {
        let home = try ScratchDirectory()
        defer { home.remove() }
        let result = try CommandLine.run(["datasets", "list", "--data-root", home.file("empty")],
                                         environment: Self.environment(home: home.path))
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["ml-100k", "ml-1m", "lastfm-hetrec", "gowalla", "yelp2018", "amazon-book"] {
            #expect(result.stdout.contains("\n\(name) "), "\(result.stdout)")
        }
        #expect(result.stdout.contains("21/21") && result.stdout.contains("3/4") && result.stdout.contains("0/4"))
        #expect(result.stdout.contains("not downloaded"))
        #expect(result.stdout.contains(home.file(".cache/lightgcn/datasets")))
    }

    @Test("an unverified download into the default cache is found by --data NAME")
    func unverifiedDownloadIsFoundByName() throws {
        let home = try ScratchDirectory()
        defer { home.remove() }
        let environment = Self.environment(home: home.path)
        let source = try ScratchDirectory()
        defer { source.remove() }
        var train = "", test = ""
        for user in 0..<12 {
            train += "\(user) " + (0..<6).map { String((user + $0) % 10) }.joined(separator: " ") + "\n"
            test += "\(user) \((user + 7) % 10)\n"
        }
        try source.write("train.txt", train)
        try source.write("test.txt", test)
        try source.write("user_list.txt", "org_id remap_id\n" + (0..<12).map { "u\($0) \($0)" }.joined(separator: "\n") + "\n")
        try source.write("item_list.txt", "org_id remap_id\n" + (0..<10).map { "i\($0) \($0)" }.joined(separator: "\n") + "\n")

        // yelp2018 has no pinned SHA-256: refused without --allow-unverified, nothing fetched.
        let refused = try CommandLine.run(["datasets", "download", "yelp2018", "--url", source.url.absoluteString],
                                          environment: environment)
        #expect(refused.status == 1 && refused.stderr.contains("--allow-unverified"), "\(refused.stderr)")
        let installed = home.file(".cache/lightgcn/datasets/yelp2018")
        #expect(!FileManager.default.fileExists(atPath: installed))

        // Run from HOME, where the default data root (../shared/data) has no yelp2018 to shadow the cache.
        let download = try CommandLine.run(
            ["datasets", "download", "yelp2018", "--url", source.url.absoluteString, "--allow-unverified"],
            environment: environment, directory: home.path)
        #expect(download.status == 0, "\(download.stderr)")
        #expect(download.stdout == installed + "\n")
        #expect(download.stderr.contains("NOT VERIFIED  train.txt") && download.stderr.contains("4 of 4 files NOT VERIFIED"),
                "\(download.stderr)")
        #expect(download.stderr.contains("use it with --data yelp2018"), "\(download.stderr)")

        // Another command finds it by name in the default cache (the data root has no yelp2018).
        let train1 = try CommandLine.run(
            ["train", "--data", "yelp2018", "--data-root", home.file("empty"), "--epochs", "1", "--dim", "4",
             "--k", "5", "--paper-protocol", "--json"], environment: environment)
        #expect(train1.status == 0, "\(train1.stderr)")
        #expect(train1.stderr.contains(installed) || train1.stdout.contains(installed), "\(train1.stderr)")
    }

    static let gowalla = "../shared/data/gowalla"

    @Test("a verified download from a file URL", .enabled(if: FileManager.default.fileExists(atPath: gowalla + "/train.txt"),
                                                          "skipped: \(gowalla) is missing (see ../shared/data/README.md)"))
    func verifiedDownload() throws {
        let cache = try ScratchDirectory()
        defer { cache.remove() }
        let url = URL(fileURLWithPath: Self.gowalla, isDirectory: true).standardizedFileURL.absoluteString
        let result = try CommandLine.run(["datasets", "download", "gowalla", "--cache", cache.path, "--url", url])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == cache.file("gowalla") + "\n")
        #expect(result.stderr.contains("all 4 files verified"), "\(result.stderr)")
        #expect(!result.stderr.contains("NOT VERIFIED"))
        let again = try CommandLine.run(["datasets", "download", "gowalla", "--cache", cache.path, "--url", "http://127.0.0.1:1/"])
        #expect(again.status == 0 && again.stderr.contains("already in"), "\(again.stderr)")
    }

    @Test("a wrong checksum, an unreachable server and an unknown name fail cleanly")
    func failures() throws {
        let cache = try ScratchDirectory()
        defer { cache.remove() }
        let fake = try ScratchDirectory()
        defer { fake.remove() }
        for name in ["train.txt", "test.txt", "user_list.txt", "item_list.txt"] { try fake.write(name, "0 1\n") }
        let wrong = try CommandLine.run(["datasets", "download", "gowalla", "--cache", cache.path, "--url", fake.path])
        #expect(wrong.status == 1, "\(wrong.stderr)")
        #expect(wrong.stderr.contains("train.txt from file://") && wrong.stderr.contains("expected 7244696f"), "\(wrong.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cache.file("gowalla")))

        let offline = try CommandLine.run(["datasets", "download", "ml-100k", "--cache", cache.path,
                                           "--url", "http://127.0.0.1:1/ml-100k.zip"])
        #expect(offline.status == 1, "\(offline.stderr)")
        #expect(offline.stderr.contains("http://127.0.0.1:1/ml-100k.zip: could not be reached"), "\(offline.stderr)")
        #expect(offline.stderr.contains("--url file:///path/to/ml-100k.zip") && offline.stderr.contains("LIGHTGCN_DATA"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: cache.path))?.isEmpty == true)

        let unknown = try CommandLine.run(["datasets", "download", "netflix", "--cache", cache.path])
        #expect(unknown.status == 64 && unknown.stderr.contains("unknown dataset 'netflix'"), "\(unknown.stderr)")
        let badURL = try CommandLine.run(["datasets", "download", "ml-100k", "--url", "ftp://example.org/x.zip"])
        #expect(badURL.status == 64 && badURL.stderr.contains("--url expects"), "\(badURL.stderr)")
    }
}
