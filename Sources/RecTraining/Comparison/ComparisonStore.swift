import Foundation

/// A directory of saved comparison results, one JSON file per model, protocol and split:
/// `DIR/<model>-<protocol>-<fingerprint>.json`. Files are written to a temporary name and
/// renamed, so an interrupted run never leaves a half-written result.
public struct ComparisonStore: Sendable {
    /// The directory.
    public let directory: String

    /// A store in `directory` (created on the first save).
    public init(directory: String) {
        self.directory = directory
    }

    /// The file of `model`'s result for this protocol and split.
    public func path(model: String, evaluationProtocol: String, splitFingerprint: String) -> String {
        let safe = model.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
        return (directory as NSString).appendingPathComponent("\(String(safe))-\(evaluationProtocol)-\(splitFingerprint).json")
    }

    /// The saved result that matches the request, or nil (missing, unreadable, other settings,
    /// or a failure).
    public func reusable(model: String, settings: String, evaluationProtocol: String, splitFingerprint: String) -> ComparisonEntry? {
        let file = path(model: model, evaluationProtocol: evaluationProtocol, splitFingerprint: splitFingerprint)
        guard let data = FileManager.default.contents(atPath: file),
              let entry = try? JSONDecoder().decode(ComparisonEntry.self, from: data),
              entry.matches(model: model, settings: settings, evaluationProtocol: evaluationProtocol,
                            splitFingerprint: splitFingerprint)
        else { return nil }
        return entry
    }

    /// Every result saved for this protocol and split, by model name.
    public func entries(evaluationProtocol: String, splitFingerprint: String) -> [ComparisonEntry] {
        let suffix = "-\(evaluationProtocol)-\(splitFingerprint).json"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().compactMap { name in
            FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(name))
                .flatMap { try? JSONDecoder().decode(ComparisonEntry.self, from: $0) }
        }
    }

    /// Saves `entry` atomically. Throws `ComparisonStoreError` naming the file.
    public func save(_ entry: ComparisonEntry) throws {
        let file = path(model: entry.model, evaluationProtocol: entry.evaluationProtocol, splitFingerprint: entry.splitFingerprint)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(entry).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw ComparisonStoreError(path: file, reason: error.localizedDescription)
        }
    }
}

/// A comparison result could not be saved.
public struct ComparisonStoreError: Error, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What went wrong.
    public var reason: String

    public var description: String { "\(path): could not save the result (\(reason)); check that the directory is writable" }
}
