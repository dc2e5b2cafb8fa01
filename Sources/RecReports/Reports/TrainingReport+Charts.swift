import RecTraining

extension TrainingReport {
    /// Every chart of the page, in page order: loss and seconds per epoch side by side, then
    /// per charted metric family the evaluation curves and, beside them, the train sample's.
    public var charts: [LineChart] {
        [lossChart(), timingChart()] + metricCharts()
    }

    /// The epochs every curve spans, so that the charts share their x axis.
    var epochRange: ClosedRange<Double>? {
        guard let first = history.map(\.epoch).min(), let last = history.map(\.epoch).max() else { return nil }
        return Double(first)...Double(last)
    }

    /// The marker of the selected epoch.
    var marker: ChartMarker? {
        selectedEpoch.map { ChartMarker(x: Double($0), label: "selected epoch \($0)") }
    }

    /// Total, BPR and regularisation loss per epoch; log-scaled when the positive values span
    /// more than two decades (the regularisation term is often 1000× smaller than BPR).
    func lossChart() -> LineChart {
        func series(_ name: String, _ value: (EpochRecord) -> Double, _ color: Int, _ dash: LineDash) -> ChartSeries {
            ChartSeries(name: name, points: history.map { ChartPoint(x: Double($0.epoch), y: value($0)) },
                        color: ChartPalette.color(color), dash: dash)
        }
        let lines = [series("total", \.loss, 0, .solid), series("BPR", \.bprLoss, 1, .dashed),
                     series("regularisation", \.regularizationLoss, 2, .solid)]
        let values = lines.flatMap { $0.points.map(\.y) }.filter { $0.isFinite }
        let logarithmic = !values.isEmpty && values.allSatisfy { $0 > 0 } && values.max()! / values.min()! > 100
        var chart = LineChart(title: "Training loss", xTitle: "epoch",
                              yTitle: logarithmic ? "loss (log scale)" : "loss", series: lines, marker: marker)
        chart.yAxis = logarithmic ? .logarithmic : .linear
        chart.integerX = true
        chart.xCovering = epochRange
        return chart
    }

    /// Per charted metric family, a chart of its validation and test curves (plain keys
    /// included) and a chart of its train curves ("train/…", the sample of `--train-metrics`):
    /// the train sample ranks without excluding its training items, so its values are often
    /// ten times the validation ones and would flatten them on a shared axis. A line per
    /// (split, K): with several K, colour tells K and the dash tells the split; with one K,
    /// colour tells the split (the same colour for a split in every chart).
    func metricCharts() -> [LineChart] {
        var points: [MetricKey: [ChartPoint]] = [:]
        for record in history {
            for (key, value) in record.metrics {
                points[MetricKey(key), default: []].append(ChartPoint(x: Double(record.epoch), y: value))
            }
        }
        let allKs = Array(Set(points.keys.compactMap(\.k))).sorted()
        return MetricKey.families(in: points.keys).filter(chartedFamilies.contains).flatMap { family in
            let keys = points.keys.filter { $0.family == family }.sorted()
            let groups = [keys.filter { $0.split != "train" }, keys.filter { $0.split == "train" }].filter { !$0.isEmpty }
            return groups.map { group in
                let splits = group.map(\.split).uniqued()
                let splitColors = splits.map(Self.colorIndex)
                let colorOf = { (split: String?) -> Int in
                    Set(splitColors).count == splits.count ? Self.colorIndex(of: split) : splits.firstIndex(of: split)!
                }
                let byK = Set(group.map(\.k)).count > 1
                let series = group.map { key in
                    let splitIndex = splits.firstIndex(of: key.split)!
                    let color = byK ? ChartPalette.color(key.k.flatMap { allKs.firstIndex(of: $0) } ?? 0)
                                    : ChartPalette.color(colorOf(key.split))
                    let dash = byK ? LineDash.allCases[splitIndex % LineDash.allCases.count] : .solid
                    return ChartSeries(name: key.label, points: points[key]!.sorted { $0.x < $1.x },
                                       color: color, dash: dash)
                }
                let isTrain = group.first?.split == "train"
                var chart = LineChart(title: isTrain ? "\(family) by epoch, train sample" : "\(family) by epoch",
                                      xTitle: "epoch", yTitle: isTrain ? "train \(family)" : family,
                                      series: series, marker: marker)
                chart.integerX = true
                chart.xCovering = epochRange
                return chart
            }
        }
    }

    /// The palette position of a split's curves when colour tells the split: the evaluation
    /// split and validation first, then test, then train.
    static func colorIndex(of split: String?) -> Int {
        switch split {
        case nil, "validation": 0
        case "test": 1
        case "train": 2
        default: 3
        }
    }

    /// Wall seconds of training and of evaluation per epoch.
    func timingChart() -> LineChart {
        let training = ChartSeries(name: "training", points: history.map {
            ChartPoint(x: Double($0.epoch), y: $0.seconds)
        })
        let evaluation = ChartSeries(name: "evaluation", points: history.filter { $0.evaluationSeconds > 0 }.map {
            ChartPoint(x: Double($0.epoch), y: $0.evaluationSeconds)
        })
        var chart = LineChart(title: "Seconds per epoch", xTitle: "epoch", yTitle: "seconds",
                              series: evaluation.points.isEmpty ? [training] : [training, evaluation], marker: marker)
        chart.integerX = true
        chart.xCovering = epochRange
        chart.yIncludesZero = true
        return chart
    }
}

extension Sequence where Element: Hashable {
    /// The elements in order of first occurrence, without repeats.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
