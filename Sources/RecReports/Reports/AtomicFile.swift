import Foundation

/// Writing a file so that readers see the old content or the new one, never half of it: the
/// text goes to a temporary file in the same folder, which is then renamed over the target
/// (`rename(2)` is atomic within a file system). On failure the temporary file is removed.
public enum AtomicFile {
    /// Writes `text` as UTF-8 to `path`, replacing any file there.
    public static func write(_ text: String, to path: String) throws(ReportError) {
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path: path, reason: Self.reason(of: error))
        }
        if rename(temporary.path, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path: path, reason: reason)
        }
    }

    /// The underlying POSIX reason of a Foundation error, when there is one.
    static func reason(of error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
