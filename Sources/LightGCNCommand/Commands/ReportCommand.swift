import ArgumentParser
import Foundation
import RecReports
import RecTraining

/// `lightgcn report`: the training report of a saved model, as one self-contained HTML page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the HTML training report of a saved model: loss and metric curves, selected epoch, configuration.",
        discussion: """
            MODEL_OR_RUN_DIR is a model file written by 'lightgcn train --output', or a folder \
            holding exactly one. The page is self-contained (inline SVG charts and CSS, no \
            script, nothing loaded from elsewhere), so it can be mailed or archived as it is: \
            the loss curve (total, BPR, regularisation), Recall, Precision and NDCG per epoch \
            for validation (or the test set under --paper-protocol) and for the train sample of \
            --train-metrics, with the selected epoch marked, seconds per epoch, the test metrics \
            of the kept epoch, the run's facts (dataset, split fingerprint, seeds, software \
            version) and its configuration file, which 'lightgcn train --config' reads back.

            Exit codes: 0 success; 1 a runtime error (no model there, unreadable model, \
            unwritable page); 64 a usage error.
            """)

    @Argument(help: ArgumentHelp("A model file, or a folder with one model file.", valueName: "model-or-run-dir"))
    var path: String

    @Option(help: ArgumentHelp("Where to write the page (default: MODEL.report.html beside the model).", valueName: "file.html"))
    var output: String?

    @OptionGroup(title: "Output") var console: ConsoleOptions

    func run() throws {
        let modelPath = try Self.modelFile(at: path)
        let target = output ?? RunFiles.report(of: modelPath)
        try RunFiles.checkWritable(target, option: "--output")
        let progress = console.progress()
        progress.update("reading \(modelPath)…")
        let model = try ModelFile.read(from: modelPath)
        progress.clear()
        let beside = RunFiles.configuration(of: modelPath)
        let configurationFile = model.configurationFile
            ?? (try? String(contentsOfFile: beside, encoding: .utf8))
        let report = RunReports.training(model, modelPath: modelPath, configurationFile: configurationFile)
        try report.write(to: target)
        if try console.emitJSON(ReportOutput(report: target, model: modelPath, charts: report.charts.map(\.title),
                                             epochs: model.history.count, selectedEpoch: model.selectedEpoch)) { return }
        console.result("report written to \(target)")
    }

    /// The model file at `path`: `path` itself when it is a file, else the one model file in
    /// the folder `path`.
    static func modelFile(at path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError("\(path): no such model file or run folder")
        }
        guard isDirectory.boolValue else { return path }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let models = names.sorted().map { (path as NSString).appendingPathComponent($0) }.filter(ModelFile.isModelFile)
        guard let first = models.first else {
            throw CommandError("\(path): the folder holds no model file; give the model file written by 'lightgcn train --output'")
        }
        guard models.count == 1 else {
            throw CommandError("\(path): the folder holds \(models.count) model files (\(models.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))); name one")
        }
        return first
    }
}

/// The JSON of `report --json`.
struct ReportOutput: Encodable {
    /// The page written.
    var report: String
    /// The model it reports.
    var model: String
    /// Chart titles, in page order.
    var charts: [String]
    var epochs: Int
    var selectedEpoch: Int?
}
