import RecTraining

/// A metric of several training runs against wall-clock time (or epochs), one line per run:
/// the picture of time to accuracy.
///
/// The wall time after epoch e is the run's training and evaluation seconds up to and including
/// e, `Σ_{t ≤ e} (seconds_t + evaluationSeconds_t)`, so two runs' curves are compared on the
/// time a user waits (loading and setup excluded: the chart is of the fits).
///
///     let chart = WallTimeChart(metric: "Recall@20", runs: [.init(name: "fast", history: fast)])
///     let svg = chart.lineChart().svg().xmlDocument
public struct WallTimeChart: Sendable {
    /// One training run: a name for the legend and its per-epoch history.
    public struct Run: Sendable {
        /// Name in the legend.
        public var name: String
        /// The run's epochs.
        public var history: [EpochRecord]
        /// Training seconds after the last epoch of `history` and before the test evaluation:
        /// a refit on training + validation interactions (0 without one).
        public var refitSeconds: Double
        /// Test metrics evaluated once at the end of a validation-selected run, if known.
        public var testMetrics: [String: Double]?

        /// A run from its parts.
        public init(name: String, history: [EpochRecord], refitSeconds: Double = 0, testMetrics: [String: Double]? = nil) {
            self.name = name
            self.history = history
            self.refitSeconds = refitSeconds
            self.testMetrics = testMetrics
        }
    }

    /// What the x axis counts.
    public enum XAxis: String, Sendable, CaseIterable {
        /// Cumulative wall minutes of training and evaluation.
        case minutes
        /// Epochs.
        case epoch
    }

    /// The metric plotted, e.g. "Recall@20". Each run uses the first of `validation/METRIC`,
    /// `test/METRIC` and `METRIC` (the test set watched under the published protocol) it records.
    public var metric: String
    /// The runs, drawn in order.
    public var runs: [Run]
    /// What the x axis counts.
    public var xAxis: XAxis
    /// Horizontal reference lines, e.g. a published figure: (label, value).
    public var references: [(label: String, value: Double)]

    /// A chart of `metric` for `runs`.
    public init(metric: String, runs: [Run], xAxis: XAxis = .minutes, references: [(label: String, value: Double)] = []) {
        self.metric = metric
        self.runs = runs
        self.xAxis = xAxis
        self.references = references
    }

    /// The key of `metric` that `history` records, or nil when it records none of them.
    public func key(in history: [EpochRecord]) -> String? {
        let recorded = Set(history.flatMap(\.metrics.keys))
        return ["validation/\(metric)", "test/\(metric)", metric].first(where: recorded.contains)
    }

    /// The (x, metric) points of `run`, one per evaluated epoch.
    public func points(of run: Run) -> [ChartPoint] {
        guard let key = key(in: run.history) else { return [] }
        var elapsed = 0.0
        var points: [ChartPoint] = []
        for record in run.history {
            elapsed += record.seconds + record.evaluationSeconds
            guard let value = record.metrics[key] else { continue }
            points.append(ChartPoint(x: xAxis == .minutes ? elapsed / 60 : Double(record.epoch), y: value))
        }
        return points
    }

    /// Where the first validation-selected run with test metrics had its test set evaluated:
    /// (minutes of the fit and any refit, the test value); nil for none or on the epoch axis.
    public func testEvaluation() -> (run: String, minutes: Double, value: Double)? {
        guard xAxis == .minutes else { return nil }
        for run in runs where key(in: run.history)?.hasPrefix("validation/") == true {
            guard let value = run.testMetrics?[metric] else { continue }
            let seconds = run.history.trainingSeconds + run.history.evaluationSeconds + run.refitSeconds
            return (run.name, seconds / 60, value)
        }
        return nil
    }

    /// The chart: one line per run (its legend entry says which split was measured), one
    /// dashed line per reference across the runs' x range, and a marker where the first
    /// validation-selected run with test metrics evaluated its test set (after its refit, if any).
    public func lineChart() -> LineChart {
        var series = runs.map { run -> ChartSeries in
            let split = key(in: run.history).map { $0.contains("/") ? String($0.split(separator: "/")[0]) : "test" }
            return ChartSeries(name: run.name + (split.map { " (\($0))" } ?? " (no \(metric))"), points: points(of: run))
        }
        let test = testEvaluation()
        let xs = series.flatMap { $0.points.map(\.x) } + (test.map { [$0.minutes] } ?? [])
        if let low = xs.min(), let high = xs.max() {
            for reference in references {
                series.append(ChartSeries(name: reference.label, points: [ChartPoint(x: min(0, low), y: reference.value),
                                                                           ChartPoint(x: high, y: reference.value)],
                                          dash: .dashed))
            }
        }
        var chart = LineChart(title: "\(metric) against \(xAxis == .minutes ? "wall time" : "epochs")",
                              xTitle: xAxis == .minutes ? "minutes (training and evaluation)" : "epoch",
                              yTitle: metric, series: series)
        chart.integerX = xAxis == .epoch
        if let test {
            chart.marker = ChartMarker(x: test.minutes, label: String(format: "%@: test %.4f", test.run, test.value))
        }
        return chart
    }
}
