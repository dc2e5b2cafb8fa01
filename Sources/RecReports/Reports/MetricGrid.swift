/// Tables of metric dictionaries laid out as people read them: a row per split and family, a
/// column per cut-off K.
enum MetricGrid {
    /// The table of `metrics`: rows "Recall", "validation Recall"…, columns "@10", "@20"… and
    /// "value" for keys without K; empty cells for absent combinations.
    static func table(_ metrics: [String: Double]) -> HTMLTable {
        let keys = metrics.keys.map(MetricKey.init)
        let ks = Array(Set(keys.map(\.k))).sorted { ($0 ?? Int.max) < ($1 ?? Int.max) }
        let rows = keys.map { MetricKey(split: $0.split, family: $0.family) }.uniqued().sorted()
        let header = ["Metric"] + ks.map { $0.map { "@\($0)" } ?? "value" }
        let body: [[HTMLTable.Cell]] = rows.map { row in
            [.label(row.label)] + ks.map { k in
                let key = MetricKey(split: row.split, family: row.family, k: k)
                return .number(metrics[key.description].map(ReportFormat.metric) ?? "")
            }
        }
        return HTMLTable(header: header, rows: body, numericColumns: Set(1..<header.count))
    }
}
