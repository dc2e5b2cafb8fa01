import Foundation
import Testing
import RecTraining
@testable import RecReports

@Suite("Training report")
struct TrainingReportTests {
    static let hostile = #"Run <1> & "fast" 'one'"#

    func report(history: [EpochRecord] = Fixtures.history(), selected: Int? = 60) -> TrainingReport {
        TrainingReport(title: Self.hostile, configuration: TrainingConfiguration(), history: history,
                       selectedEpoch: selected,
                       metadata: [("Dataset", "gowalla <paper>"), ("Checksum", "sha256:ab&cd"), ("Version", "0.1.0")])
    }

    @Test("the page is well-formed XML (XHTML) with the escaped title")
    func wellFormed() throws {
        let html = report().html()
        let check = XMLCheck(html)
        #expect(check.wellFormed, "\(check.error ?? "")")
        #expect(check.elements(named: "h1").first?.text == Self.hostile)
        #expect(check.elements(named: "title").first?.text == Self.hostile)
        #expect(check.elements(named: "td").contains { $0.text == "gowalla <paper>" })
        #expect(check.elements.first?.attributes["xmlns"] == "http://www.w3.org/1999/xhtml")
    }

    @Test("the page loads nothing from outside")
    func selfContained() {
        let html = report().html()
        for forbidden in ["<script", "<link", "src=", "href=", "@import", "url("] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        let urls = html.components(separatedBy: "http").count - 1
        let namespaces = html.components(separatedBy: "http://www.w3.org/").count - 1
        #expect(urls == namespaces)
    }

    @Test("charts: loss, seconds, one per metric family; every curve marks the selected epoch")
    func charts() throws {
        let report = report()
        let charts = report.charts
        #expect(charts.map(\.title) == ["Training loss", "Seconds per epoch", "Recall by epoch", "Precision by epoch", "NDCG by epoch"])
        #expect(charts.allSatisfy { $0.marker?.x == 60 })
        let recall = charts[2]
        #expect(recall.series.map(\.name) == [
            "validation Recall@10", "validation Recall@20", "validation Recall@50",
            "test Recall@10", "test Recall@20", "test Recall@50",
        ])
        #expect(recall.series.allSatisfy { $0.points.count == 10 })
        #expect(recall.series[1].dash == .solid && recall.series[4].dash == .dashed)
        #expect(recall.series[1].color == recall.series[4].color)
        let check = XMLCheck(report.html())
        #expect(check.elements(named: "svg").count == 5)
        #expect(check.elements(withClass: "marker").count == 5)
        #expect(check.elements(named: "text").filter { $0.text == "selected epoch 60" }.count == 5)
    }

    @Test("without a selected epoch there is no marker")
    func noMarker() {
        let check = XMLCheck(report(selected: nil).html())
        #expect(check.elements(withClass: "marker").isEmpty)
    }

    @Test("the loss axis is logarithmic when the terms span decades")
    func lossScale() {
        #expect(report().lossChart().yAxis == .logarithmic)
        let close = (1...5).map { Fixtures.record(epoch: $0, bpr: 0.5 / Double($0), reg: 0.1) }
        #expect(report(history: close).lossChart().yAxis == .linear)
    }

    @Test("the final metrics table: rows per split and family, a column per K")
    func finalMetrics() throws {
        var report = report()
        report.finalMetrics = ["Recall@20": 0.1712, "Recall@10": 0.12, "test/NDCG@20": 0.1401, "Coverage": 0.5]
        let check = XMLCheck(report.html())
        let headers = check.elements(named: "th").map(\.text)
        #expect(headers.suffix(4) == ["Metric", "@10", "@20", "value"])
        let cells = check.elements(named: "td").map(\.text)
        #expect(cells.contains("0.1712") && cells.contains("0.1401") && cells.contains("test NDCG"))
    }

    @Test("without final metrics the selected epoch's are shown")
    func selectedMetrics() {
        let check = XMLCheck(report().html())
        #expect(check.elements(withClass: "note").contains { $0.text == "Metrics of the selected epoch 60." })
    }

    @Test("an empty or broken history still renders a valid page")
    func emptyHistory() {
        let empty = XMLCheck(report(history: [], selected: nil).html())
        #expect(empty.wellFormed)
        #expect(empty.elements(withClass: "no-data").count == 2)
        let broken = [Fixtures.record(epoch: 1, bpr: .nan, reg: .infinity, seconds: .nan, metrics: ["Recall@20": .nan])]
        let html = report(history: broken, selected: 1).html()
        #expect(XMLCheck(html).wellFormed)
    }

    @Test("the summary names the best value of the primary metric")
    func summary() {
        let rows = report().summaryRows
        #expect(rows.contains { $0.key == "Best validation Recall@20" })
        #expect(rows.first?.value == "100 of 1000")
    }

    @Test("configuration rows name every setting")
    func configuration() {
        var configuration = TrainingConfiguration()
        configuration.ks = [10, 20]
        let rows = ConfigurationSummary.rows(configuration)
        #expect(rows.contains { $0.key == "Cut-offs K" && $0.value == "10, 20" })
        #expect(rows.contains { $0.key == "Sampling" && $0.value == "user-uniform" })
        #expect(rows.contains { $0.key == "Max batches per epoch" && $0.value == "all" })
        #expect(rows.contains { $0.key == "Learning rate" && $0.value == "0.001" })
    }

    @Test("only the charted families are drawn, train curves in charts of their own; every family is in the table")
    func chartedFamilies() {
        let history = (1...4).map {
            Fixtures.record(epoch: $0, bpr: 0.5, reg: 0.01,
                            metrics: ["validation/Recall@20": 0.1, "validation/HitRate@20": 0.3, "train/Recall@20": 0.2])
        }
        var report = report(history: history, selected: 2)
        #expect(report.charts.map(\.title) == ["Training loss", "Seconds per epoch", "Recall by epoch", "Recall by epoch, train sample"])
        #expect(report.charts[2].series.map(\.name) == ["validation Recall@20"])
        #expect(report.charts[3].series.map(\.name) == ["train Recall@20"])
        #expect(report.charts[2].series[0].color != report.charts[3].series[0].color)
        #expect(report.charts.allSatisfy { $0.marker?.x == 2 })
        report.chartedFamilies = ["Recall", "HitRate"]
        #expect(report.charts.map(\.title).contains("HitRate by epoch"))
        let cells = XMLCheck(report.html()).elements(named: "td").map(\.text)
        #expect(cells.contains("validation HitRate"))
    }

    @Test("the primary metric prefers validation, then the evaluation split, then test, never train first")
    func primaryMetricPreference() {
        let history = [Fixtures.record(epoch: 1, bpr: 0.5, reg: 0.01, metrics: ["train/Recall@20": 0.9, "test/Recall@20": 0.1])]
        #expect(report(history: history, selected: 1).primaryMetric?.description == "test/Recall@20")
        let trainOnly = [Fixtures.record(epoch: 1, bpr: 0.5, reg: 0.01, metrics: ["train/NDCG@20": 0.9])]
        #expect(report(history: trainOnly, selected: 1).primaryMetric?.description == "train/NDCG@20")
    }

    @Test("the configuration file is shown verbatim, escaped, with the command that reads it")
    func reproduceSection() throws {
        var report = report()
        report.configurationFile = "[training]\nepochs = 30\nselection-metric = \"<Recall@20> & co\"\n"
        report.configurationFileName = "m.lgcn.config.toml"
        let check = XMLCheck(report.html())
        #expect(check.wellFormed, "\(check.error ?? "")")
        #expect(check.elements(named: "pre").first?.text == report.configurationFile)
        #expect(check.elements(withClass: "note").contains { $0.text.contains("lightgcn train --config m.lgcn.config.toml") })
        #expect(!XMLCheck(self.report().html()).elements.contains { $0.name == "pre" })
    }

    @Test("write(to:) replaces the file atomically and leaves no temporary file")
    func write() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("report.html").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        try report().write(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == report().html())
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.html"])
    }

    @Test("writing into a missing folder throws and leaves nothing")
    func writeFails() {
        let path = "/nonexistent-\(UUID().uuidString)/report.html"
        #expect(throws: ReportError.self) { try report().write(to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
