import Foundation

/// Downloads a `DownloadableDataset` into a cache directory, verifies every file by SHA-256 and
/// only then moves it into place.
///
/// Files are fetched (and a zip extracted) into a temporary directory in the cache,
/// `.DIRECTORY.download-UUID`, which is removed at the end whatever happens (one left by a killed
/// run is removed by a later install once it is a day old). Each file is checked
/// against its pinned SHA-256; only when every file has passed are they renamed, one by one, to
/// `CACHE/DIRECTORY/NAME` (a rename within one file system: a file under its final name is always
/// complete and verified), followed by a `SHA256SUMS` file that `sha256sum -c` accepts.
///
/// Policy for files without a pinned SHA-256 (no verified copy of the original is known):
/// - a required one (MovieLens 1M's `ratings.dat`, every file of Yelp2018 and Amazon-Book) makes
///   `install` refuse before anything is downloaded, unless `allowUnverified`; with it the file is
///   installed, and the report lists it with its computed SHA-256 as not verified;
/// - an optional one (HetRec's `user_taggedartists-timestamps.dat`) is left out unless
///   `allowUnverified`.
/// A pinned file whose SHA-256 differs is never installed, whatever the options.
public struct DatasetInstaller: Sendable {
    /// Something that happened during `install`, for progress output.
    public enum Event: Sendable {
        /// A transfer of `url` starts.
        case downloading(URL)
        /// Bytes arrived.
        case progress(DownloadProgress)
        /// A transfer ended.
        case downloaded(URL, DownloadedFile)
        /// Files are being extracted from the archive fetched from `url`.
        case extracting(URL)
    }

    /// The cache directory (see `DownloadCache.defaultDirectory`).
    public var cacheDirectory: String
    /// Install files that have no pinned SHA-256 (see the policy above).
    public var allowUnverified: Bool
    /// Download again even if every file is already in place.
    public var force: Bool
    /// The transfer of each URL.
    public var downloader: FileDownloader

    /// An installer into `cacheDirectory`.
    public init(
        cacheDirectory: String = DownloadCache.defaultDirectory(), allowUnverified: Bool = false, force: Bool = false,
        downloader: FileDownloader = FileDownloader()
    ) {
        self.cacheDirectory = cacheDirectory
        self.allowUnverified = allowUnverified
        self.force = force
        self.downloader = downloader
    }

    /// Where `dataset` is (or would be) installed.
    public func directory(of dataset: DownloadableDataset) -> String {
        FileBytes.join(cacheDirectory, dataset.directory)
    }

    /// The selected files of `dataset` that are not in its directory (all of them when it has none).
    public func missingFiles(of dataset: DownloadableDataset) -> [DatasetFile] {
        let directory = directory(of: dataset)
        return dataset.selectedFiles(allowUnverified: allowUnverified).filter {
            !FileBytes.isFile(FileBytes.join(directory, $0.name))
        }
    }

    /// Downloads, verifies and installs `dataset` (see the type's description); when every file
    /// is already in place and `force` is off, checks the pinned ones and fetches nothing.
    /// Throws `DownloadError` (or `DataError` for an installed file that cannot be read).
    public func install(_ dataset: DownloadableDataset, events: (Event) -> Void = { _ in }) throws -> InstallReport {
        let target = directory(of: dataset)
        let selected = dataset.selectedFiles(allowUnverified: allowUnverified)
        let leftOut = dataset.files.filter { file in !selected.contains(file) }.map {
            (name: $0.name, reason: "no pinned SHA-256; pass --allow-unverified to install it too")
        }
        if !force && missingFiles(of: dataset).isEmpty {
            return try checkInstalled(dataset, files: selected, in: target, leftOut: leftOut)
        }
        if !allowUnverified && !dataset.unpinnedRequiredFiles.isEmpty {
            throw DownloadError.unverifiedRefused(dataset: dataset.name, files: dataset.unpinnedRequiredFiles.map(\.name))
        }
        try createDirectory(cacheDirectory)
        removeAbandonedDownloads(of: dataset)
        let staging = FileBytes.join(cacheDirectory, "\(stagingPrefix(dataset))\(UUID().uuidString)")
        try createDirectory(staging)
        defer { try? FileManager.default.removeItem(atPath: staging) }

        let fetched = try fetch(dataset, files: selected, into: staging, events: events)
        var installed: [InstallReport.File] = []
        for file in selected {
            guard let downloaded = fetched.files[file.name] else { continue }
            let source = (dataset.isArchive ? dataset.url : fileURL(dataset, file)).absoluteString
            if let pinned = file.sha256, pinned != downloaded.sha256 {
                throw DownloadError.checksumMismatch(file: file.name, source: source, expected: pinned, actual: downloaded.sha256)
            }
            installed.append(InstallReport.File(
                name: file.name, path: FileBytes.join(target, file.name), byteCount: downloaded.byteCount,
                sha256: downloaded.sha256, isVerified: file.isPinned))
        }
        let sums = installed.map { "\($0.sha256)  \($0.name)\n" }.joined()
        do {
            try Data(sums.utf8).write(to: URL(fileURLWithPath: FileBytes.join(staging, "SHA256SUMS")))
        } catch {
            throw DownloadError.writeFailed(path: FileBytes.join(staging, "SHA256SUMS"), reason: error.localizedDescription)
        }
        try createDirectory(target)
        for name in installed.map(\.name) + ["SHA256SUMS"] {
            try move(FileBytes.join(staging, name), to: FileBytes.join(target, name))
        }
        let absent = fetched.absent.map { (name: $0, reason: "not in the archive") }
        return InstallReport(
            dataset: dataset, directory: target, outcome: .installed, source: dataset.url.absoluteString,
            archiveSHA256: fetched.archive?.sha256, files: installed, leftOut: leftOut + absent,
            ignoredEntries: fetched.ignored)
    }

    /// What `fetch` brought into the staging directory.
    private struct Fetched {
        var files: [String: DownloadedFile] = [:]
        var archive: DownloadedFile?
        var absent: [String] = []
        var ignored: [String] = []
    }

    /// Downloads the zip and extracts `files`, or downloads each file.
    private func fetch(
        _ dataset: DownloadableDataset, files: [DatasetFile], into staging: String, events: (Event) -> Void
    ) throws -> Fetched {
        let hint = DownloadError.localCopyHint(for: dataset)
        var fetched = Fetched()
        switch dataset.source {
        case .zip(let url):
            let archivePath = FileBytes.join(staging, ".archive.zip")
            let archive = try transfer(url, to: archivePath, hint: hint, events: events)
            fetched.archive = archive
            events(.extracting(url))
            let extracted = try ZipExtractor(archivePath: archivePath, source: url.absoluteString).extract(files, into: staging)
            try? FileManager.default.removeItem(atPath: archivePath)
            fetched.files = extracted.files
            fetched.absent = extracted.absent
            fetched.ignored = extracted.ignored
        case .files:
            for file in files {
                fetched.files[file.name] = try transfer(fileURL(dataset, file), to: FileBytes.join(staging, file.name),
                                                        hint: hint, events: events)
            }
        }
        return fetched
    }

    /// One transfer, with its events.
    private func transfer(_ url: URL, to path: String, hint: String, events: (Event) -> Void) throws -> DownloadedFile {
        events(.downloading(url))
        let file = try downloader.download(url, to: path, hint: hint) { events(.progress($0)) }
        events(.downloaded(url, file))
        return file
    }

    /// The URL of one file of a dataset made of separate files.
    private func fileURL(_ dataset: DownloadableDataset, _ file: DatasetFile) -> URL {
        dataset.url.appendingPathComponent(file.name)
    }

    /// The report for a dataset whose files are all in place, after checking the pinned ones.
    private func checkInstalled(
        _ dataset: DownloadableDataset, files: [DatasetFile], in target: String, leftOut: [(name: String, reason: String)]
    ) throws -> InstallReport {
        var checked: [InstallReport.File] = []
        for file in files {
            let path = FileBytes.join(target, file.name)
            let digest = try SHA256.hexDigest(ofFileAt: path)
            if let pinned = file.sha256, pinned != digest {
                throw DownloadError.installedFileMismatch(path: path, expected: pinned, actual: digest)
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
            checked.append(InstallReport.File(name: file.name, path: path, byteCount: size, sha256: digest,
                                              isVerified: file.isPinned))
        }
        return InstallReport(dataset: dataset, directory: target, outcome: .alreadyInstalled, source: nil,
                             archiveSHA256: nil, files: checked, leftOut: leftOut, ignoredEntries: [])
    }

    /// The name of `dataset`'s temporary directories in the cache, less the UUID.
    private func stagingPrefix(_ dataset: DownloadableDataset) -> String {
        ".\(dataset.directory).download-"
    }

    /// Removes temporary directories of `dataset` that an interrupted run left behind (untouched
    /// for a day, so that a download running in parallel keeps its own).
    private func removeAbandonedDownloads(of dataset: DownloadableDataset) {
        let manager = FileManager.default
        let prefix = stagingPrefix(dataset)
        let cutoff = Date().addingTimeInterval(-24 * 3600)
        for name in (try? manager.contentsOfDirectory(atPath: cacheDirectory)) ?? [] where name.hasPrefix(prefix) {
            let path = FileBytes.join(cacheDirectory, name)
            if let modified = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified < cutoff {
                try? manager.removeItem(atPath: path)
            }
        }
    }

    /// Creates `path` and its parents; throws `DownloadError.writeFailed`.
    private func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DownloadError.writeFailed(path: path, reason: error.localizedDescription)
        }
    }

    /// Renames `source` to `destination`, replacing a file there atomically (POSIX `rename`).
    private func move(_ source: String, to destination: String) throws {
        guard rename(source, destination) == 0 else {
            throw DownloadError.writeFailed(path: destination, reason: String(cString: strerror(errno)))
        }
    }
}
