import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One finished trial of a hyper-parameter search (`lightgcn tune`).
public struct TuneTrial: Codable, Sendable, Equatable {
    /// The trial's number, from 0.
    public var index: Int
    /// The searched options' values, by option name.
    public var parameters: [String: String]
    /// The whole configuration it trained with.
    public var configuration: TrainingConfiguration
    /// The selection metric.
    public var metric: String
    /// Its validation value at the selected epoch; nil when the fit failed.
    public var value: Double?
    /// Every validation metric at the selected epoch.
    public var validationMetrics: [String: Double]
    /// The epoch validation selected.
    public var selectedEpoch: Int?
    /// Wall seconds of the fit.
    public var seconds: Double
    /// Why the fit failed.
    public var error: String?

    /// A trial record.
    public init(index: Int, parameters: [String: String], configuration: TrainingConfiguration, metric: String, value: Double?,
                validationMetrics: [String: Double], selectedEpoch: Int?, seconds: Double, error: String?) {
        self.index = index
        self.parameters = parameters
        self.configuration = configuration
        self.metric = metric
        self.value = value
        self.validationMetrics = validationMetrics
        self.selectedEpoch = selectedEpoch
        self.seconds = seconds
        self.error = error
    }
}

/// The trial files of a search: `DIR/<model>-<split>/trial-N.json`, written to a temporary name
/// and renamed, and `trial-N.lock` while a process trains trial N (created exclusively, holding
/// its pid; a lock whose process is gone is taken over).
public struct TuneStore: Sendable {
    /// The results directory.
    public var directory: String
    /// The split the trials were scored on.
    public var splitFingerprint: String
    /// The model kind.
    public var model: String

    /// The store of `model`'s trials on split `splitFingerprint` under `directory`.
    public init(directory: String, splitFingerprint: String, model: String) {
        self.directory = directory
        self.splitFingerprint = splitFingerprint
        self.model = model
    }

    /// The directory of this split and model.
    public var folder: String { (directory as NSString).appendingPathComponent("\(model)-\(splitFingerprint)") }

    /// The result file of trial `index`.
    public func path(_ index: Int) -> String { (folder as NSString).appendingPathComponent("trial-\(index + 1).json") }
    /// The lock file of trial `index`.
    public func lockPath(_ index: Int) -> String { (folder as NSString).appendingPathComponent("trial-\(index + 1).lock") }

    /// Creates the folder.
    public func prepare() throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw TuneStoreError(path: folder, reason: "could not be created (\(error.localizedDescription))")
        }
    }

    /// The saved trial `index` when it ran with these values and configuration.
    public func result(_ index: Int, parameters: [String: String], configuration: TrainingConfiguration) -> TuneTrial? {
        guard let data = FileManager.default.contents(atPath: path(index)),
              let trial = try? JSONDecoder().decode(TuneTrial.self, from: data),
              trial.parameters == parameters, trial.configuration == configuration, trial.error == nil else { return nil }
        return trial
    }

    /// Claims trial `index` for this process; false when a live process holds it.
    public func claim(_ index: Int) throws -> Bool {
        let lock = lockPath(index)
        for _ in 0..<2 {
            let descriptor = open(lock, O_CREAT | O_EXCL | O_WRONLY, 0o644)
            if descriptor >= 0 {
                let pid = "\(getpid())\n"
                _ = pid.withCString { write(descriptor, $0, strlen($0)) }
                close(descriptor)
                return true
            }
            guard errno == EEXIST else { throw TuneStoreError(path: lock, reason: "could not be created (errno \(errno))") }
            let holder = (try? String(contentsOfFile: lock, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if let holder, kill(holder, 0) == 0 || errno == EPERM { return false }
            unlink(lock)  // its process is gone: take it over
        }
        return false
    }

    /// Releases the claim on trial `index`.
    public func release(_ index: Int) { unlink(lockPath(index)) }

    /// Writes `trial` whole.
    public func save(_ trial: TuneTrial) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(trial).write(to: URL(fileURLWithPath: path(trial.index)), options: .atomic)
        } catch {
            throw TuneStoreError(path: path(trial.index), reason: "could not be written (\(error.localizedDescription))")
        }
    }
}

/// A trial file or lock could not be written.
public struct TuneStoreError: Error, CustomStringConvertible {
    /// The file or folder.
    public var path: String
    /// What went wrong.
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}
