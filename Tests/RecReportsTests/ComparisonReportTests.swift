import Testing
@testable import RecReports

@Suite("Comparison report")
struct ComparisonReportTests {
    static let rows = [
        ComparisonReport.Row(model: "LightGCN <3 layers>", metrics: ["Recall@10": 0.12, "Recall@20": 0.17, "NDCG@20": 0.14, "NDCG@10": 0.11],
                             fitSeconds: 300, latencyMilliseconds: 2.5),
        ComparisonReport.Row(model: "MF & BPR", metrics: ["Recall@10": 0.10, "Recall@20": 0.15, "NDCG@20": 0.12, "NDCG@10": 0.09],
                             fitSeconds: 120),
        ComparisonReport.Row(model: "Popularity", metrics: ["Recall@10": 0.03, "Recall@20": 0.05, "NDCG@20": .nan]),
    ]

    @Test("the page is well-formed and escapes model names")
    func wellFormed() {
        let check = XMLCheck(ComparisonReport(title: "Models 'side' by side", rows: Self.rows).html())
        #expect(check.wellFormed, "\(check.error ?? "")")
        #expect(check.elements(named: "td").contains { $0.text == "LightGCN <3 layers>" })
        #expect(check.elements(named: "h1").first?.text == "Models 'side' by side")
    }

    @Test("a bar chart per K with a group per metric and a bar per model")
    func barCharts() {
        let charts = ComparisonReport(title: "t", rows: Self.rows).barCharts()
        #expect(charts.map(\.title) == ["Models at K = 10", "Models at K = 20"])
        #expect(charts[1].groups == ["Recall", "NDCG"])
        #expect(charts[1].series.map(\.name) == Self.rows.map(\.model))
        #expect(charts[1].series[2].values[1].isNaN)
    }

    @Test("a metric-against-K chart per family with several K")
    func lineCharts() {
        let charts = ComparisonReport(title: "t", rows: Self.rows).lineCharts()
        #expect(charts.map(\.title) == ["Recall against K", "NDCG against K"])
        #expect(charts[0].xTicks == [10, 20])
        #expect(charts[0].series[0].points == [ChartPoint(x: 10, y: 0.12), ChartPoint(x: 20, y: 0.17)])
    }

    @Test("the best value of each metric is bold; timings are charted when measured")
    func table() {
        let report = ComparisonReport(title: "t", rows: Self.rows)
        let check = XMLCheck(report.html())
        let best = check.elements(named: "td").filter { $0.attributes["class"] == "num best" }.map(\.text)
        #expect(best.sorted() == ["0.1100", "0.1200", "0.1400", "0.1700"])
        #expect(report.timingCharts().map(\.title) == ["Fit time", "Recommendation latency"])
    }

    @Test("a configuration file is shown under Reproduce with the command that reads it")
    func reproduce() {
        var report = ComparisonReport(title: "t", rows: Self.rows)
        #expect(XMLCheck(report.html()).elements(named: "pre").isEmpty)
        report.configurationFile = "models = \"lightgcn,ease\"\n"
        report.reproduceCommand = "lightgcn compare --config c.toml"
        let check = XMLCheck(report.html())
        #expect(check.wellFormed, "\(check.error ?? "")")
        #expect(check.elements(named: "pre").first?.text == "models = \"lightgcn,ease\"\n")
        #expect(check.elements(withClass: "note").contains { $0.text.contains("lightgcn compare --config c.toml") })
    }
}

@Suite("Comparison report: beyond accuracy")
struct ComparisonReportBeyondAccuracyTests {
    @Test("beyond-accuracy metrics get their own table, stay out of the charts and are never bold")
    func beyondAccuracy() {
        let rows = [
            ComparisonReport.Row(model: "EASE", metrics: ["Recall@20": 0.38, "Coverage@20": 0.28, "Gini@20": 0.90, "ARP@20": 165,
                                                          "Recall:tail@20": 0.01, "NDCG:users-Q1@20": 0.28]),
            ComparisonReport.Row(model: "Popularity", metrics: ["Recall@20": 0.19, "Coverage@20": 0.05, "Gini@20": 0.98, "ARP@20": 253,
                                                                "Recall:tail@20": 0, "NDCG:users-Q1@20": 0.08]),
        ]
        let report = ComparisonReport(title: "t", rows: rows)
        #expect(report.keys.map(\.description) == ["Recall@20"])
        #expect(report.barCharts().flatMap(\.groups) == ["Recall"])
        #expect(report.beyondAccuracyKeys == ["Coverage@20", "Gini@20", "ARP@20", "Recall:tail@20", "NDCG:users-Q1@20"])
        let check = XMLCheck(report.html())
        #expect(check.wellFormed, "\(check.error ?? "")")
        #expect(check.elements(named: "h2").contains { $0.text == "Beyond accuracy" })
        #expect(check.elements(named: "th").contains { $0.text == "Recall:tail@20" })
        // Only Recall@20's best (0.38) is bold; 253 (the largest ARP) is not.
        let best = check.elements(named: "td").filter { $0.attributes["class"] == "num best" }.map(\.text)
        #expect(best == ["0.3800"])
    }
}
