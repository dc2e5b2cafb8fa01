import Foundation

extension SHA256 {
    /// The hex digest of the file at `path`, read in chunks of `chunkSize` bytes (the file is
    /// never held in memory whole). Throws `DataError.fileNotFound` or `.unreadable`.
    public static func hexDigest(ofFileAt path: String, chunkSize: Int = 1 << 20) throws -> String {
        guard FileBytes.isFile(path) else {
            throw FileBytes.isDirectory(path)
                ? DataError.unreadable(path: path, reason: "it is a directory") : DataError.fileNotFound(path: path)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DataError.unreadable(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        var hash = SHA256()
        do {
            while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
                hash.update(chunk)
            }
        } catch {
            throw DataError.unreadable(path: path, reason: error.localizedDescription)
        }
        return hash.hexDigest
    }
}
