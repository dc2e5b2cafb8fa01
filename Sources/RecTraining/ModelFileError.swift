/// Why a model file could not be read or written. Every message names the file.
public enum ModelFileError: Error, CustomStringConvertible, Equatable {
    /// No file at the path.
    case notFound(String)
    /// The path cannot be read (for example a directory, or no permission).
    case unreadable(String)
    /// The file does not start with the model files' magic bytes.
    case notAModel(String)
    /// The file's format version (second) is outside the versions this build reads (up to the third).
    case unsupportedVersion(String, Int, Int)
    /// The file ends before its header says it should.
    case truncated(String)
    /// The file is complete but damaged or inconsistent: path and what is wrong.
    case corrupt(String, String)
    /// The file holds another kind of model than the command needs: path, the kind found, the kinds accepted.
    case wrongKind(String, found: String, expected: String)
    /// The file cannot be written: path and reason.
    case unwritable(String, String)

    public var description: String {
        switch self {
        case .notFound(let p): return "\(p): no such model file"
        case .unreadable(let p): return "\(p): cannot read the file"
        case .notAModel(let p): return "\(p): not a LightGCN model file (wrong magic bytes)"
        case .unsupportedVersion(let p, let found, let supported):
            return "\(p): model format version \(found) is not supported (this build reads versions "
                + "\(ModelFile.oldestReadableVersion) to \(supported)); retrain or use a matching version"
        case .truncated(let p): return "\(p): the model file is truncated"
        case .corrupt(let p, let why): return "\(p): the model file is corrupt: \(why)"
        case .wrongKind(let p, let found, let expected):
            return "\(p): this is a \(found) model; this needs a \(expected) model"
        case .unwritable(let p, let why): return "\(p): cannot write the model: \(why)"
        }
    }
}
