import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RecTraining

/// One finished trial of `lightgcn tune`.
struct TuneTrial: Codable, Sendable {
    /// The trial's number, from 0.
    var index: Int
    /// The searched options' values, by option name.
    var parameters: [String: String]
    /// The whole configuration it trained with.
    var configuration: TrainingConfiguration
    /// The selection metric.
    var metric: String
    /// Its validation value at the selected epoch; nil when the fit failed.
    var value: Double?
    /// Every validation metric at the selected epoch.
    var validationMetrics: [String: Double]
    /// The epoch validation selected.
    var selectedEpoch: Int?
    /// Wall seconds of the fit.
    var seconds: Double
    /// Why the fit failed.
    var error: String?
}

/// The trial files of a search: `DIR/<model>-<split>/trial-N.json`, written to a temporary name
/// and renamed, and `trial-N.lock` while a process trains trial N (created exclusively, holding
/// its pid; a lock whose process is gone is taken over).
struct TuneStore {
    /// The results directory.
    var directory: String
    /// The split the trials were scored on.
    var splitFingerprint: String
    /// The model kind.
    var model: String

    /// The directory of this split and model.
    var folder: String { (directory as NSString).appendingPathComponent("\(model)-\(splitFingerprint)") }

    func path(_ index: Int) -> String { (folder as NSString).appendingPathComponent("trial-\(index + 1).json") }
    func lockPath(_ index: Int) -> String { (folder as NSString).appendingPathComponent("trial-\(index + 1).lock") }

    /// Creates the folder.
    func prepare() throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CommandError("\(folder): could not be created (\(error.localizedDescription))")
        }
    }

    /// The saved trial `index` when it ran with these values and configuration.
    func result(_ index: Int, parameters: [String: String], configuration: TrainingConfiguration) -> TuneTrial? {
        guard let data = FileManager.default.contents(atPath: path(index)),
              let trial = try? JSONDecoder().decode(TuneTrial.self, from: data),
              trial.parameters == parameters, trial.configuration == configuration, trial.error == nil else { return nil }
        return trial
    }

    /// Claims trial `index` for this process; false when a live process holds it.
    func claim(_ index: Int) throws -> Bool {
        let lock = lockPath(index)
        for _ in 0..<2 {
            let descriptor = open(lock, O_CREAT | O_EXCL | O_WRONLY, 0o644)
            if descriptor >= 0 {
                let pid = "\(getpid())\n"
                _ = pid.withCString { write(descriptor, $0, strlen($0)) }
                close(descriptor)
                return true
            }
            guard errno == EEXIST else { throw CommandError("\(lock): could not be created (errno \(errno))") }
            let holder = (try? String(contentsOfFile: lock, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if let holder, kill(holder, 0) == 0 || errno == EPERM { return false }
            unlink(lock)  // its process is gone: take it over
        }
        return false
    }

    /// Releases the claim on trial `index`.
    func release(_ index: Int) { unlink(lockPath(index)) }

    /// Writes `trial` whole.
    func save(_ trial: TuneTrial) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(trial).write(to: URL(fileURLWithPath: path(trial.index)), options: .atomic)
        } catch {
            throw CommandError("\(path(trial.index)): could not be written (\(error.localizedDescription))")
        }
    }
}
