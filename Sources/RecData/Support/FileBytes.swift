import Foundation

/// Reads whole files as bytes, with the checks every loader needs (missing file, directory,
/// unreadable, empty) reported as `DataError`s naming the path.
enum FileBytes {
    /// The contents of `path`. Throws `DataError.fileNotFound`, `.unreadable` or `.emptyFile`.
    static func read(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataError.fileNotFound(path: path)
        }
        if isDirectory.boolValue { throw DataError.unreadable(path: path, reason: "it is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.unreadable(path: path, reason: "permission denied or I/O error")
        }
        guard data.contains(where: { !TextScan.isBlank($0) }) else { throw DataError.emptyFile(path: path) }
        return [UInt8](data)
    }

    /// Whether a regular file (not a directory) exists at `path`.
    static func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Whether a directory exists at `path`.
    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// `directory/name`, keeping the directory as the caller spelled it (for error messages).
    static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
