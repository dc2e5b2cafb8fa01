import Foundation

/// Finds a dataset by name or path and loads it as a `RecommendationDataset`.
///
/// `nameOrPath` is, in this order:
/// 1. a path to a directory in one of the `DatasetFormat` layouts (detected from its files) or to
///    a CSV/TSV file;
/// 2. a known name — `gowalla`, `yelp2018`, `amazon-book`, `ml-100k`, `ml-1m`, `lastfm`
///    (LightGCN-PyTorch's small set, `lastfm-lightgcn/`), `lastfm-hetrec`
///    (`hetrec2011-lastfm-2k/`) — looked up under the data root, then under `downloadCache`
///    (where `lightgcn datasets download` puts them) when one is given: the first of these
///    directories that holds the dataset's main file (`train.txt`, `u.data`, `ratings.dat`, …)
///    wins, else the first that exists (whose loader then names the missing file);
/// 3. a directory or file name under the data root.
///
/// The data root is `dataRoot` if given, else the environment variable `LIGHTGCN_DATA`, else
/// `../shared/data` (relative to the current directory). When nothing is found the error says
/// where it looked and how to point at the data.
///
/// Datasets with a published split (`paper`, `lastfm`) are used as split; the others are
/// thresholded (`minRating`, 4 for MovieLens), optionally k-core filtered, and split with
/// `DatasetOptions.split` (random per-user holdout 80/10/10 by default) from `seed`.
public struct DatasetLocator: Sendable {
    /// The environment variable naming the data root.
    public static let environmentVariable = "LIGHTGCN_DATA"
    /// The data root used when none is given.
    public static let defaultRoot = "../shared/data"
    /// Known names and their directory under the data root.
    public static let knownDatasets: [(name: String, directory: String, format: DatasetFormat)] = [
        ("gowalla", "gowalla", .paper), ("yelp2018", "yelp2018", .paper), ("amazon-book", "amazon-book", .paper),
        ("ml-100k", "ml-100k", .movieLens100K), ("ml-1m", "ml-1m", .movieLens1M),
        ("lastfm", "lastfm-lightgcn", .lastFMLightGCN), ("lastfm-hetrec", "hetrec2011-lastfm-2k", .hetRecLastFM),
    ]

    /// The data root in effect.
    public let dataRoot: String
    /// A second place where known names are looked up (after the data root), nil for none: the
    /// cache of downloaded datasets (`DownloadCache.defaultDirectory()`).
    public let downloadCache: String?

    /// A locator with the data root chosen as described above; known names are also looked up
    /// in `downloadCache` when it is given and is not the data root.
    public init(
        dataRoot: String? = nil, downloadCache: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        if let dataRoot, !dataRoot.isEmpty {
            self.dataRoot = dataRoot
        } else if let root = environment[Self.environmentVariable], !root.isEmpty {
            self.dataRoot = root
        } else {
            self.dataRoot = Self.defaultRoot
        }
        let standardized = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.path }
        if let downloadCache, !downloadCache.isEmpty, standardized(downloadCache) != standardized(self.dataRoot) {
            self.downloadCache = downloadCache
        } else {
            self.downloadCache = nil
        }
    }

    /// Loads `nameOrPath` with `options` and returns the dataset (see `load(_:options:)`).
    public static func resolve(
        _ nameOrPath: String, dataRoot: String? = nil, options: DatasetOptions = DatasetOptions()
    ) throws -> RecommendationDataset {
        try DatasetLocator(dataRoot: dataRoot).load(nameOrPath, options: options).dataset
    }

    /// Where `nameOrPath` is and its layout. Throws `DataError.datasetNotFound` (naming the
    /// places looked at) or `.noUsableData` for a directory in no known layout.
    public func locate(_ nameOrPath: String) throws -> DatasetLocation {
        if let location = try location(atPath: nameOrPath, name: nil) { return location }
        let lowered = nameOrPath.lowercased()
        if let known = Self.knownDatasets.first(where: { $0.name == lowered || $0.directory == lowered }) {
            let candidates = ([dataRoot] + (downloadCache.map { [$0] } ?? [])).map { FileBytes.join($0, known.directory) }
            let existing = candidates.filter(FileBytes.isDirectory)
            guard let first = existing.first else {
                throw DataError.datasetNotFound(name: nameOrPath, searched: candidates)
            }
            let main = Self.mainFile(of: known.format)
            let directory = existing.first { FileBytes.isFile(FileBytes.join($0, main)) } ?? first
            return DatasetLocation(name: known.name, path: directory, format: known.format)
        }
        let underRoot = FileBytes.join(dataRoot, nameOrPath)
        if let location = try location(atPath: underRoot, name: nil) { return location }
        throw DataError.datasetNotFound(name: nameOrPath, searched: [nameOrPath, underRoot])
    }

    /// The file without which a directory of `format` cannot be loaded.
    private static func mainFile(of format: DatasetFormat) -> String {
        switch format {
        case .paper: return "train.txt"
        case .lastFMLightGCN: return "data1.txt"
        case .movieLens100K: return "u.data"
        case .movieLens1M: return "ratings.dat"
        case .hetRecLastFM: return "user_artists.dat"
        case .delimited: return ""
        }
    }

    /// The location of an existing directory or file at `path`, nil if nothing is there.
    private func location(atPath path: String, name: String?) throws -> DatasetLocation? {
        let baseName = URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
        if FileBytes.isFile(path) {
            return DatasetLocation(name: name ?? DelimitedInteractionReader.baseName(path), path: path, format: .delimited)
        }
        guard FileBytes.isDirectory(path) else { return nil }
        let has = { (file: String) in FileBytes.isFile(FileBytes.join(path, file)) }
        let format: DatasetFormat
        if has("train.txt") && has("test.txt") {
            format = .paper
        } else if has("data1.txt") && has("test1.txt") {
            format = .lastFMLightGCN
        } else if has("u.data") {
            format = .movieLens100K
        } else if has("ratings.dat") || has("movies.dat") || has("users.dat") {
            format = .movieLens1M
        } else if has("user_artists.dat") {
            format = .hetRecLastFM
        } else {
            throw DataError.noUsableData(
                path: path, reason: "no dataset files found (expected train.txt and test.txt, data1.txt and test1.txt, "
                    + "u.data, ratings.dat or user_artists.dat)")
        }
        let known = Self.knownDatasets.first { $0.directory == baseName && $0.format == format }
        return DatasetLocation(name: name ?? known?.name ?? baseName, path: path, format: format)
    }
}
