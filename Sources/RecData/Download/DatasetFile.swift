/// One file of a `DownloadableDataset`, with the SHA-256 its original is known to have.
public struct DatasetFile: Sendable, Equatable {
    /// The file's name in the dataset's directory (and, for a zip, the entry's file name).
    public let name: String
    /// The pinned SHA-256 (64 lowercase hex digits), or nil when no verified value is known: such
    /// a file is installed only with `DatasetInstaller.allowUnverified`.
    public let sha256: String?
    /// Whether the dataset is usable without this file. An optional file without a pinned value
    /// is left out unless unverified files are allowed; a required one makes the download fail.
    public let isOptional: Bool

    /// A file; `sha256` nil means no pinned value is known.
    public init(_ name: String, sha256: String?, isOptional: Bool = false) {
        self.name = name
        self.sha256 = sha256
        self.isOptional = isOptional
    }

    /// Whether a pinned SHA-256 exists for this file.
    public var isPinned: Bool { sha256 != nil }
}
