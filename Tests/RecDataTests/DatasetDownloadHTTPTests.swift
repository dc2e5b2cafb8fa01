import Foundation
import RecData
import Testing

/// Downloads over HTTP from a Hummingbird server on a loopback port; never the internet.
@Suite(.serialized) struct DatasetDownloadHTTPTests {
    @Test func goodFilesAreVerifiedAndInstalledOverHTTP() async throws {
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let report = try await withFileServer(DownloadFixtures.contents) { base in
            try await onOwnThread {
                try DatasetInstaller(cacheDirectory: cache.path).install(DownloadFixtures.dataset(base: base))
            }
        }
        #expect(report.outcome == .installed && report.files.allSatisfy(\.isVerified))
        #expect(report.source?.hasPrefix("http://localhost:") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: cache.file("tiny/train.txt"))) == Data(DownloadFixtures.contents["train.txt"]!))
        #expect(DownloadFixtures.listing(cache.path) == ["tiny"])
    }

    @Test func aWrongChecksumOverHTTPIsRefusedAndLeavesNothing() async throws {
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        var served = DownloadFixtures.contents
        served["test.txt"] = Array("0 1\n".utf8)  // not the pinned bytes
        let error = try await withFileServer(served) { base in
            try await onOwnThread {
                captureDownloadError { try DatasetInstaller(cacheDirectory: cache.path).install(DownloadFixtures.dataset(base: base)) }
            }
        }
        guard case .checksumMismatch(let file, let source, _, let actual)? = error else {
            Issue.record("expected checksumMismatch, got \(String(describing: error))")
            return
        }
        #expect(file == "test.txt" && source.hasSuffix("/files/test.txt"))
        #expect(actual == SHA256.hexDigest(of: Array("0 1\n".utf8)))
        #expect(DownloadFixtures.listing(cache.path).isEmpty)
    }

    @Test func aMissingFileGivesTheStatusAndTheURL() async throws {
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let (notFound, serverError) = try await withFileServer(DownloadFixtures.contents) { base in
            try await onOwnThread {
                let installer = DatasetInstaller(cacheDirectory: cache.path)
                let zip = DatasetRegistry.movieLens100K.fetched(from: base.appendingPathComponent("ml-100k.zip"))
                return (captureDownloadError { try installer.install(zip) },
                        captureDownloadError { try installer.install(zip.fetched(from: base.appendingPathComponent("broken"))) })
            }
        }
        guard case .httpStatus(let url, let status, _)? = notFound else {
            Issue.record("expected httpStatus, got \(String(describing: notFound))")
            return
        }
        #expect(status == 404 && url.hasSuffix("/files/ml-100k.zip"))
        let message = notFound?.description ?? ""
        #expect(message.hasPrefix("\(url): the server answered HTTP 404"), "\(message)")
        #expect(message.contains("--url file:///path/to/ml-100k.zip") && message.contains("--data PATH"), "\(message)")
        guard case .httpStatus(_, 500, _)? = serverError else {
            Issue.record("expected HTTP 500, got \(String(describing: serverError))")
            return
        }
        #expect(DownloadFixtures.listing(cache.path).isEmpty)
    }

    @Test func anUnreachableServerGivesTheOfflineMessage() throws {
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        // Port 1 on the loopback address: nothing listens there, so the connection is refused.
        let url = URL(string: "http://127.0.0.1:1/ml-100k.zip")!
        let installer = DatasetInstaller(cacheDirectory: cache.path, downloader: FileDownloader(timeout: 10))
        let error = captureDownloadError { try installer.install(DatasetRegistry.movieLens100K.fetched(from: url)) }
        guard case .unreachable(let failed, _, let hint)? = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(failed == url.absoluteString)
        #expect(hint == DownloadError.localCopyHint(for: DatasetRegistry.movieLens100K))
        let message = error?.description ?? ""
        #expect(message.hasPrefix("http://127.0.0.1:1/ml-100k.zip: could not be reached") && message.contains("offline"), "\(message)")
        #expect(message.contains("--data-root") && message.contains("--url file://"), "\(message)")
        #expect(DownloadFixtures.listing(cache.path).isEmpty)
    }

    static let movieLens = "../shared/data/ml-100k"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: movieLens + "/u.data"),
                   "skipped: \(movieLens) is missing (see ../shared/data/README.md)"))
    func theRealMovieLens100KZipPassesItsPinnedChecksums() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        let names = DatasetRegistry.movieLens100K.files.map(\.name)
        let entries = try names.map { (path: "ml-100k/\($0)", bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(Self.movieLens)/\($0)")))) }
        let zip = root.file("ml-100k.zip")
        try DownloadFixtures.writeZip(entries + [("ml-100k/mku.sh", Array("#!/bin/sh\n".utf8))], to: zip, compressed: false)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: zip)))
        let cache = root.file("cache")
        let report = try await withFileServer(["ml-100k.zip": bytes]) { base in
            try await onOwnThread {
                try DatasetInstaller(cacheDirectory: cache).install(
                    DatasetRegistry.movieLens100K.fetched(from: base.appendingPathComponent("ml-100k.zip")))
            }
        }
        #expect(report.files.count == 21 && report.files.allSatisfy(\.isVerified))
        #expect(report.ignoredEntries == ["ml-100k/mku.sh"])
        let loaded = try DatasetLocator(dataRoot: cache).load("ml-100k")
        #expect(loaded.location.path == root.file("cache/ml-100k"))
        #expect(loaded.dataset.userCount == 943)
    }
}
