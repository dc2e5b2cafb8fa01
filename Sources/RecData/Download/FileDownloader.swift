import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches one URL into a file, hashing the bytes as they arrive.
///
/// `http:` and `https:` go through Foundation's `URLSession`; `file:` URLs are copied directly
/// (swift-corelibs-foundation's `URLSession` has no `file:` protocol, so both platforms take the
/// same path). An HTTP status outside 200…299 is `DownloadError.httpStatus`; a transport failure
/// (offline, unknown host, refused, timed out) is `.unreachable`. Each error carries `hint`, which
/// says how to use a local copy instead.
public struct FileDownloader: Sendable {
    /// Seconds without any data after which a request fails.
    public var timeout: TimeInterval

    /// A downloader whose requests time out after `timeout` idle seconds.
    public init(timeout: TimeInterval = 60) {
        self.timeout = timeout
    }

    /// Writes the bytes of `url` to `path` (created or truncated) and returns their size and
    /// SHA-256. `progress` is called on the calling thread, about ten times a second. On failure
    /// the partial file is removed.
    public func download(
        _ url: URL, to path: String, hint: String = "", progress: (DownloadProgress) -> Void = { _ in }
    ) throws -> DownloadedFile {
        guard FileManager.default.createFile(atPath: path, contents: nil), let output = FileHandle(forWritingAtPath: path) else {
            throw DownloadError.writeFailed(path: path, reason: "cannot create the file")
        }
        var succeeded = false
        defer {
            try? output.close()
            if !succeeded { try? FileManager.default.removeItem(atPath: path) }
        }
        let file: DownloadedFile
        switch url.scheme?.lowercased() {
        case "file":
            file = try copyLocal(url, to: output, path: path, hint: hint, progress: progress)
        case "http", "https":
            file = try HTTPTransfer(url: url, output: output, path: path).run(timeout: timeout, hint: hint, progress: progress)
        default:
            throw DownloadError.unsupportedURL(url: url.absoluteString)
        }
        succeeded = true
        return file
    }

    /// Copies a local file in chunks of 1 MiB.
    private func copyLocal(
        _ url: URL, to output: FileHandle, path: String, hint: String, progress: (DownloadProgress) -> Void
    ) throws -> DownloadedFile {
        let source = url.path
        guard FileBytes.isFile(source), let input = FileHandle(forReadingAtPath: source) else {
            throw DownloadError.localFileMissing(url: url.absoluteString, hint: hint)
        }
        defer { try? input.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: source)[.size] as? NSNumber)?.int64Value
        var hash = SHA256()
        var received: Int64 = 0
        while true {
            let chunk: Data
            do {
                guard let read = try input.read(upToCount: 1 << 20), !read.isEmpty else { break }
                chunk = read
            } catch {
                throw DownloadError.unreachable(url: url.absoluteString, reason: error.localizedDescription, hint: hint)
            }
            do {
                try output.write(contentsOf: chunk)
            } catch {
                throw DownloadError.writeFailed(path: path, reason: error.localizedDescription)
            }
            hash.update(chunk)
            received += Int64(chunk.count)
            progress(DownloadProgress(url: url, receivedBytes: received, expectedBytes: size))
        }
        return DownloadedFile(byteCount: received, sha256: hash.hexDigest)
    }
}
