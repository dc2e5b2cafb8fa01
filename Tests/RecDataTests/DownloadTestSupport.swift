import Foundation
import Hummingbird
import HummingbirdTesting
import RecData
import Testing
import ZIPFoundation

/// Tiny datasets, zips and a loopback HTTP server for the download tests (never the internet).
enum DownloadFixtures {
    /// Three small files of a paper-format dataset.
    static let contents: [String: [UInt8]] = [
        "train.txt": Array("0 0 1\n1 1 2\n".utf8),
        "test.txt": Array("0 2\n1 0\n".utf8),
        "notes.txt": Array("a note\n".utf8),
    ]

    /// A dataset of `contents` fetched as separate files from `base`, each file pinned to its
    /// real SHA-256 except those in `unpinned`; `optional` files may be left out.
    static func dataset(
        base: URL, unpinned: Set<String> = [], optional: Set<String> = [], pinOverrides: [String: String] = [:]
    ) -> DownloadableDataset {
        DownloadableDataset(
            name: "tiny", directory: "tiny", title: "Tiny", format: .paper, source: .files(base: base),
            files: files(unpinned: unpinned, optional: optional, pinOverrides: pinOverrides), terms: "test data")
    }

    /// The same files as one zip at `url`.
    static func archiveDataset(url: URL, unpinned: Set<String> = [], optional: Set<String> = []) -> DownloadableDataset {
        DownloadableDataset(
            name: "tiny", directory: "tiny", title: "Tiny", format: .paper, source: .zip(url),
            files: files(unpinned: unpinned, optional: optional, pinOverrides: [:]), terms: "test data")
    }

    static func files(unpinned: Set<String>, optional: Set<String>, pinOverrides: [String: String]) -> [DatasetFile] {
        ["train.txt", "test.txt", "notes.txt"].map { name in
            let pin = unpinned.contains(name) ? nil : (pinOverrides[name] ?? SHA256.hexDigest(of: contents[name]!))
            return DatasetFile(name, sha256: pin, isOptional: optional.contains(name))
        }
    }

    /// Writes `entries` (path in the archive → bytes) as a zip at `path`, deflated unless
    /// `compressed` is false (stored entries are faster to write in a debug build).
    static func writeZip(_ entries: [(path: String, bytes: [UInt8])], to path: String, compressed: Bool = true) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for entry in entries {
            let data = Data(entry.bytes)
            try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: compressed ? .deflate : .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// The names of the entries directly in `directory` (hidden ones included), sorted.
    static func listing(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }
}

/// Runs `body` on a thread of its own, outside Swift's cooperative pool, so that a blocking
/// download does not starve the test server's tasks.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// Serves `files` at `http://localhost:PORT/files/NAME` (404 for other names, 500 for
/// `broken`) on a loopback port of its own while `body` runs with the base URL.
func withFileServer<T: Sendable>(
    _ files: [String: [UInt8]], _ body: @escaping @Sendable (URL) async throws -> T
) async throws -> T {
    let router = Router()
    router.get("files/:name") { _, context -> Response in
        let name = context.parameters.get("name") ?? ""
        if name == "broken" { return Response(status: .internalServerError) }
        guard let bytes = files[name] else { return Response(status: .notFound) }
        return Response(status: .ok, headers: [.contentType: "application/octet-stream"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
    let app = Application(router: router)
    return try await app.test(.live) { client in
        let port = try #require(client.port)
        return try await body(URL(string: "http://localhost:\(port)/files/")!)
    }
}
