/// Why a report or an export could not be written.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// The file at `path` could not be written; nothing was left behind.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason). Check that the folder exists and is writable, or choose another path."
        }
    }
}
