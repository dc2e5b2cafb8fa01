import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Everything that can go wrong while downloading, verifying and installing a dataset.
///
/// Each case names the URL or file; a failed transfer also says how to use a local copy instead.
public enum DownloadError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The server answered `url` with an HTTP status outside 200…299.
    case httpStatus(url: String, status: Int, hint: String)
    /// `url` could not be reached (offline, no such host, connection refused, timed out).
    case unreachable(url: String, reason: String, hint: String)
    /// A `file:` URL names no readable file.
    case localFileMissing(url: String, hint: String)
    /// The scheme of `url` is not http, https or file.
    case unsupportedURL(url: String)
    /// A downloaded or extracted file does not have its pinned SHA-256; nothing was installed.
    case checksumMismatch(file: String, source: String, expected: String, actual: String)
    /// A file already installed at `path` differs from its pinned SHA-256.
    case installedFileMismatch(path: String, expected: String, actual: String)
    /// `dataset` needs `files`, for which no pinned SHA-256 exists, and unverified files were not allowed.
    case unverifiedRefused(dataset: String, files: [String])
    /// The archive at `url` could not be read as a zip file.
    case unreadableArchive(url: String, reason: String)
    /// The archive at `url` has no entry called `file`.
    case missingFromArchive(url: String, file: String)
    /// The archive at `url` has more than one entry called `file`.
    case ambiguousArchiveEntry(url: String, file: String, entries: [String])
    /// Writing into the cache failed at `path`; nothing was left under a final name.
    case writeFailed(path: String, reason: String)

    /// What to do when a download fails: point at a local copy of `dataset` instead.
    public static func localCopyHint(for dataset: DownloadableDataset) -> String {
        let install = dataset.isArchive
            ? "install a copy of the zip with 'lightgcn datasets download \(dataset.name) "
                + "--url file:///path/to/\(dataset.directory).zip'"
            : "install a directory holding \(dataset.files.map(\.name).joined(separator: ", ")) with "
                + "'lightgcn datasets download \(dataset.name) --url file:///path/to/\(dataset.directory)/'"
        return "To use a local copy instead, pass --data PATH (the unpacked directory) or --data-root DIR "
            + "(a directory holding \(dataset.directory)/), set LIGHTGCN_DATA to such a directory, or \(install)."
    }

    /// One or two sentences naming the URL or file, what was wrong and what to do.
    public var description: String {
        switch self {
        case .httpStatus(let url, let status, let hint):
            let reason = HTTPURLResponse.localizedString(forStatusCode: status)
            return "\(url): the server answered HTTP \(status) (\(reason)); nothing was installed. \(hint)"
        case .unreachable(let url, let reason, let hint):
            return "\(url): could not be reached (\(reason)); are you offline? Nothing was installed. \(hint)"
        case .localFileMissing(let url, let hint):
            return "\(url): no such file; nothing was installed. \(hint)"
        case .unsupportedURL(let url):
            return "\(url): unsupported URL; use an http://, https:// or file:// URL (or a local path)."
        case .checksumMismatch(let file, let source, let expected, let actual):
            return "\(file) from \(source): SHA-256 is \(actual), expected \(expected); the file is not the "
                + "original (corrupt, truncated or changed upstream), so nothing was installed."
        case .installedFileMismatch(let path, let expected, let actual):
            return "\(path): SHA-256 is \(actual), expected \(expected); it is not the original file. "
                + "Run the download again with --force to replace it."
        case .unverifiedRefused(let dataset, let files):
            return "\(dataset): no pinned SHA-256 is known for \(files.joined(separator: ", ")), so "
                + "\(files.count == 1 ? "it" : "they") cannot be verified. Nothing was downloaded. Pass "
                + "--allow-unverified to install \(files.count == 1 ? "it" : "them") anyway; the computed SHA-256 "
                + "of each unverified file is printed and recorded in SHA256SUMS."
        case .unreadableArchive(let url, let reason):
            return "\(url): is not a readable zip archive (\(reason)); nothing was installed."
        case .missingFromArchive(let url, let file):
            return "\(url): the archive has no file \(file); it is not the expected archive. Nothing was installed."
        case .ambiguousArchiveEntry(let url, let file, let entries):
            return "\(url): the archive has several files called \(file) (\(entries.joined(separator: ", "))); "
                + "nothing was installed."
        case .writeFailed(let path, let reason):
            return "\(path): could not be written (\(reason)); check that the cache directory is writable "
                + "(--cache DIR chooses another). Nothing was installed."
        }
    }
}
