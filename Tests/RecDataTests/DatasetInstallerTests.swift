import Foundation
import RecData
import Testing

/// The installer against `file:` URLs: verification, the unverified policy, zips, reinstalls.
@Suite struct DatasetInstallerTests {
    /// A source directory holding the fixture files, and an empty cache beside it.
    struct Setup {
        let root: TemporaryDirectory
        var source: URL { URL(fileURLWithPath: root.file("source"), isDirectory: true) }
        var cache: String { root.file("cache") }

        init() throws {
            root = try TemporaryDirectory()
            for (name, bytes) in DownloadFixtures.contents { try root.write("source/\(name)", bytes: bytes) }
        }

        func installer(allowUnverified: Bool = false, force: Bool = false) -> DatasetInstaller {
            DatasetInstaller(cacheDirectory: cache, allowUnverified: allowUnverified, force: force)
        }
    }

    @Test func goodFilesAreVerifiedAndInstalled() throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        var events: [String] = []
        let report = try setup.installer().install(DownloadFixtures.dataset(base: setup.source)) { event in
            if case .downloaded(let url, _) = event { events.append(url.lastPathComponent) }
        }
        #expect(report.outcome == .installed)
        #expect(report.directory == setup.root.file("cache/tiny"))
        #expect(report.files.map(\.name) == ["train.txt", "test.txt", "notes.txt"])
        #expect(report.files.allSatisfy(\.isVerified) && report.unverifiedFiles.isEmpty)
        #expect(events == ["train.txt", "test.txt", "notes.txt"])
        for (name, bytes) in DownloadFixtures.contents {
            #expect(try Data(contentsOf: URL(fileURLWithPath: setup.root.file("cache/tiny/\(name)"))) == Data(bytes))
        }
        let sums = try String(contentsOfFile: setup.root.file("cache/tiny/SHA256SUMS"), encoding: .utf8)
        #expect(sums.contains("\(SHA256.hexDigest(of: DownloadFixtures.contents["train.txt"]!))  train.txt\n"))
        // The temporary directory is gone: the cache holds the dataset only.
        #expect(DownloadFixtures.listing(setup.cache) == ["tiny"])
        // The installed directory loads as a dataset.
        #expect(try DatasetLocator(dataRoot: setup.cache).load("tiny").dataset.train.interactionCount == 4)
    }

    @Test func aWrongChecksumIsRefusedAndLeavesNothingUnderTheFinalName() throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        let wrong = String(repeating: "0", count: 64)
        let dataset = DownloadFixtures.dataset(base: setup.source, pinOverrides: ["test.txt": wrong])
        let error = captureDownloadError { try setup.installer(allowUnverified: true).install(dataset) }
        #expect(error == .checksumMismatch(
            file: "test.txt", source: setup.source.appendingPathComponent("test.txt").absoluteString, expected: wrong,
            actual: SHA256.hexDigest(of: DownloadFixtures.contents["test.txt"]!)))
        #expect(error?.description.contains("nothing was installed") == true)
        #expect(!FileManager.default.fileExists(atPath: setup.root.file("cache/tiny")))
        #expect(DownloadFixtures.listing(setup.cache).isEmpty)
    }

    @Test func unpinnedRequiredFilesAreRefusedBeforeAnyTransferUnlessAllowed() throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        // The base URL does not exist: a refusal must come before any transfer.
        let nowhere = DownloadFixtures.dataset(base: URL(fileURLWithPath: setup.root.file("nowhere")), unpinned: ["train.txt"])
        let refused = captureDownloadError { try setup.installer().install(nowhere) }
        #expect(refused == .unverifiedRefused(dataset: "tiny", files: ["train.txt"]))
        #expect(refused?.description.contains("--allow-unverified") == true)

        let dataset = DownloadFixtures.dataset(base: setup.source, unpinned: ["train.txt"])
        let report = try setup.installer(allowUnverified: true).install(dataset)
        #expect(report.unverifiedFiles.map(\.name) == ["train.txt"])
        #expect(report.unverifiedFiles.first?.sha256 == SHA256.hexDigest(of: DownloadFixtures.contents["train.txt"]!))
        #expect(report.files.filter(\.isVerified).map(\.name) == ["test.txt", "notes.txt"])
    }

    @Test func unpinnedOptionalFilesAreLeftOutUnlessAllowed() throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        let dataset = DownloadFixtures.dataset(base: setup.source, unpinned: ["notes.txt"], optional: ["notes.txt"])
        let report = try setup.installer().install(dataset)
        #expect(report.files.map(\.name) == ["train.txt", "test.txt"])
        #expect(report.leftOut.map(\.name) == ["notes.txt"])
        #expect(!FileManager.default.fileExists(atPath: setup.root.file("cache/tiny/notes.txt")))
        let all = try setup.installer(allowUnverified: true).install(dataset)
        #expect(all.outcome == .installed && all.unverifiedFiles.map(\.name) == ["notes.txt"])
    }

    @Test func installedFilesAreCheckedNotFetchedAgainUnlessForced() throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        let dataset = DownloadFixtures.dataset(base: setup.source)
        _ = try setup.installer().install(dataset)
        try setup.root.write("cache/tiny/mine.txt", "a file of the user's")
        // Nothing is fetched for a complete directory: the source may be gone.
        let gone = DownloadFixtures.dataset(base: URL(fileURLWithPath: setup.root.file("nowhere")))
        let again = try setup.installer().install(gone)
        #expect(again.outcome == .alreadyInstalled && again.files.allSatisfy(\.isVerified))
        // A changed file is reported with its path; --force replaces it and keeps other files.
        try setup.root.write("cache/tiny/test.txt", "0 1\n")
        let changed = captureDownloadError { try setup.installer().install(dataset) }
        guard case .installedFileMismatch(let path, _, _)? = changed else {
            Issue.record("expected installedFileMismatch, got \(String(describing: changed))")
            return
        }
        #expect(path == setup.root.file("cache/tiny/test.txt"))
        #expect(changed?.description.contains("--force") == true)
        let forced = try setup.installer(force: true).install(dataset)
        #expect(forced.outcome == .installed)
        #expect(try String(contentsOfFile: setup.root.file("cache/tiny/test.txt"), encoding: .utf8) == "0 2\n1 0\n")
        #expect(FileManager.default.fileExists(atPath: setup.root.file("cache/tiny/mine.txt")))
    }

    @Test func abandonedTemporaryDirectoriesAreRemovedOnceADayOld() throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        try setup.root.write("cache/.tiny.download-OLD/train.txt", "partial")
        try setup.root.write("cache/.tiny.download-NEW/train.txt", "in progress elsewhere")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-2 * 24 * 3600)],
                                              ofItemAtPath: setup.root.file("cache/.tiny.download-OLD"))
        _ = try setup.installer().install(DownloadFixtures.dataset(base: setup.source))
        #expect(DownloadFixtures.listing(setup.cache) == [".tiny.download-NEW", "tiny"])
    }

    @Test func zipEntriesAreExtractedByNameAndChecked() throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        let zip = setup.root.file("tiny.zip")
        let contents = DownloadFixtures.contents
        try DownloadFixtures.writeZip([
            ("tiny/train.txt", contents["train.txt"]!), ("tiny/test.txt", contents["test.txt"]!),
            ("tiny/notes.txt", contents["notes.txt"]!), ("tiny/script.sh", Array("echo\n".utf8)),
            ("__MACOSX/tiny/._train.txt", [0, 1, 2]),
        ], to: zip)
        let dataset = DownloadFixtures.archiveDataset(url: URL(fileURLWithPath: zip))
        let report = try setup.installer().install(dataset)
        #expect(report.outcome == .installed && report.files.count == 3 && report.files.allSatisfy(\.isVerified))
        #expect(report.ignoredEntries == ["tiny/script.sh"])
        #expect(report.archiveSHA256 == (try SHA256.hexDigest(ofFileAt: zip)))
        #expect(DownloadFixtures.listing(setup.root.file("cache/tiny")) == ["SHA256SUMS", "notes.txt", "test.txt", "train.txt"])
        #expect(DownloadFixtures.listing(setup.cache) == ["tiny"])
    }

    @Test func badZipsAreRefused() throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        let contents = DownloadFixtures.contents
        let partial = setup.root.file("partial.zip")
        try DownloadFixtures.writeZip([("train.txt", contents["train.txt"]!), ("notes.txt", contents["notes.txt"]!)], to: partial)
        let missing = captureDownloadError {
            try setup.installer().install(DownloadFixtures.archiveDataset(url: URL(fileURLWithPath: partial)))
        }
        #expect(missing == .missingFromArchive(url: URL(fileURLWithPath: partial).absoluteString, file: "test.txt"))
        // An optional file may be absent.
        let optional = try setup.installer(allowUnverified: true).install(
            DownloadFixtures.archiveDataset(url: URL(fileURLWithPath: partial), optional: ["test.txt"]))
        #expect(optional.leftOut.map(\.name) == ["test.txt"])

        let tampered = setup.root.file("tampered.zip")
        try DownloadFixtures.writeZip([("train.txt", contents["train.txt"]!), ("test.txt", Array("0 1\n".utf8)),
                                       ("notes.txt", contents["notes.txt"]!)], to: tampered)
        let mismatch = captureDownloadError {
            try setup.installer(force: true).install(DownloadFixtures.archiveDataset(url: URL(fileURLWithPath: tampered)))
        }
        guard case .checksumMismatch(let file, _, _, _)? = mismatch else {
            Issue.record("expected checksumMismatch, got \(String(describing: mismatch))")
            return
        }
        #expect(file == "test.txt")

        let notZip = try setup.root.write("not.zip", "plain text")
        let unreadable = captureDownloadError {
            try setup.installer(force: true).install(DownloadFixtures.archiveDataset(url: URL(fileURLWithPath: notZip)))
        }
        guard case .unreadableArchive? = unreadable else {
            Issue.record("expected unreadableArchive, got \(String(describing: unreadable))")
            return
        }
        #expect(DownloadFixtures.listing(setup.cache) == ["tiny"])  // only the earlier optional install
    }

    @Test func aMissingLocalFileSaysHowToUseALocalCopy() throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        let url = URL(fileURLWithPath: setup.root.file("nowhere/ml-100k.zip"))
        let error = captureDownloadError { try setup.installer().install(DatasetRegistry.movieLens100K.fetched(from: url)) }
        #expect(error == .localFileMissing(url: url.absoluteString, hint: DownloadError.localCopyHint(for: DatasetRegistry.movieLens100K)))
        #expect(error?.description.contains("--url file:///path/to/ml-100k.zip") == true)
        #expect(error?.description.contains("--data PATH") == true && error?.description.contains("LIGHTGCN_DATA") == true)
        #expect(!FileManager.default.fileExists(atPath: setup.root.file("cache/ml-100k")))
    }
}

/// The `DownloadError` thrown by `body`, or nil when it throws nothing (or another error).
func captureDownloadError<T>(_ body: () throws -> T) -> DownloadError? {
    do {
        _ = try body()
        return nil
    } catch let error as DownloadError {
        return error
    } catch {
        return nil
    }
}
