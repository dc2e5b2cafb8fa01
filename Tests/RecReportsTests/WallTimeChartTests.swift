import Testing
import RecTraining
@testable import RecReports

@Suite("Metric against wall time")
struct WallTimeChartTests {
    static func record(_ epoch: Int, seconds: Double, evaluation: Double = 0, _ metrics: [String: Double] = [:]) -> EpochRecord {
        EpochRecord(epoch: epoch, bprLoss: 0.5, regularizationLoss: 0, batches: 1, seconds: seconds, metrics: metrics,
                    evaluationSeconds: evaluation)
    }

    @Test("x is the cumulative training and evaluation time of each evaluated epoch; validation is preferred to test")
    func cumulativeTime() {
        let slow = [Self.record(1, seconds: 30), Self.record(2, seconds: 30, evaluation: 60, ["Recall@20": 0.1])]
        let fast = [Self.record(1, seconds: 6, evaluation: 6, ["validation/Recall@20": 0.12, "Recall@20": 0.5]),
                    Self.record(2, seconds: 6), Self.record(3, seconds: 6, evaluation: 6, ["validation/Recall@20": 0.15])]
        let chart = WallTimeChart(metric: "Recall@20", runs: [.init(name: "slow", history: slow), .init(name: "fast", history: fast)],
                                  references: [("published", 0.183)])
        #expect(chart.points(of: chart.runs[0]) == [ChartPoint(x: 2, y: 0.1)])
        #expect(chart.points(of: chart.runs[1]) == [ChartPoint(x: 0.2, y: 0.12), ChartPoint(x: 0.5, y: 0.15)])
        let line = chart.lineChart()
        #expect(line.series.map(\.name) == ["slow (test)", "fast (validation)", "published"])
        #expect(line.series[2].points == [ChartPoint(x: 0, y: 0.183), ChartPoint(x: 2, y: 0.183)])
        #expect(line.series[2].dash == .dashed)

        let byEpoch = WallTimeChart(metric: "Recall@20", runs: chart.runs, xAxis: .epoch)
        #expect(byEpoch.points(of: byEpoch.runs[1]).map(\.x) == [1, 3])
        #expect(XMLCheck(line.svg().xmlDocument).wellFormed)
    }

    @Test("a run without the metric has no points and says so in the legend")
    func missingMetric() {
        let chart = WallTimeChart(metric: "NDCG@20", runs: [.init(name: "a", history: [Self.record(1, seconds: 1, ["Recall@20": 0.1])])])
        #expect(chart.points(of: chart.runs[0]).isEmpty)
        #expect(chart.lineChart().series.map(\.name) == ["a (no NDCG@20)"])
    }

    @Test("the test evaluation of a validation-selected run is marked after its fit and refit")
    func testEvaluationMarker() {
        let fast = [Self.record(1, seconds: 50, evaluation: 10, ["validation/Recall@20": 0.12]),
                    Self.record(2, seconds: 60, evaluation: 0)]
        let watched = [Self.record(1, seconds: 30, evaluation: 30, ["Recall@20": 0.1])]
        let chart = WallTimeChart(metric: "Recall@20", runs: [
            .init(name: "authors", history: watched, testMetrics: ["Recall@20": 0.1]),
            .init(name: "fast", history: fast, refitSeconds: 120, testMetrics: ["Recall@20": 0.16, "NDCG@20": 0.14]),
        ], references: [("published", 0.183)])
        let test = chart.testEvaluation()
        #expect(test?.run == "fast" && test?.minutes == 4 && test?.value == 0.16)
        let line = chart.lineChart()
        #expect(line.marker == ChartMarker(x: 4, label: "fast: test 0.1600"))
        #expect(line.series.last?.points.last?.x == 4)  // the reference reaches the marker
        #expect(XMLCheck(line.svg().xmlDocument).wellFormed && line.svg().xmlDocument.contains("fast: test 0.1600"))
        #expect(WallTimeChart(metric: "Recall@20", runs: chart.runs, xAxis: .epoch).testEvaluation() == nil)
        #expect(WallTimeChart(metric: "MRR@20", runs: chart.runs).testEvaluation() == nil)
    }
}
