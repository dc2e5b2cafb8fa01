import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP(S) GET streamed into a file by a `URLSession` data task, for `FileDownloader`.
///
/// The session's delegate queue writes and hashes each chunk as it arrives; the calling thread
/// waits for the end and reports progress in between. State shared by the two is behind `lock`.
final class HTTPTransfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let url: URL
    private let output: FileHandle
    private let path: String
    private let lock = NSLock()
    private let finished = DispatchSemaphore(value: 0)
    private var digest = SHA256()
    private var receivedBytes: Int64 = 0
    private var expectedBytes: Int64?
    private var status: Int?
    private var writeError: String?
    private var transportError: Error?

    init(url: URL, output: FileHandle, path: String) {
        self.url = url
        self.output = output
        self.path = path
    }

    /// Runs the request to the end and returns what was written; throws `DownloadError`.
    func run(timeout: TimeInterval, hint: String, progress: (DownloadProgress) -> Void) throws -> DownloadedFile {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: URLRequest(url: url)).resume()
        while finished.wait(timeout: .now() + 0.1) == .timedOut {
            progress(snapshot())
        }
        lock.lock()
        defer { lock.unlock() }
        let link = url.absoluteString
        if let status { throw DownloadError.httpStatus(url: link, status: status, hint: hint) }
        if let writeError { throw DownloadError.writeFailed(path: path, reason: writeError) }
        if let transportError { throw DownloadError.unreachable(url: link, reason: Self.reason(transportError), hint: hint) }
        if let expectedBytes, receivedBytes < expectedBytes {
            throw DownloadError.unreachable(
                url: link, reason: "the connection closed after \(receivedBytes) of \(expectedBytes) bytes", hint: hint)
        }
        return DownloadedFile(byteCount: receivedBytes, sha256: digest.hexDigest)
    }

    /// The progress so far.
    private func snapshot() -> DownloadProgress {
        lock.lock()
        defer { lock.unlock() }
        return DownloadProgress(url: url, receivedBytes: receivedBytes, expectedBytes: expectedBytes)
    }

    /// A transport error in a few words: the URLError's description without its boilerplate.
    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        let text = nsError.localizedDescription
        return nsError.domain == NSURLErrorDomain ? "\(text), URLError \(nsError.code)" : text
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            lock.withLock { status = http.statusCode }
            completionHandler(.cancel)
            return
        }
        // A compressed transfer announces the compressed size: then the decoded size is unknown.
        let encoded = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Encoding").map {
            $0.lowercased() != "identity"
        } ?? false
        lock.withLock { expectedBytes = response.expectedContentLength >= 0 && !encoded ? response.expectedContentLength : nil }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        do {
            try output.write(contentsOf: data)
        } catch {
            lock.withLock { writeError = error.localizedDescription }
            dataTask.cancel()
            return
        }
        lock.withLock {
            digest.update(data)
            receivedBytes += Int64(data.count)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.withLock {
            // The status is checked again here in case the response callback was not called.
            if status == nil, let http = task.response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
                status = http.statusCode
            }
            if status == nil && writeError == nil { transportError = error }
        }
        finished.signal()
    }
}
