/// Everything that can go wrong while reading, validating or writing recommendation data.
///
/// Every case names the file (as the caller spelled its path) and, where there is one, the
/// 1-based line, so that `description` reads like a compiler diagnostic:
/// `data/train.txt:17: "12a" is not a non-negative integer id.`
public enum DataError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No file exists at `path`.
    case fileNotFound(path: String)
    /// The file exists but could not be read (a directory, no permission, an I/O error).
    case unreadable(path: String, reason: String)
    /// The file is not valid UTF-8 text.
    case notUTF8(path: String)
    /// The file has no content at all (zero bytes, or only whitespace).
    case emptyFile(path: String)
    /// A line could not be parsed: `text` is the offending token (or the line), `reason` says why.
    case malformedLine(path: String, line: Int, text: String, reason: String)
    /// An id on `line` is at least `limit`: ids must be dense 0-based integers below the limit.
    case idOutOfRange(path: String, line: Int, text: String, limit: Int)
    /// The file parsed, but holds nothing that can be used (for example no line has an item).
    case noUsableData(path: String, reason: String)
    /// Writing `path` failed; nothing was left behind at `path`.
    case writeFailed(path: String, reason: String)
    /// The bytes at `line` are not valid text in the `expected` encoding (for example Latin-1
    /// bytes in a file read as UTF-8, or a UTF-16 file).
    case invalidEncoding(path: String, line: Int, expected: String)
    /// A file that `dataset` needs is not in its directory; `hint` says where to get it.
    case missingDatasetFile(path: String, dataset: String, hint: String)
    /// A delimited file's header has no column called `column`; `available` lists its columns.
    case missingColumn(path: String, column: String, available: [String])
    /// No dataset called `name` (or no file or directory at that path) was found; `searched`
    /// lists the places that were looked at.
    case datasetNotFound(name: String, searched: [String])
    /// A parameter (a split fraction, a core size, an option) is outside its valid range.
    case invalidParameter(name: String, reason: String)

    /// One sentence naming the file, the line where there is one, what was wrong and what to do.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): file not found; check the path (or the dataset directory) and try again."
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason)); check that it is a readable file."
        case .notUTF8(let path):
            return "\(path): is not UTF-8 text; expected lines of whitespace-separated integer ids."
        case .emptyFile(let path):
            return "\(path): the file is empty; expected at least one line of data."
        case .malformedLine(let path, let line, let text, let reason):
            return "\(path):\(line): \"\(text)\" \(reason)."
        case .idOutOfRange(let path, let line, let text, let limit):
            return "\(path):\(line): id \(text) is not below the limit \(limit); "
                + "ids must be dense 0-based integers (remap sparse ids first)."
        case .noUsableData(let path, let reason):
            return "\(path): no usable data: \(reason)."
        case .writeFailed(let path, let reason):
            return "\(path): could not be written (\(reason)); check the directory exists and is writable."
        case .invalidEncoding(let path, let line, let expected):
            return "\(path):\(line): is not valid \(expected) text; re-save the file as \(expected) "
                + "or read it with the encoding it was written in."
        case .missingDatasetFile(let path, let dataset, let hint):
            return "\(path): missing; \(dataset) needs this file. \(hint)"
        case .missingColumn(let path, let column, let available):
            return "\(path): the header has no column \"\(column)\" (columns: "
                + available.map { "\"\($0)\"" }.joined(separator: ", ") + "); name an existing column."
        case .datasetNotFound(let name, let searched):
            return "dataset \"\(name)\" not found (looked for \(searched.joined(separator: ", "))); "
                + "pass --data PATH or set LIGHTGCN_DATA."
        case .invalidParameter(let name, let reason):
            return "invalid \(name): \(reason)."
        }
    }
}
