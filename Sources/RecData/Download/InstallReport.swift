/// What `DatasetInstaller.install` did: where the dataset is and how each file was checked.
public struct InstallReport: Sendable {
    /// Whether files were fetched.
    public enum Outcome: Sendable, Equatable {
        /// The files were downloaded, verified and moved into place.
        case installed
        /// Every file was already in place (its pinned SHA-256 checked); nothing was fetched.
        case alreadyInstalled
    }

    /// A file in the dataset's directory.
    public struct File: Sendable, Equatable {
        /// The file's name.
        public let name: String
        /// Its full path.
        public let path: String
        /// Its size in bytes.
        public let byteCount: Int64
        /// Its SHA-256, as 64 lowercase hex digits.
        public let sha256: String
        /// True when `sha256` equals the pinned value; false when no pinned value exists (such a
        /// file is not verified).
        public let isVerified: Bool
    }

    /// The dataset.
    public let dataset: DownloadableDataset
    /// The directory holding the files.
    public let directory: String
    /// What was done.
    public let outcome: Outcome
    /// The URL fetched (nil when nothing was fetched).
    public let source: String?
    /// The SHA-256 of the zip archive itself, when one was fetched (shown, not pinned).
    public let archiveSHA256: String?
    /// The files in place, in the dataset's order.
    public let files: [File]
    /// Optional files that were not installed, with the reason.
    public let leftOut: [(name: String, reason: String)]
    /// Archive entries that are not part of the dataset and were not extracted.
    public let ignoredEntries: [String]

    /// The files installed without a pinned SHA-256 to check them against.
    public var unverifiedFiles: [File] { files.filter { !$0.isVerified } }
}
