import Testing
@testable import RecReports

@Suite("Bar chart")
struct BarChartTests {
    @Test("one bar per finite value, names escaped, well-formed")
    func bars() throws {
        let chart = BarChart(title: #"<models> & "K""#, yTitle: "value", groups: ["Recall", "N<DCG>"], series: [
            BarSeries(name: "Light'GCN", values: [0.17, 0.14]),
            BarSeries(name: "MF & BPR", values: [0.15, .nan]),
            BarSeries(name: "short", values: [0.1]),
        ])
        let check = XMLCheck(chart.svg().xmlDocument)
        #expect(check.wellFormed, "\(check.error ?? "")")
        let bars = check.elements(named: "rect", inside: "bars")
        #expect(bars.count == 4)
        let texts = check.elements(named: "text").map(\.text)
        #expect(texts.contains(#"<models> & "K""#) && texts.contains("N<DCG>") && texts.contains("Light'GCN"))
        #expect(texts.contains("0.170"))
    }

    @Test("no value renders \"no data\"")
    func noData() {
        for chart in [BarChart(title: "t", yTitle: "y", groups: [], series: []),
                      BarChart(title: "t", yTitle: "y", groups: ["a"], series: [BarSeries(name: "s", values: [.nan])])] {
            let check = XMLCheck(chart.svg().markup)
            #expect(check.wellFormed)
            #expect(check.elements(withClass: "no-data").count == 1)
        }
    }

    @Test("the axis includes zero and leaves room for value labels")
    func scale() {
        let positive = BarChart.scale(values: [0.5, 0.7], room: 16, plotHeight: 300)
        #expect(positive.lower == 0 && positive.upper >= 0.7 + 16 * positive.upper / 300 - 1e-12)
        let negative = BarChart.scale(values: [-2, 3], room: 0, plotHeight: 300)
        #expect(negative.lower <= -2 && negative.upper >= 3)
    }

    @Test("bars of negative values hang below the zero line")
    func negativeBars() throws {
        let chart = BarChart(title: "t", yTitle: "y", groups: ["a", "b"], series: [BarSeries(name: "s", values: [2, -1])])
        let check = XMLCheck(chart.svg().markup)
        let bars = check.elements(named: "rect", inside: "bars")
        #expect(bars.count == 2)
        let top = try #require(Double(bars[1].attributes["y"] ?? ""))
        let bottomOfFirst = try #require(Double(bars[0].attributes["y"] ?? "")).advanced(by: Double(bars[0].attributes["height"] ?? "0")!)
        #expect(abs(top - bottomOfFirst) < 0.02)
    }
}
