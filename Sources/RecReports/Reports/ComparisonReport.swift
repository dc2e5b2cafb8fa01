import Foundation
import RecTraining

/// Models side by side on the same data, as one self-contained HTML page: a grouped bar chart
/// of the models for each cut-off K (a group per metric), a metric-against-K line chart per
/// metric family with several K, bar charts of fit time and latency, and a table with the best
/// value of each metric in bold.
///
/// Metric keys follow the `MetricKey` convention (`"Recall@20"`, `"test/NDCG@10"`).
public struct ComparisonReport: HTMLReport {
    /// One model's results.
    public struct Row: Sendable, Equatable {
        /// Model name as shown.
        public var model: String
        /// Metric values keyed like `"Recall@20"`.
        public var metrics: [String: Double]
        /// Wall seconds to fit the model, if measured.
        public var fitSeconds: Double?
        /// Milliseconds to recommend, as the caller measured it (e.g. per batch of users), if
        /// measured.
        public var latencyMilliseconds: Double?

        /// A row.
        public init(model: String, metrics: [String: Double], fitSeconds: Double? = nil,
                    latencyMilliseconds: Double? = nil) {
            self.model = model
            self.metrics = metrics
            self.fitSeconds = fitSeconds
            self.latencyMilliseconds = latencyMilliseconds
        }
    }

    /// Page title.
    public var title: String
    /// The models, in display order.
    public var rows: [Row]
    /// Run facts shown first: dataset, checksum, version, seed…
    public var metadata: [(key: String, value: String)]
    /// The run's effective configuration file (TOML), shown verbatim under "Reproduce";
    /// `nil` leaves the section out.
    public var configurationFile: String?
    /// The command that repeats the run from `configurationFile`, e.g.
    /// `lightgcn compare --config run.toml`.
    public var reproduceCommand = "lightgcn compare --config run.toml"

    /// A comparison of `rows`.
    public init(title: String, rows: [Row], metadata: [(key: String, value: String)] = []) {
        self.title = title
        self.rows = rows
        self.metadata = metadata
    }

    /// Every accuracy metric key present, in `MetricKey` order (the charts and the main table).
    var keys: [MetricKey] {
        Set(rows.flatMap(\.metrics.keys)).map(MetricKey.init).filter { !BeyondAccuracyMetrics.isBeyondAccuracy(family: $0.family) }
            .sorted()
    }

    /// The beyond-accuracy keys present (``BeyondAccuracyMetrics``), in their display order.
    var beyondAccuracyKeys: [String] {
        let present = Set(rows.flatMap(\.metrics.keys))
        let ks = Set(present.map(MetricKey.init).filter { BeyondAccuracyMetrics.isBeyondAccuracy(family: $0.family) }.compactMap(\.k))
        return ks.sorted().flatMap(BeyondAccuracyMetrics.keys(k:)).filter(present.contains)
    }

    /// The page.
    public func html() -> String {
        var page = HTMLPage(title: title, subtitle: "Model comparison · \(rows.count) models")
        page.cards([("Run", metadata)])
        page.heading("Charts", id: "charts")
        page.charts(charts)
        page.heading("Results", id: "results")
        page.note("Best value of each metric in bold. Plain metric names are the evaluation split.")
        page.table(table)
        let beyond = beyondAccuracyKeys
        if !beyond.isEmpty {
            page.heading("Beyond accuracy", id: "beyond-accuracy")
            page.note("""
                Coverage: share of the catalogue recommended to anyone. Gini: inequality of how often items are \
                recommended (0 equal, near 1 a few items everywhere). Novelty: mean self-information −log₂(degree / users) \
                of recommended items, in bits. ARP: their mean training degree. Recall:head/mid/tail: Recall counting only \
                test items of the most, middle and least popular third of items; users-Q1…Q4: by quartile of users' \
                training interactions (Q1 least active). No value is marked best: larger is not always better here.
                """)
            page.table(beyondAccuracyTable(beyond))
        }
        if let configurationFile { page.reproduce(file: configurationFile, command: reproduceCommand) }
        return page.html
    }

    /// Every chart of the page, as SVG pictures.
    public var charts: [SVGDocument] {
        barCharts().map { $0.svg() } + lineCharts().map { $0.svg() } + timingCharts().map { $0.svg() }
    }

    /// For each K (and once for keys without K): the models' bars grouped by metric.
    public func barCharts() -> [BarChart] {
        let byK = Dictionary(grouping: keys, by: \.k)
        return byK.keys.sorted { ($0 ?? Int.max) < ($1 ?? Int.max) }.map { k in
            let group = byK[k]!.sorted()
            let series = rows.map { row in
                BarSeries(name: row.model, values: group.map { row.metrics[$0.description] ?? .nan })
            }
            let name = k.map { "Models at K = \($0)" } ?? "Models"
            return BarChart(title: name, yTitle: "value", groups: group.map { k == nil ? $0.label : Self.groupLabel($0) },
                            series: series)
        }
    }

    /// A group label without the K shared by the chart: `"Recall"`, `"test NDCG"`.
    static func groupLabel(_ key: MetricKey) -> String {
        (key.split.map { $0 + " " } ?? "") + key.family
    }

    /// For each (split, family) with several K: the metric against K, a line per model, on a
    /// logarithmic K axis when the largest K is at least 8 times the smallest.
    public func lineCharts() -> [LineChart] {
        let families = Dictionary(grouping: keys) { MetricKey(split: $0.split, family: $0.family) }
        return families.keys.sorted().compactMap { family in
            let ks = families[family]!.compactMap(\.k).sorted()
            guard ks.count > 1 else { return nil }
            let series = rows.map { row in
                ChartSeries(name: row.model, points: ks.compactMap { k in
                    row.metrics[MetricKey(split: family.split, family: family.family, k: k).description]
                        .map { ChartPoint(x: Double(k), y: $0) }
                })
            }
            var chart = LineChart(title: "\(family.label) against K", xTitle: "K", yTitle: family.label, series: series)
            chart.xTicks = ks.map(Double.init)
            chart.xAxis = Double(ks.last!) >= 8 * Double(ks.first!) ? .logarithmic : .linear
            chart.integerX = true
            return chart
        }
    }

    /// Fit seconds and latency per model, when measured.
    public func timingCharts() -> [BarChart] {
        var charts: [BarChart] = []
        let models = rows.map(\.model)
        if rows.contains(where: { $0.fitSeconds != nil }) {
            var chart = BarChart(title: "Fit time", yTitle: "seconds", groups: models,
                                 series: [BarSeries(name: "fit seconds", values: rows.map { $0.fitSeconds ?? .nan })])
            chart.valueFormat = .significant(3)
            charts.append(chart)
        }
        if rows.contains(where: { $0.latencyMilliseconds != nil }) {
            var chart = BarChart(title: "Recommendation latency", yTitle: "milliseconds", groups: models,
                                 series: [BarSeries(name: "latency ms", values: rows.map { $0.latencyMilliseconds ?? .nan },
                                                    color: ChartPalette.color(1))])
            chart.valueFormat = .significant(3)
            charts.append(chart)
        }
        return charts
    }

    /// Models × the beyond-accuracy `keys`, nothing in bold.
    func beyondAccuracyTable(_ keys: [String]) -> HTMLTable {
        let body: [[HTMLTable.Cell]] = rows.map { row in
            [.label(row.model)] + keys.map { key in .number(row.metrics[key].map(ReportFormat.metric) ?? "") }
        }
        return HTMLTable(header: ["Model"] + keys, rows: body, numericColumns: Set(1...keys.count))
    }

    /// Models × metrics, the best (largest) value of each metric in bold, then the timings.
    var table: HTMLTable {
        let keys = self.keys
        let hasFit = rows.contains { $0.fitSeconds != nil }
        let hasLatency = rows.contains { $0.latencyMilliseconds != nil }
        let best = keys.map { key in rows.compactMap { $0.metrics[key.description] }.filter(\.isFinite).max() }
        let header = ["Model"] + keys.map(\.label) + (hasFit ? ["Fit time"] : []) + (hasLatency ? ["Latency (ms)"] : [])
        let body: [[HTMLTable.Cell]] = rows.map { row in
            var cells: [HTMLTable.Cell] = [.label(row.model)]
            for (index, key) in keys.enumerated() {
                let value = row.metrics[key.description]
                cells.append(.number(value.map(ReportFormat.metric) ?? "", emphasized: value != nil && value == best[index]))
            }
            if hasFit { cells.append(.number(row.fitSeconds.map(ReportFormat.duration) ?? "")) }
            if hasLatency { cells.append(.number(row.latencyMilliseconds.map { ReportFormat.number($0, significant: 3) } ?? "")) }
            return cells
        }
        return HTMLTable(header: header, rows: body, numericColumns: Set(1..<header.count))
    }
}
