import Foundation

/// How far a transfer has come, for a progress line.
public struct DownloadProgress: Sendable, Equatable {
    /// What is being fetched.
    public let url: URL
    /// Bytes received so far.
    public let receivedBytes: Int64
    /// The size announced by the server (or of the local file), when known.
    public let expectedBytes: Int64?

    /// A progress report.
    public init(url: URL, receivedBytes: Int64, expectedBytes: Int64?) {
        self.url = url
        self.receivedBytes = receivedBytes
        self.expectedBytes = expectedBytes
    }

    /// The completed share in 0…1, when the size is known.
    public var fraction: Double? {
        guard let expectedBytes, expectedBytes > 0 else { return nil }
        return min(1, Double(receivedBytes) / Double(expectedBytes))
    }
}

/// A file fetched by `FileDownloader`: its size and the SHA-256 of its bytes.
public struct DownloadedFile: Sendable, Equatable {
    /// Bytes written.
    public let byteCount: Int64
    /// SHA-256 of the bytes written, as 64 lowercase hex digits.
    public let sha256: String

    /// A fetched file's size and digest.
    public init(byteCount: Int64, sha256: String) {
        self.byteCount = byteCount
        self.sha256 = sha256
    }
}
