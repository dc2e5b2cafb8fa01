import Foundation

/// Writes files all at once or not at all: the data goes to a temporary file next to the
/// target, which is then renamed over it (an atomic step on POSIX file systems), so a failed or
/// interrupted export never leaves a half-written file behind.
public enum AtomicFileWriter {
    /// Writes `data` to `path` atomically.
    public static func write(_ data: Data, to path: String) throws(TensorFileError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .unwritable(path, error.localizedDescription)
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .unwritable(path, reason)
        }
    }

    /// Creates `path` as a directory (and its parents) unless it already is one.
    public static func makeDirectory(_ path: String) throws(TensorFileError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .unwritable(path, "exists and is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .unwritable(path, error.localizedDescription)
        }
    }

    /// The contents of `path`, or a typed error.
    public static func read(_ path: String) throws(TensorFileError) -> Data {
        guard FileManager.default.fileExists(atPath: path) else { throw .notFound(path) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        return data
    }
}
