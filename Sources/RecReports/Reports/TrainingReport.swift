import RecTraining

/// The report of one training run: its settings, its curves and its final metrics, as one
/// self-contained HTML page.
///
/// The page has a header (run metadata, a summary and the configuration), the loss curve
/// (total, BPR and regularisation; log-scaled when they span more than two decades) beside the
/// seconds per epoch, then for each charted metric family (`chartedFamilies`: Recall,
/// Precision and NDCG) its curves against the epoch, one line per K and split, following the
/// `MetricKey` convention (plain `"Recall@20"` is the evaluation split, `"validation/Recall@20"`
/// or `"test/Recall@20"` another) with the train curves (`"train/Recall@20"`) in a chart of
/// their own beside them; then the final metrics table, and the configuration file that
/// repeats the run when given. The selected epoch, when given, is marked on every curve.
///
///     let report = TrainingReport(title: "LightGCN on Gowalla", configuration: model.configuration,
///                                 history: model.history, selectedEpoch: 60)
///     try report.write(to: "report.html")
public struct TrainingReport: HTMLReport {
    /// Page title.
    public var title: String
    /// Settings of the run.
    public var configuration: TrainingConfiguration
    /// What each epoch did.
    public var history: [EpochRecord]
    /// The epoch whose model was kept (e.g. by early stopping), marked on the curves.
    public var selectedEpoch: Int?
    /// The metrics of the final model; `nil` shows those of the selected (or last evaluated)
    /// epoch instead.
    public var finalMetrics: [String: Double]?
    /// Run facts shown first, in order: dataset name, its checksum, software version, seed…
    public var metadata: [(key: String, value: String)]
    /// The metric families drawn as curves, in `MetricKey` order when recorded (every family
    /// is in the final metrics table).
    public var chartedFamilies = ["Recall", "Precision", "NDCG"]
    /// The run's effective configuration file (TOML), shown verbatim under "Reproduce" with
    /// the command that repeats the run; `nil` leaves the section out.
    public var configurationFile: String?
    /// The file name the reproduce command reads `configurationFile` from.
    public var configurationFileName = "run.toml"

    /// A report of `history`.
    public init(title: String, configuration: TrainingConfiguration, history: [EpochRecord],
                selectedEpoch: Int? = nil, finalMetrics: [String: Double]? = nil,
                metadata: [(key: String, value: String)] = []) {
        self.title = title
        self.configuration = configuration
        self.history = history
        self.selectedEpoch = selectedEpoch
        self.finalMetrics = finalMetrics
        self.metadata = metadata
    }

    /// A report of a trained model: its configuration and history, with its dataset's name
    /// first in the metadata.
    public init(model: TrainedModel, title: String? = nil, selectedEpoch: Int? = nil,
                finalMetrics: [String: Double]? = nil, metadata: [(key: String, value: String)] = []) {
        self.init(title: title ?? "LightGCN on \(model.datasetName)", configuration: model.configuration,
                  history: model.history, selectedEpoch: selectedEpoch, finalMetrics: finalMetrics,
                  metadata: [("Dataset", model.datasetName)] + metadata)
    }

    /// The page.
    public func html() -> String {
        var page = HTMLPage(title: title, subtitle: subtitle)
        page.cards([("Run", metadata), ("Summary", summaryRows), ("Configuration", ConfigurationSummary.rows(configuration))])
        page.heading("Training curves", id: "curves")
        if selectedEpoch != nil {
            page.note("The dashed vertical line marks the selected epoch, whose model is kept. Legends name the split: "
                      + "validation, test, or train (how well the model ranks its own training items, nothing excluded: "
                      + "compare its trend, not its level); a name without a split is the run's evaluation split.")
        }
        page.charts(charts.map { $0.svg() })
        let (metrics, source) = reportedMetrics
        page.heading("Final metrics", id: "metrics")
        if let source { page.note(source) }
        if metrics.isEmpty {
            page.note("No metrics were recorded.")
        } else {
            page.table(MetricGrid.table(metrics))
        }
        if let configurationFile {
            page.reproduce(file: configurationFile, command: "lightgcn train --config \(configurationFileName)")
        }
        return page.html
    }

    /// One line under the title.
    var subtitle: String {
        let evaluated = history.filter { !$0.metrics.isEmpty }.count
        return "LightGCN training report · \(history.count) epochs · \(evaluated) evaluations"
    }
}
