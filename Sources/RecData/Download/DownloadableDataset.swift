import Foundation

/// A public dataset that `DatasetInstaller` can download: where its files come from, what they
/// are called and which SHA-256 each must have.
public struct DownloadableDataset: Sendable, Equatable {
    /// Where the files are fetched from.
    public enum Source: Sendable, Equatable {
        /// One zip archive whose entries are the files (matched by file name, in any folder).
        case zip(URL)
        /// Separate files under one base URL: `base/NAME` for each file.
        case files(base: URL)
    }

    /// The name used by `lightgcn datasets download` and `--data` (`ml-100k`, `lastfm-hetrec`).
    public let name: String
    /// The directory under the cache (and under a data root) that holds the files.
    public let directory: String
    /// A human name: `MovieLens 100K`.
    public let title: String
    /// The layout of the installed directory, as `DatasetLocator` reads it.
    public let format: DatasetFormat
    /// Where the files come from by default (`--url` overrides it).
    public let source: Source
    /// The files that are installed, in order.
    public let files: [DatasetFile]
    /// The terms of use in one sentence, printed after a download.
    public let terms: String

    /// A dataset description.
    public init(
        name: String, directory: String, title: String, format: DatasetFormat, source: Source,
        files: [DatasetFile], terms: String
    ) {
        self.name = name
        self.directory = directory
        self.title = title
        self.format = format
        self.source = source
        self.files = files
        self.terms = terms
    }

    /// The default URL: the zip's, or the base URL of separate files.
    public var url: URL {
        switch source {
        case .zip(let url): return url
        case .files(let base): return base
        }
    }

    /// Whether the source is a zip archive.
    public var isArchive: Bool {
        if case .zip = source { return true }
        return false
    }

    /// The same dataset fetched from `url` instead: a zip for an archive dataset, else the
    /// directory (or base URL) that holds the files. The pinned SHA-256 values still apply.
    public func fetched(from url: URL) -> DownloadableDataset {
        let source: Source = isArchive ? .zip(url) : .files(base: url)
        return DownloadableDataset(name: name, directory: directory, title: title, format: format, source: source,
                                   files: files, terms: terms)
    }

    /// The files without a pinned SHA-256 that the dataset cannot do without.
    public var unpinnedRequiredFiles: [DatasetFile] { files.filter { !$0.isPinned && !$0.isOptional } }

    /// The files installed when unverified files are (or are not) allowed: every pinned or
    /// required file, and the unpinned optional ones only when allowed.
    public func selectedFiles(allowUnverified: Bool) -> [DatasetFile] {
        files.filter { $0.isPinned || !$0.isOptional || allowUnverified }
    }
}
