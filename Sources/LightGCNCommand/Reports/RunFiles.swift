import Foundation
import RecReports
import RecTraining

/// The files of a trained model `M`: the model itself and, beside it, `M.history.json`,
/// `M.history.csv` (every epoch's loss terms, seconds and metrics, and the selected epoch) and
/// `M.config.toml` (the effective configuration, which `train --config` reads back). Every
/// file is written atomically (a temporary file renamed into place), so a failure leaves the
/// old file or none, never half of one.
enum RunFiles {
    /// `M.history.json`.
    static func historyJSON(of model: String) -> String { model + ".history.json" }
    /// `M.history.csv`.
    static func historyCSV(of model: String) -> String { model + ".history.csv" }
    /// `M.config.toml`.
    static func configuration(of model: String) -> String { model + ".config.toml" }
    /// `M.report.html`, the default page of `lightgcn report M`.
    static func report(of model: String) -> String { model + ".report.html" }

    /// The history document of `model`.
    static func historyDocument(of model: TrainedModel) -> HistoryDocument {
        HistoryDocument(history: model.history, selectedEpoch: model.selectedEpoch, testMetrics: model.testMetrics,
                        dataset: model.datasetName, splitFingerprint: model.splitFingerprint, software: softwareVersion,
                        refitHistory: model.refitHistory)
    }

    /// Writes `model` to `path` and its history and configuration beside it; returns what was
    /// written, by kind (`model`, `historyJSON`, `historyCSV`, `configuration`).
    static func write(_ model: TrainedModel, to path: String) throws -> [String: String] {
        try ModelFile.write(model, to: path)
        var written = ["model": path]
        try HistoryExport.writeJSON(historyDocument(of: model), to: historyJSON(of: path))
        written["historyJSON"] = historyJSON(of: path)
        try HistoryExport.writeCSV(model.history, selectedEpoch: model.selectedEpoch, to: historyCSV(of: path))
        written["historyCSV"] = historyCSV(of: path)
        if let text = model.configurationFile {
            try AtomicFile.write(text, to: configuration(of: path))
            written["configuration"] = configuration(of: path)
        }
        return written
    }

    /// Fails before a long run when `path` cannot be written: its folder is missing or is not
    /// writable, or `path` is a folder (a runtime error, exit status 1).
    static func checkWritable(_ path: String, option: String) throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CommandError("\(option) \(path) is a folder; give a file name")
        }
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandError("\(option) \(path): the folder \(folder) does not exist; create it or choose another path")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw CommandError("\(option) \(path): the folder \(folder) is not writable; choose another path")
        }
    }
}
