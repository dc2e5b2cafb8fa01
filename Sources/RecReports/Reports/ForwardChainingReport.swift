/// Results of yearly forward chaining (train on every year before Y, test on year Y) as one
/// self-contained HTML page: for each metric a grouped bar chart with a group per test year
/// and a bar per model, and a table of every year and model plus the mean over the years.
///
/// Models appear in alphabetical order; metric keys follow the `MetricKey` convention.
public struct ForwardChainingReport: HTMLReport {
    /// Page title.
    public var title: String
    /// Test year → model name → metrics keyed like `"Recall@20"`.
    public var results: [Int: [String: [String: Double]]]
    /// Run facts shown first: dataset, checksum, version, seed…
    public var metadata: [(key: String, value: String)]
    /// The metric keys drawn as charts, in this order; `nil` draws every key. The table has
    /// every key either way.
    public var chartedKeys: [String]?

    /// A report of `results`.
    public init(title: String, results: [Int: [String: [String: Double]]],
                metadata: [(key: String, value: String)] = []) {
        self.title = title
        self.results = results
        self.metadata = metadata
    }

    /// Test years, ascending.
    var years: [Int] { results.keys.sorted() }
    /// Model names, alphabetical.
    var models: [String] { Set(results.values.flatMap(\.keys)).sorted() }
    /// Metric keys, in `MetricKey` order.
    var keys: [MetricKey] {
        Set(results.values.flatMap { $0.values.flatMap(\.keys) }).map(MetricKey.init).sorted()
    }

    /// The value of `key` for `model` in `year`, NaN when absent.
    func value(_ key: MetricKey, model: String, year: Int) -> Double {
        results[year]?[model]?[key.description] ?? .nan
    }

    /// One chart per charted metric key: groups are the test years, bars the models.
    public func charts() -> [BarChart] {
        let years = self.years, models = self.models
        let keys = chartedKeys.map { $0.map(MetricKey.init).filter(self.keys.contains) } ?? self.keys
        return keys.map { key in
            BarChart(title: "\(key.label) by test year", xTitle: "test year", yTitle: key.label,
                     groups: years.map(String.init),
                     series: models.map { model in
                         BarSeries(name: model, values: years.map { value(key, model: model, year: $0) })
                     })
        }
    }

    /// The page.
    public func html() -> String {
        var page = HTMLPage(title: title, subtitle: "Yearly forward chaining · test years \(years.map(String.init).joined(separator: ", ")) · \(models.count) models")
        page.cards([("Run", metadata)])
        page.heading("Charts", id: "charts")
        page.charts(charts().map { $0.svg() })
        page.heading("Results", id: "results")
        page.note("Best value of each metric per year in bold; the mean is over the test years a model has.")
        page.table(table)
        return page.html
    }

    /// Year × model rows with the best value per year and metric in bold, then mean rows.
    var table: HTMLTable {
        let keys = self.keys, models = self.models
        var body: [[HTMLTable.Cell]] = []
        for year in years {
            let best = keys.map { key in models.map { value(key, model: $0, year: year) }.filter(\.isFinite).max() }
            for model in models where results[year]?[model] != nil {
                body.append([.label(String(year)), .label(model)] + keys.indices.map { index in
                    let v = value(keys[index], model: model, year: year)
                    return .number(v.isNaN ? "" : ReportFormat.metric(v), emphasized: v.isFinite && v == best[index])
                })
            }
        }
        for model in models {
            body.append([.label("mean"), .label(model)] + keys.map { key in
                let values = years.map { value(key, model: model, year: $0) }.filter(\.isFinite)
                return .number(values.isEmpty ? "" : ReportFormat.metric(values.reduce(0, +) / Double(values.count)))
            })
        }
        let header = ["Test year", "Model"] + keys.map(\.label)
        return HTMLTable(header: header, rows: body, numericColumns: Set(2..<header.count))
    }
}
