import Foundation

/// The folder downloaded datasets are installed in, one subdirectory per dataset
/// (`ml-100k/`, `hetrec2011-lastfm-2k/`, …): the same layout as a data root, so the cache can be
/// passed as one.
public enum DownloadCache {
    /// The cache directory: `$LIGHTGCN_DATA` when set (downloads then land in the data root), else
    /// `~/.cache/lightgcn/datasets`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let root = environment[DatasetLocator.environmentVariable], !root.isEmpty { return root }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return FileBytes.join(home, ".cache/lightgcn/datasets")
    }
}
