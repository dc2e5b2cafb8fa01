import Testing
@testable import RecReports

@Suite("Line chart")
struct LineChartTests {
    static let hostile = #"Recall <@20> & "NDCG" 'x'"#

    func chart(_ series: [ChartSeries], marker: ChartMarker? = nil) -> LineChart {
        LineChart(title: "t", xTitle: "epoch", yTitle: "value", series: series, marker: marker)
    }

    @Test("the SVG is well-formed and titles and series names are escaped")
    func escaping() throws {
        let series = ChartSeries(name: Self.hostile, values: [(1, 0.1), (2, 0.2)])
        let svg = LineChart(title: Self.hostile, xTitle: "<x>", yTitle: "&y", series: [series]).svg().xmlDocument
        let check = XMLCheck(svg)
        #expect(check.wellFormed, "\(check.error ?? "")")
        let texts = check.elements(named: "text").map(\.text)
        #expect(texts.contains(Self.hostile))
        #expect(texts.contains("<x>") && texts.contains("&y"))
        #expect(check.elements(named: "title").map(\.text).contains(Self.hostile))
        #expect(!svg.contains("<x>") && !svg.contains("<@20>"))
    }

    @Test("a marker line and its label appear only when given")
    func marker() throws {
        let series = [ChartSeries(name: "a", values: (1...50).map { (Double($0), Double($0) * 0.01) })]
        let with = XMLCheck(chart(series, marker: ChartMarker(x: 30, label: "selected epoch 30")).svg().markup)
        let group = with.elements(withClass: "marker")
        #expect(group.count == 1)
        #expect(with.elements(named: "text").contains { $0.text == "selected epoch 30" })
        let without = XMLCheck(chart(series).svg().markup)
        #expect(without.elements(withClass: "marker").isEmpty)
    }

    @Test("NaN and infinite points are skipped and break the line")
    func gaps() throws {
        let series = ChartSeries(name: "a", values: [(1, 0.1), (2, 0.2), (3, .nan), (4, 0.3), (5, 0.4), (.infinity, 1), (7, -.infinity)])
        let svg = chart([series]).svg().markup
        let check = XMLCheck(svg)
        #expect(check.wellFormed)
        #expect(check.elements(named: "path").count == 2)
        #expect(check.elements(named: "circle").count == 4)
        #expect(!svg.lowercased().contains("nan") && !svg.contains("inf"))
    }

    @Test("no drawable point renders \"no data\"", arguments: [
        [ChartSeries](), [ChartSeries(name: "empty", points: [])],
        [ChartSeries(name: "nan", values: [(1, .nan), (.nan, 2)])],
    ])
    func noData(series: [ChartSeries]) {
        let check = XMLCheck(chart(series).svg().markup)
        #expect(check.wellFormed)
        #expect(check.elements(withClass: "no-data").first?.text == "no data")
        #expect(check.elements(named: "path").isEmpty)
    }

    @Test("a single point is drawn as a dot on a valid scale")
    func singlePoint() {
        let check = XMLCheck(chart([ChartSeries(name: "a", values: [(1, 0.17)])]).svg().markup)
        #expect(check.wellFormed)
        #expect(check.elements(named: "circle").count == 1)
        #expect(check.elements(withClass: "no-data").isEmpty)
    }

    @Test("equal values get ticks around them")
    func equalValues() {
        let check = XMLCheck(chart([ChartSeries(name: "a", values: (1...5).map { (Double($0), 0.5) })]).svg().markup)
        let labels = check.elements(named: "text", inside: "y-ticks").map(\.text)
        #expect(labels.count >= 2)
        #expect(labels.contains("0.50"))
    }

    @Test("y tick labels are the nice ticks covering the data")
    func yTicks() throws {
        let series = ChartSeries(name: "a", values: [(1, 0.103), (2, 0.171)])
        let check = XMLCheck(chart([series]).svg().markup)
        let labels = check.elements(named: "text", inside: "y-ticks").map(\.text)
        #expect(labels == ["0.10", "0.12", "0.14", "0.16", "0.18"])
    }

    @Test("a logarithmic axis skips non-positive values")
    func logarithmic() {
        var c = chart([ChartSeries(name: "a", values: [(1, 0.5), (2, 0), (3, 0.05), (4, 0.01)])])
        c.yAxis = .logarithmic
        let check = XMLCheck(c.svg().markup)
        #expect(check.wellFormed)
        #expect(check.elements(named: "circle").count == 3)
    }

    @Test("explicit x ticks are used as given")
    func explicitTicks() {
        var c = chart([ChartSeries(name: "a", values: [(5, 0.1), (10, 0.2), (50, 0.3)])])
        c.xTicks = [5, 10, 50]
        c.xAxis = .logarithmic
        let check = XMLCheck(c.svg().markup)
        let labels = check.elements(named: "text", inside: "x-ticks").map(\.text)
        #expect(["5", "10", "50"].allSatisfy(labels.contains))
    }
}
