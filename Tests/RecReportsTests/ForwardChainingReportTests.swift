import Testing
@testable import RecReports

@Suite("Forward-chaining report")
struct ForwardChainingReportTests {
    static let results: [Int: [String: [String: Double]]] = [
        2010: ["LightGCN": ["Recall@10": 0.30, "Recall@20": 0.40], "Popularity": ["Recall@10": 0.20, "Recall@20": 0.25]],
        2008: ["LightGCN": ["Recall@10": 0.10, "Recall@20": 0.20], "Popularity": ["Recall@10": 0.12, "Recall@20": 0.15]],
        2009: ["LightGCN": ["Recall@10": 0.20]],
    ]

    @Test("a chart per metric: groups are years, bars are models")
    func charts() {
        let charts = ForwardChainingReport(title: "t", results: Self.results).charts()
        #expect(charts.map(\.title) == ["Recall@10 by test year", "Recall@20 by test year"])
        #expect(charts[0].groups == ["2008", "2009", "2010"])
        #expect(charts[0].series.map(\.name) == ["LightGCN", "Popularity"])
        #expect(charts[0].series[1].values[1].isNaN)
    }

    @Test("the page is well-formed; the table has a row per year and model and the means")
    func page() {
        let check = XMLCheck(ForwardChainingReport(title: "Last.fm <yearly>", results: Self.results).html())
        #expect(check.wellFormed, "\(check.error ?? "")")
        let rows = check.elements(named: "tr").count
        #expect(rows == 1 + 5 + 2)
        let cells = check.elements(named: "td").map(\.text)
        #expect(cells.contains("0.2000") && cells.filter { $0 == "mean" }.count == 2)
        // The mean of a model is over the years it has: Recall@20 of LightGCN misses 2009.
        #expect(Array(cells.suffix(8)) == ["mean", "LightGCN", "0.2000", "0.3000", "mean", "Popularity", "0.1600", "0.2000"])
    }

    @Test("chartedKeys limits the charts, not the table")
    func chartedKeys() {
        var report = ForwardChainingReport(title: "t", results: Self.results)
        report.chartedKeys = ["Recall@20", "MRR"]
        #expect(report.charts().map(\.title) == ["Recall@20 by test year"])
        #expect(XMLCheck(report.html()).elements(named: "th").map(\.text).contains("Recall@10"))
    }
}
