import RecTraining

extension TrainingReport {
    /// The metrics of the final-metrics table and a note on where they come from.
    var reportedMetrics: (metrics: [String: Double], source: String?) {
        if let finalMetrics { return (finalMetrics, nil) }
        if let selectedEpoch, let record = history.first(where: { $0.epoch == selectedEpoch }), !record.metrics.isEmpty {
            return (record.metrics, "Metrics of the selected epoch \(selectedEpoch).")
        }
        if let record = history.last(where: { !$0.metrics.isEmpty }) {
            return (record.metrics, "Metrics of the last evaluation, after epoch \(record.epoch).")
        }
        return ([:], nil)
    }

    /// The key metric: the configuration's selection metric (e.g. "Recall@20") on the first
    /// recorded of validation, the evaluation split (plain keys) and test; otherwise the first
    /// family in `MetricKey` order (Recall) at K = 20 (the LightGCN paper's cut-off) or its
    /// smallest K, on the first of those splits that has metrics, else on any (train).
    var primaryMetric: MetricKey? {
        let recorded = Set(history.flatMap(\.metrics.keys))
        let splitPreference: [String?] = ["validation", nil, "test"]
        if let selection = ConfigurationSummary.setting("selectionMetric", of: configuration) as? String {
            let candidates = splitPreference.map { ($0.map { $0 + "/" } ?? "") + selection }
            if let key = candidates.first(where: recorded.contains) { return MetricKey(key) }
        }
        let keys = recorded.map(MetricKey.init).sorted()
        let split = splitPreference.first { split in keys.contains { $0.split == split } } ?? keys.first?.split
        let candidates = keys.filter { $0.split == split }
        guard let family = candidates.first?.family else { return keys.first }
        let ofFamily = candidates.filter { $0.family == family }
        return ofFamily.first { $0.k == 20 } ?? ofFamily.first
    }

    /// Epochs, time, final loss, selected epoch and the best value of the primary metric.
    var summaryRows: [(key: String, value: String)] {
        var rows: [(key: String, value: String)] = [
            ("Epochs run", "\(history.count) of \(configuration.epochs)"),
            ("Training time", ReportFormat.duration(history.trainingSeconds)),
        ]
        let evaluationSeconds = history.evaluationSeconds
        if evaluationSeconds > 0 { rows.append(("Evaluation time", ReportFormat.duration(evaluationSeconds))) }
        if let last = history.last {
            rows.append(("Final loss", "\(ReportFormat.number(last.loss)) (BPR \(ReportFormat.number(last.bprLoss)), reg \(ReportFormat.number(last.regularizationLoss)))"))
        }
        if let selectedEpoch { rows.append(("Selected epoch", "\(selectedEpoch)")) }
        if let key = primaryMetric {
            let best = history.compactMap { record in record.metrics[key.description].map { (record.epoch, $0) } }
                .filter { $0.1.isFinite }.max { $0.1 < $1.1 }
            if let best { rows.append(("Best \(key.label)", "\(ReportFormat.metric(best.1)) at epoch \(best.0)")) }
        }
        return rows
    }
}
