import Foundation

extension ModelFile {
    /// Writes `data` to a temporary file next to `path`, flushes it to disk (`fsync`), renames
    /// it over `path` and flushes the directory entry, so that after a crash `path` holds either
    /// the old file or the complete new one. On failure the temporary file is removed.
    static func writeAtomically(_ data: Data, to path: String) throws(ModelFileError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
        func failure(_ what: String) -> ModelFileError {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return .unwritable(path, "\(what): \(reason)")
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw .unwritable(path, String(cString: strerror(errno))) }
        // FileHandle writes the whole buffer (retrying short and interrupted writes); on failure
        // `errno` still holds the reason, as after a failed `write(2)`.
        let written = (try? FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(contentsOf: data)) != nil
        guard written else { let error = failure("write failed"); close(descriptor); throw error }
        guard fsync(descriptor) == 0 else { let error = failure("fsync failed"); close(descriptor); throw error }
        guard close(descriptor) == 0 else { throw failure("close failed") }
        guard rename(temporary, path) == 0 else { throw failure("rename failed") }
        // The rename itself is durable once the directory is flushed; a failure here leaves a
        // complete file in place, so it is not an error.
        let directoryDescriptor = open(directory, O_RDONLY)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }
}
