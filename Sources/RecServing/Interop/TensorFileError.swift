/// Why an embedding file could not be written, read or imported. Every message names the file
/// and says what was wrong.
public enum TensorFileError: Error, CustomStringConvertible, Equatable {
    /// The file does not exist.
    case notFound(String)
    /// The file exists but cannot be read.
    case unreadable(String)
    /// The file is not in the expected format: path and reason.
    case malformed(String, String)
    /// The file holds a tensor of a kind this program does not read: path and reason.
    case unsupported(String, String)
    /// The file cannot be written: path and reason.
    case unwritable(String, String)
    /// The table does not fit the data it is combined with.
    case shapeMismatch(String)

    public var description: String {
        switch self {
        case .notFound(let p): return "\(p): no such file"
        case .unreadable(let p): return "\(p): cannot read the file"
        case .malformed(let p, let why): return "\(p): \(why)"
        case .unsupported(let p, let why): return "\(p): \(why)"
        case .unwritable(let p, let why): return "\(p): cannot write: \(why)"
        case .shapeMismatch(let why): return why
        }
    }
}
