import ArgumentParser
import Foundation
import RecReports
import RecTraining

/// `lightgcn curves`: a metric of several runs against wall time or epochs, as one SVG chart.
struct CurvesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curves",
        abstract: "Draw a metric of several training runs against wall time (or epochs) as one SVG chart.",
        discussion: """
            Each RUN is a model file written by 'lightgcn train --output' or its M.history.json. \
            A run's curve is its validation metric when it recorded one, else the test metric \
            watched under --paper-protocol; the legend says which. Wall time is the run's \
            training and evaluation seconds up to each evaluated epoch (loading excluded). A \
            dashed marker shows when the first validation-selected run evaluated its test set \
            (after its refit, if it had one) and the value. \
            Example, time to accuracy of two schedules next to the published figure:

              lightgcn curves fast.model authors.model --metric Recall@20 --reference 'published=0.1830' --output time.svg

            Exit codes: 0 success; 1 a runtime error (unreadable run, unwritable chart); 64 a usage error.
            """)

    @Argument(help: ArgumentHelp("Model files or history JSON files (M.history.json).", valueName: "run"))
    var runs: [String]

    @Option(help: "The metric, e.g. Recall@20 or NDCG@20.") var metric = "Recall@20"
    @Option(help: "The x axis: minutes (training and evaluation wall time) or epoch.") var x: WallTimeChart.XAxis = .minutes
    @Option(help: ArgumentHelp("Legend names of the runs, comma-separated (default: the file names).", valueName: "a,b,…"))
    var names: String?
    @Option(help: ArgumentHelp("A horizontal reference line, e.g. 'published=0.1830' (repeatable).", valueName: "label=value"))
    var reference: [String] = []
    @Option(help: ArgumentHelp("The SVG file to write.", valueName: "file.svg")) var output: String

    @OptionGroup(title: "Output") var console: ConsoleOptions

    func validate() throws {
        guard !runs.isEmpty else { throw ValidationError("give at least one run (a model file or a history JSON file)") }
        if let names, names.split(separator: ",", omittingEmptySubsequences: false).count != runs.count {
            throw ValidationError("--names gives \(names.split(separator: ",", omittingEmptySubsequences: false).count) names for \(runs.count) runs")
        }
        _ = try references()
    }

    func run() throws {
        try RunFiles.checkWritable(output, option: "--output")
        let labels = names.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            ?? runs.map(Self.defaultName)
        var loaded: [WallTimeChart.Run] = []
        for (path, name) in zip(runs, labels) {
            loaded.append(try Self.run(of: path, name: name))
        }
        let chart = WallTimeChart(metric: metric, runs: loaded, xAxis: x, references: try references())
        let missing = loaded.filter { chart.key(in: $0.history) == nil }.map(\.name)
        if !missing.isEmpty {
            console.note("warning: no \(metric) recorded by \(missing.joined(separator: ", ")) (evaluate with --k including its cut-off)")
        }
        do {
            try AtomicFile.write(chart.lineChart().svg().xmlDocument, to: output)
        } catch {
            throw CommandError(error.description)
        }
        let summaries = loaded.map { run -> CurvesOutput.Run in
            let points = chart.points(of: run)
            return CurvesOutput.Run(name: run.name, key: chart.key(in: run.history), points: points.count,
                                    last: points.last.map { [$0.x, $0.y] }, best: points.max(by: { $0.y < $1.y }).map { [$0.x, $0.y] })
        }
        if try console.emitJSON(CurvesOutput(chart: output, metric: metric, x: x.rawValue, runs: summaries)) { return }
        for s in summaries {
            let best = s.best.map { String(format: "best %.4f at %.1f %@", $0[1], $0[0], x == .minutes ? "min" : "epochs") } ?? "no points"
            console.result("\(s.name): \(s.points) points, \(best)")
        }
        console.result("chart written to \(output)")
    }

    /// The parsed `--reference` lines.
    func references() throws -> [(label: String, value: Double)] {
        try reference.map { text in
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let value = Double(parts[1]), value.isFinite else {
                throw ValidationError("--reference expects label=value, e.g. 'published=0.1830', got '\(text)'")
            }
            return (parts[0], value)
        }
    }

    /// The run of a model file or of a history JSON file: its epochs, refit seconds and test metrics.
    static func run(of path: String, name: String) throws -> WallTimeChart.Run {
        if ModelFile.isModelFile(path) {
            let model = try ModelFile.read(from: path)
            return WallTimeChart.Run(name: name, history: model.history, refitSeconds: model.refitHistory?.trainingSeconds ?? 0,
                                     testMetrics: model.testMetrics)
        }
        guard FileManager.default.fileExists(atPath: path) else { throw CommandError("\(path): no such model or history file") }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CommandError("\(path): cannot read the file as UTF-8 text")
        }
        do {
            let document = try HistoryExport.document(fromJSON: text)
            return WallTimeChart.Run(name: name, history: document.history,
                                     refitSeconds: document.refitEpochs?.map(\.record).trainingSeconds ?? 0,
                                     testMetrics: document.testMetrics)
        } catch {
            throw CommandError("\(path): neither a model file nor a history JSON file (\(error))")
        }
    }

    /// A legend name from a file name: without its folder and `.history.json` or extension.
    static func defaultName(_ path: String) -> String {
        var name = (path as NSString).lastPathComponent
        if name.hasSuffix(".history.json") { name.removeLast(".history.json".count) } else { name = (name as NSString).deletingPathExtension }
        return name
    }
}

extension WallTimeChart.XAxis: ExpressibleByArgument {}

/// The JSON of `curves --json`.
struct CurvesOutput: Encodable {
    struct Run: Encodable {
        var name: String
        /// The history key plotted (nil: none recorded).
        var key: String?
        var points: Int
        /// [x, value] of the last and the best point.
        var last: [Double]?
        var best: [Double]?
    }

    var chart: String
    var metric: String
    var x: String
    var runs: [Run]
}
