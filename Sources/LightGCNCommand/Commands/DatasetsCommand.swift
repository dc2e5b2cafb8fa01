import ArgumentParser
import Foundation
import RecData

/// `lightgcn datasets`: download the public datasets into a cache folder, verified by SHA-256,
/// and list them.
struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "Download public datasets into a cache folder (verified by SHA-256) and list them.",
        subcommands: [Download.self, List.self])

    static let names = DatasetRegistry.all.map(\.name).joined(separator: ", ")

    /// `lightgcn datasets download NAME`.
    struct Download: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "download",
            abstract: "Download a dataset, verify every file by SHA-256, then install it in the cache.",
            discussion: """
                Files are fetched into a temporary folder inside the cache and checked against the SHA-256 \
                pinned for them (the values of verified original copies). Only when every file has passed are \
                they moved to CACHE/NAME/, with a SHA256SUMS file; a failed or interrupted download leaves \
                nothing under the final names. Of a zip, the dataset's files are checked, not the zip.

                Files with no pinned SHA-256 (no verified copy of the original is known): MovieLens 1M's \
                ratings.dat and every file of yelp2018 and amazon-book. Such a download is refused before \
                anything is fetched unless --allow-unverified is given; then the files are installed and each \
                one's computed SHA-256 is printed as NOT VERIFIED, so it can be compared with another source. \
                lastfm-hetrec's user_taggedartists-timestamps.dat (no pin, not needed: user_taggedartists.dat \
                holds the same tags by date) is left out unless --allow-unverified. A file whose SHA-256 \
                differs from its pinned value is never installed.

                The cache is --cache, else $LIGHTGCN_DATA, else ~/.cache/lightgcn/datasets. Other commands \
                find a downloaded dataset by name (--data ml-100k) under the data root first, then in that \
                default cache. The directory is printed on standard output; progress and the check of each \
                file go to standard error. Offline? Point at a local copy: --url file:///path/to/ml-100k.zip \
                (or a directory with the files, for gowalla, yelp2018, amazon-book), or skip the download \
                with --data PATH, --data-root DIR or LIGHTGCN_DATA.
                """)

        @Argument(help: ArgumentHelp("The dataset: \(DatasetsCommand.names).", valueName: "name"))
        var name: String

        @Option(help: ArgumentHelp(
            "The cache directory (default: $LIGHTGCN_DATA if set, else ~/.cache/lightgcn/datasets).", valueName: "dir"))
        var cache: String?

        @Option(help: ArgumentHelp(
            "Fetch from here instead of the default source: the zip (ml-100k, ml-1m, lastfm-hetrec) or the "
                + "directory holding the files (gowalla, yelp2018, amazon-book), as an http(s):// or file:// URL "
                + "or a local path. The pinned SHA-256 values still apply.", valueName: "url"))
        var url: String?

        @Flag(help: "Download again even if every file is already in place.")
        var force = false

        @Flag(name: .customLong("allow-unverified"), help: ArgumentHelp(
            "Install files that have no pinned SHA-256; their computed SHA-256 is printed as NOT VERIFIED."))
        var allowUnverified = false

        @Flag(help: "No progress output (the check of each file is still printed).")
        var quiet = false

        func validate() throws {
            guard DatasetRegistry.dataset(named: name) != nil else {
                throw ValidationError("unknown dataset '\(name)'; downloadable: \(DatasetsCommand.names)")
            }
            if let url { _ = try Self.parse(url: url) }
        }

        func run() throws {
            guard var dataset = DatasetRegistry.dataset(named: name) else { return }
            if let url { dataset = dataset.fetched(from: try Self.parse(url: url)) }
            let cacheDirectory = cache ?? DownloadCache.defaultDirectory()
            let installer = DatasetInstaller(cacheDirectory: cacheDirectory, allowUnverified: allowUnverified, force: force)
            // Plain lines for each step; on a terminal one line in between shows the bytes so far.
            let progress = ProgressLine(quiet: quiet)
            let report: InstallReport
            do {
                report = try installer.install(dataset) { event in
                    switch event {
                    case .downloading(let url):
                        progress.finish("downloading \(url.absoluteString)")
                    case .progress(let state):
                        progress.update(Self.describe(state))
                    case .downloaded(let url, let file):
                        progress.finish("downloaded \(url.lastPathComponent): \(grouped(Int(file.byteCount))) bytes")
                    case .extracting(let url):
                        progress.finish("extracting \(url.lastPathComponent)")
                    }
                }
            } catch {
                if progress.hasOpenLine { progress.finish("download failed") }
                throw error
            }
            Self.describe(report, cache: cacheDirectory)
            print(report.directory)
        }

        /// A URL, or a local path as a file URL; a usage error for anything else.
        static func parse(url text: String) throws -> URL {
            guard text.contains("://") else {
                return URL(fileURLWithPath: text).standardizedFileURL
            }
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
                  ["http", "https", "file"].contains(scheme) else {
                throw ValidationError("--url expects an http://, https:// or file:// URL or a local path, got '\(text)'")
            }
            return url
        }

        /// The in-place progress line of a transfer.
        static func describe(_ state: DownloadProgress) -> String {
            let megabytes = { (bytes: Int64) in String(format: "%.1f MB", Double(bytes) / 1_000_000) }
            var text = "downloading \(state.url.lastPathComponent): \(megabytes(state.receivedBytes))"
            if let expected = state.expectedBytes, let fraction = state.fraction {
                text += " of \(megabytes(expected)) (\(Int(fraction * 100))%)"
            }
            return text
        }

        /// The check of each file and where the dataset is, on standard error.
        static func describe(_ report: InstallReport, cache: String) {
            let dataset = report.dataset
            if report.outcome == .alreadyInstalled {
                printError("\(dataset.title) is already in \(report.directory); its pinned files were checked "
                           + "(--force downloads it again)")
            }
            if let archive = report.archiveSHA256, let source = report.source {
                printError("archive \(source): SHA-256 \(archive) (no pinned value for the zip itself; "
                           + "the files in it are checked)")
            }
            let width = report.files.map(\.name.count).max() ?? 0
            for file in report.files {
                let name = file.name.padding(toLength: width, withPad: " ", startingAt: 0)
                if file.isVerified {
                    printError("  verified      \(name)  SHA-256 \(file.sha256.prefix(16))… matches the pinned value")
                } else {
                    printError("  NOT VERIFIED  \(name)  SHA-256 \(file.sha256): no pinned value is known, so this "
                               + "file was checked against nothing")
                }
            }
            for file in report.leftOut {
                printError("  left out      \(file.name): \(file.reason)")
            }
            if !report.ignoredEntries.isEmpty {
                printError("  not extracted (not part of the dataset): \(report.ignoredEntries.joined(separator: ", "))")
            }
            let unverified = report.unverifiedFiles.count
            let verdict = unverified == 0
                ? "all \(report.files.count) files verified"
                : "\(unverified) of \(report.files.count) files NOT VERIFIED (installed because of --allow-unverified)"
            if report.outcome == .installed {
                printError("installed \(dataset.title) in \(report.directory): \(verdict)")
            } else {
                printError("\(verdict)")
            }
            printError("terms of use: \(dataset.terms)")
            let found = try? DatasetLocator(downloadCache: DownloadCache.defaultDirectory()).locate(dataset.name)
            if let found, Self.samePath(found.path, report.directory) {
                printError("use it with --data \(dataset.name)")
            } else {
                let shadow = found.map { "; --data \(dataset.name) alone finds \($0.path) first" } ?? ""
                printError("use it with --data \(report.directory) (or --data-root \(cache) --data \(dataset.name))\(shadow)")
            }
        }

        static func samePath(_ a: String, _ b: String) -> Bool {
            URL(fileURLWithPath: a).standardizedFileURL.path == URL(fileURLWithPath: b).standardizedFileURL.path
        }
    }

    /// `lightgcn datasets list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the downloadable datasets, how many of their files have a pinned SHA-256, and where "
                + "--data NAME finds each one (data root first, then the cache).")

        @Option(help: ArgumentHelp(
            "The cache directory (default: $LIGHTGCN_DATA if set, else ~/.cache/lightgcn/datasets).", valueName: "dir"))
        var cache: String?

        @Option(name: .customLong("data-root"), help: ArgumentHelp(
            "Where dataset names are looked up first (default: $LIGHTGCN_DATA, else ../shared/data).", valueName: "dir"))
        var dataRoot: String?

        func run() throws {
            let cacheDirectory = cache ?? DownloadCache.defaultDirectory()
            let locator = DatasetLocator(dataRoot: dataRoot, downloadCache: cacheDirectory)
            let rows = DatasetRegistry.all.map { dataset -> [String] in
                let pinned = dataset.files.filter(\.isPinned).count
                return [dataset.name, dataset.title, "\(pinned)/\(dataset.files.count)", Self.status(of: dataset, locator)]
            }
            let header = ["name", "dataset", "pinned", "where --data NAME finds it"]
            let widths = (0..<3).map { column in (rows + [header]).map { $0[column].count }.max() ?? 0 }
            for row in [header] + rows {
                let cells = (0..<3).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                print((cells + [row[3]]).joined(separator: "  "))
            }
            print("data root: \(locator.dataRoot); cache: \(cacheDirectory). "
                  + "Files without a pinned SHA-256 need --allow-unverified.")
        }

        /// Where the locator finds `dataset`, and which of its required files are missing there.
        static func status(of dataset: DownloadableDataset, _ locator: DatasetLocator) -> String {
            guard let location = try? locator.locate(dataset.name) else { return "not downloaded" }
            let missing = dataset.files.filter {
                !$0.isOptional && !FileManager.default.fileExists(atPath: (location.path as NSString).appendingPathComponent($0.name))
            }
            if missing.isEmpty { return location.path }
            return "\(location.path) (incomplete: no \(missing.map(\.name).joined(separator: ", ")))"
        }
    }
}
