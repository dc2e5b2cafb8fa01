import Foundation
import Testing
import RecTraining
@testable import RecReports

/// Writes sample reports for looking at them (and for the README picture) when the environment
/// variable `RECREPORTS_SAMPLE_DIR` names a folder:
///
///     RECREPORTS_SAMPLE_DIR=/tmp/samples swift test --filter SampleReports
@Suite("Sample reports", .enabled(if: ProcessInfo.processInfo.environment["RECREPORTS_SAMPLE_DIR"] != nil))
struct SampleReports {
    let folder = ProcessInfo.processInfo.environment["RECREPORTS_SAMPLE_DIR"] ?? "."

    @Test("write a training, a comparison and a forward-chaining report")
    func write() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var configuration = TrainingConfiguration()
        configuration.epochs = 100
        configuration.ks = [10, 20, 50]
        let history = Fixtures.history()
        let best = history.max { ($0.metrics["validation/Recall@20"] ?? 0) < ($1.metrics["validation/Recall@20"] ?? 0) }!
        let training = TrainingReport(
            title: "LightGCN on Gowalla (sample data)", configuration: configuration, history: history,
            selectedEpoch: best.epoch, finalMetrics: ["test/Recall@20": 0.1689, "test/NDCG@20": 0.1432, "test/Recall@10": 0.1162],
            metadata: [("Dataset", "gowalla (LightGCN paper split)"), ("Checksum", "sha256:3f1c…9a0e"),
                       ("Software", "lightgcn 0.1.0"), ("Seed", "2020")])
        try training.write(to: folder + "/training-report.html")
        for (index, chart) in training.charts.enumerated() {
            try chart.svg().write(to: folder + "/training-chart-\(index).svg")
        }
        try HistoryExport.writeCSV(training.history, to: folder + "/history.csv")
        try HistoryExport.writeJSON(training.history, to: folder + "/history.json")

        let comparison = ComparisonReport(title: "Gowalla: models compared (sample data)", rows: [
            .init(model: "LightGCN", metrics: ["Recall@10": 0.118, "Recall@20": 0.1712, "Recall@50": 0.262,
                                               "NDCG@10": 0.121, "NDCG@20": 0.1436, "NDCG@50": 0.171,
                                               "HitRate@20": 0.51, "Precision@20": 0.052],
                  fitSeconds: 3480, latencyMilliseconds: 4.2),
            .init(model: "MF-BPR", metrics: ["Recall@10": 0.101, "Recall@20": 0.1509, "Recall@50": 0.235,
                                             "NDCG@10": 0.103, "NDCG@20": 0.1256, "NDCG@50": 0.152,
                                             "HitRate@20": 0.47, "Precision@20": 0.046],
                  fitSeconds: 610, latencyMilliseconds: 3.9),
            .init(model: "EASE", metrics: ["Recall@10": 0.121, "Recall@20": 0.1765, "Recall@50": 0.258,
                                           "NDCG@10": 0.127, "NDCG@20": 0.1490, "NDCG@50": 0.175,
                                           "HitRate@20": 0.53, "Precision@20": 0.054],
                  fitSeconds: 95, latencyMilliseconds: 12.5),
            .init(model: "Popularity", metrics: ["Recall@10": 0.028, "Recall@20": 0.0416, "Recall@50": 0.071,
                                                 "NDCG@10": 0.027, "NDCG@20": 0.0317, "NDCG@50": 0.041,
                                                 "HitRate@20": 0.19, "Precision@20": 0.013],
                  fitSeconds: 0.4, latencyMilliseconds: 0.8),
        ], metadata: [("Dataset", "gowalla"), ("Seed", "2020")])
        try comparison.write(to: folder + "/comparison-report.html")

        var yearly: [Int: [String: [String: Double]]] = [:]
        for (offset, year) in [2008, 2009, 2010].enumerated() {
            let base = 0.05 + 0.03 * Double(offset)
            yearly[year] = [
                "LightGCN": ["Recall@10": base + 0.04, "Recall@20": base + 0.07],
                "Popularity": ["Recall@10": base, "Recall@20": base + 0.02],
                "MF-BPR": ["Recall@10": base + 0.03, "Recall@20": base + 0.05],
            ]
        }
        try ForwardChainingReport(title: "Last.fm yearly forward chaining (sample data)", results: yearly)
            .write(to: folder + "/forward-chaining-report.html")
    }

    @Test("write edge-case charts")
    func edgeCases() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let empty = LineChart(title: "Recall by epoch", xTitle: "epoch", yTitle: "Recall",
                              series: [ChartSeries(name: "Recall@20", points: [])])
        try empty.svg().write(to: folder + "/edge-no-data.svg")

        var single = LineChart(title: "One evaluation", xTitle: "epoch", yTitle: "Recall",
                               series: [ChartSeries(name: "Recall@20", values: [(1, 0.17)])],
                               marker: ChartMarker(x: 1, label: "selected epoch 1"))
        single.integerX = true
        try single.svg().write(to: folder + "/edge-single.svg")

        let flat = ChartSeries(name: "flat", values: (1...20).map { (Double($0), 0.5) })
        let gaps = ChartSeries(name: "gaps 'NaN'", values: (1...20).map { (x: Int) -> (x: Double, y: Double) in
            (Double(x), x % 5 == 0 ? .nan : 0.4 + Double(x) * 0.01)
        })
        let broken = LineChart(title: #"Flat & broken <series> "quoted""#, xTitle: "epoch", yTitle: "value",
                               series: [flat, gaps], marker: ChartMarker(x: 2, label: "selected epoch 2"))
        try broken.svg().write(to: folder + "/edge-equal-nan.svg")

        let models: [BarSeries] = (0..<6).map { (m: Int) -> BarSeries in
            let values: [Double] = (0..<7).map { (g: Int) -> Double in Double(g + m) * 0.03 + 0.01 }
            return BarSeries(name: "model number \(m) with a long name", values: values)
        }
        let many = BarChart(title: "Seven metrics, six models", yTitle: "value", groups: MetricKey.familyOrder, series: models)
        try many.svg().write(to: folder + "/edge-many-bars.svg")

        let differences = BarChart(title: "Differences", xTitle: "metric", yTitle: "Δ", groups: ["Recall", "NDCG", "MRR"],
                                   series: [BarSeries(name: "a", values: [0.02, -0.015, 0.004]),
                                            BarSeries(name: "b", values: [-0.01, 0.03, .nan])])
        try differences.svg().write(to: folder + "/edge-negative-bars.svg")
    }
}
