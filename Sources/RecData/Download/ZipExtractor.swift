import Foundation
import ZIPFoundation

/// Extracts chosen files from a zip archive (with ZIPFoundation), hashing each as it is written.
///
/// Entries are matched by file name in any folder (`ml-100k/u.data` is `u.data`); macOS resource
/// forks (`__MACOSX/`, `._NAME`), directories and links are ignored. Only the chosen names are
/// written, each to `directory/NAME`, so an entry path can never escape the directory.
struct ZipExtractor {
    /// The archive's path on disk.
    let archivePath: String
    /// The archive's URL, for messages.
    let source: String

    /// What `extract` wrote and what it passed over.
    struct Result {
        /// Extracted files by name.
        var files: [String: DownloadedFile] = [:]
        /// Chosen optional files the archive does not have.
        var absent: [String] = []
        /// Entries that are not among the chosen files (paths as stored in the archive).
        var ignored: [String] = []
    }

    /// Extracts `files` into `directory`. A missing required file throws
    /// `DownloadError.missingFromArchive`; a missing optional one is listed in `absent`.
    func extract(_ files: [DatasetFile], into directory: String) throws -> Result {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: archivePath), accessMode: .read)
        } catch {
            throw DownloadError.unreadableArchive(url: source, reason: "\(error)")
        }
        var byName: [String: [Entry]] = [:]
        var result = Result()
        let wanted = Set(files.map(\.name))
        for entry in archive where entry.type == .file {
            let name = (entry.path as NSString).lastPathComponent
            if entry.path.hasPrefix("__MACOSX/") || name.hasPrefix("._") { continue }
            if wanted.contains(name) {
                byName[name, default: []].append(entry)
            } else {
                result.ignored.append(entry.path)
            }
        }
        for file in files {
            guard let entries = byName[file.name] else {
                if file.isOptional {
                    result.absent.append(file.name)
                    continue
                }
                throw DownloadError.missingFromArchive(url: source, file: file.name)
            }
            guard entries.count == 1, let entry = entries.first else {
                throw DownloadError.ambiguousArchiveEntry(url: source, file: file.name, entries: entries.map(\.path))
            }
            result.files[file.name] = try extract(entry, from: archive, to: FileBytes.join(directory, file.name))
        }
        return result
    }

    /// Writes one entry to `path`, checking its CRC-32, and returns its size and SHA-256.
    private func extract(_ entry: Entry, from archive: Archive, to path: String) throws -> DownloadedFile {
        guard FileManager.default.createFile(atPath: path, contents: nil), let output = FileHandle(forWritingAtPath: path) else {
            throw DownloadError.writeFailed(path: path, reason: "cannot create the file")
        }
        defer { try? output.close() }
        var hash = SHA256()
        var count: Int64 = 0
        var writeError: Error?
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                do {
                    try output.write(contentsOf: chunk)
                } catch {
                    writeError = error
                    throw error
                }
                hash.update(chunk)
                count += Int64(chunk.count)
            }
        } catch {
            if let writeError { throw DownloadError.writeFailed(path: path, reason: writeError.localizedDescription) }
            throw DownloadError.unreadableArchive(url: source, reason: "\(entry.path): \(error)")
        }
        return DownloadedFile(byteCount: count, sha256: hash.hexDigest)
    }
}
