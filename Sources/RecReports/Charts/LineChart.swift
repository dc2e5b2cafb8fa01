/// A line chart of named series of (x, y) values, drawn as SVG.
///
/// Axes get nice ticks (`AxisScale`), a legend of the series sits under the title, and an
/// optional vertical `marker` (e.g. "selected epoch 60") is drawn across the plot. Points that
/// cannot be shown (NaN, ±∞, or ≤ 0 on a logarithmic axis) are skipped and break the line; a
/// point standing alone is drawn as a dot. Without any point the plot says "no data".
///
///     let chart = LineChart(title: "Recall@20", xTitle: "epoch", yTitle: "Recall",
///                           series: [ChartSeries(name: "validation", values: [(10, 0.12), (20, 0.14)])])
///     let svg = chart.svg().markup
public struct LineChart: Sendable, Equatable {
    /// Heading above the legend.
    public var title: String
    /// Title under the x axis.
    public var xTitle: String
    /// Rotated title left of the y axis.
    public var yTitle: String
    /// The lines, drawn in order (later ones on top).
    public var series: [ChartSeries]
    /// Optional vertical line with a label.
    public var marker: ChartMarker?
    /// Kind of the x axis.
    public var xAxis: AxisKind = .linear
    /// Kind of the y axis.
    public var yAxis: AxisKind = .linear
    /// Ticks for the x axis instead of automatic ones (e.g. the K values); the axis still
    /// covers all the data.
    public var xTicks: [Double]?
    /// A range the x axis covers even where there is no data (e.g. every epoch of the run, so
    /// that the charts of one report share their x axis).
    public var xCovering: ClosedRange<Double>?
    /// Whether the y axis starts at (or reaches) zero, as for durations.
    public var yIncludesZero = false
    /// Whether x values are counts (epochs, K): automatic linear ticks are then whole numbers.
    public var integerX = false
    /// Draw a dot at every point of series with at most this many points.
    public var dotThreshold = 40
    /// Pixel size.
    public var size = ChartSize.standard

    /// A linear chart of `series`.
    public init(title: String, xTitle: String, yTitle: String, series: [ChartSeries],
                marker: ChartMarker? = nil) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.series = series
        self.marker = marker
    }

    /// The colour of series `index`: its own, or the palette's.
    func color(of index: Int) -> String { series[index].color ?? ChartPalette.color(index) }

    /// Whether `point` can be placed on the chart's axes.
    func isDrawable(_ point: ChartPoint) -> Bool {
        point.x.isFinite && point.y.isFinite
            && (xAxis == .linear || point.x > 0) && (yAxis == .linear || point.y > 0)
    }

    /// The chart as an SVG picture.
    public func svg() -> SVGDocument {
        let entries = series.indices.map {
            ChartLegend.Entry(name: series[$0].name, color: color(of: $0), symbol: .line(series[$0].dash))
        }
        let frame = ChartFrame(size: size, title: title, entries: entries, roomAbovePlot: marker == nil ? 0 : 8)
        var document = frame.document()
        let drawable = series.flatMap { $0.points.filter(isDrawable) }
        guard !drawable.isEmpty else {
            document.append(contentsOf: frame.noDataElements(hasAxisTitle: !xTitle.isEmpty))
            return document
        }
        let ys = drawable.map(\.y) + (yIncludesZero && yAxis == .linear ? [0] : [])
        let yScale = yAxis == .linear
            ? AxisScale.linear(covering: ys.min()!, ys.max()!, targetTickCount: 5)
            : AxisScale.logarithmic(covering: ys.min()!, ys.max()!)
        var area = PlotArea(
            left: frame.plotLeft(tickLabelWidth: ChartAxes.widestLabel(of: yScale), hasAxisTitle: !yTitle.isEmpty),
            top: frame.plotTop, right: size.width - ChartFrame.padding - 12,
            bottom: frame.plotBottom(hasAxisTitle: !xTitle.isEmpty))
        var xs = drawable.map(\.x)
        if let xCovering, xAxis == .linear || xCovering.lowerBound > 0 {
            xs += [xCovering.lowerBound, xCovering.upperBound].filter(\.isFinite)
        }
        if let marker, marker.x.isFinite, xAxis == .linear || marker.x > 0 { xs.append(marker.x) }
        let (xScale, ticks) = xScaleAndTicks(xs: xs, width: area.width)
        let labels = ticks.map(xScale.label(for:))
        area.right = min(area.right, size.width - 4 - TextMetrics.width(labels.last ?? "", fontSize: ChartFrame.tickFontSize) / 2)

        document.append(contentsOf: ChartAxes.yAxis(yScale, area: area, title: yTitle))
        document.append(contentsOf: ChartAxes.xAxis(xScale, ticks: ticks, labels: labels, area: area,
                                                    title: xTitle.isEmpty ? nil : xTitle, chartHeight: size.height))
        if let marker, let f = xScale.fraction(of: marker.x) {
            document.append(contentsOf: markerElements(marker, x: area.x(f), area: area))
        }
        for index in series.indices {
            document.append(seriesElement(index, xScale: xScale, yScale: yScale, area: area))
        }
        return document
    }

    /// The x scale and the ticks to draw: explicit ticks, a logarithmic axis, or the densest
    /// nice linear ticks whose labels fit side by side in `width`.
    func xScaleAndTicks(xs: [Double], width: Double) -> (AxisScale, [Double]) {
        let low = xs.min()!, high = xs.max()!
        if let explicit = xTicks?.filter({ $0.isFinite && (xAxis == .linear || $0 > 0) }), !explicit.isEmpty {
            let all = xs + explicit
            let lower = all.min()!, upper = all.max()!
            let scale = xAxis == .linear
                ? AxisScale.linear(covering: lower, upper, integerSteps: integerX)
                : AxisScale.logarithmic(covering: lower, upper)
            let trimmed = AxisScale(kind: scale.kind, lower: lower == upper ? scale.lower : lower,
                                    upper: lower == upper ? scale.upper : upper,
                                    ticks: explicit.sorted(), step: scale.step)
            return (trimmed, trimmed.ticks)
        }
        if xAxis == .logarithmic {
            let scale = AxisScale.logarithmic(covering: low, high)
            return (scale, scale.ticks)
        }
        var target = 10
        while true {
            let scale = AxisScale.linear(covering: low, high, targetTickCount: target, integerSteps: integerX)
            let spacing = width / Double(max(1, scale.ticks.count - 1))
            if target <= 2 || ChartAxes.widestLabel(of: scale) + 14 <= spacing { return (scale, scale.ticks) }
            target -= 1
        }
    }

    /// The dashed vertical line of `marker` at pixel column `x`, labelled just above the plot
    /// (where no data can hide it), towards the side with more room.
    func markerElements(_ marker: ChartMarker, x: Double, area: PlotArea) -> [SVGElement] {
        let onRight = x > area.x(0.6)
        return [.group(["class": "marker"], [
            SVGElement("line", [
                "x1": SVGNumber.format(x), "y1": SVGNumber.format(area.top - 12), "x2": SVGNumber.format(x),
                "y2": SVGNumber.format(area.bottom), "stroke": ChartPalette.marker, "stroke-width": "1.2",
                "stroke-dasharray": "5 4",
            ]),
            SVGElement("text", [
                "x": SVGNumber.format(onRight ? x - 5 : x + 5), "y": SVGNumber.format(area.top - 3),
                "text-anchor": onRight ? "end" : "start", "font-size": "12", "fill": ChartPalette.marker,
                "stroke": "#ffffff", "stroke-width": "3", "paint-order": "stroke",
            ], text: marker.label),
        ])]
    }

    /// Series `index` as broken polyline paths plus dots, each dot with a tooltip.
    func seriesElement(_ index: Int, xScale: AxisScale, yScale: AxisScale, area: PlotArea) -> SVGElement {
        let line = series[index], color = color(of: index)
        var runs: [[(Double, Double, ChartPoint)]] = [[]]
        for point in line.points {
            if isDrawable(point), let fx = xScale.fraction(of: point.x), let fy = yScale.fraction(of: point.y) {
                runs[runs.count - 1].append((area.x(fx), area.y(fy), point))
            } else if !runs[runs.count - 1].isEmpty {
                runs.append([])
            }
        }
        var children: [SVGElement] = [SVGElement("title", text: line.name)]
        for run in runs where run.count > 1 {
            let d = run.enumerated().map { offset, p in
                (offset == 0 ? "M" : "L") + SVGNumber.format(p.0) + " " + SVGNumber.format(p.1)
            }.joined(separator: " ")
            var path = SVGElement("path", [
                "d": d, "fill": "none", "stroke": color, "stroke-width": "2",
                "stroke-linejoin": "round", "stroke-linecap": "round",
            ])
            if let dashArray = line.dash.dashArray { path.set("stroke-dasharray", dashArray) }
            children.append(path)
        }
        let drawableCount = runs.map(\.count).reduce(0, +)
        for run in runs where drawableCount <= dotThreshold || run.count == 1 {
            for (x, y, point) in run {
                children.append(SVGElement("circle", [
                    "cx": SVGNumber.format(x), "cy": SVGNumber.format(y), "r": run.count == 1 ? "4" : "3", "fill": color,
                    "stroke": "#ffffff", "stroke-width": "1",
                ], children: [SVGElement("title", text: "\(line.name) at \(Self.valueText(point.x)): \(Self.valueText(point.y))")]))
            }
        }
        return .group(["class": "series"], children)
    }

    /// A value for a tooltip, with four significant digits.
    static func valueText(_ value: Double) -> String {
        ReportFormat.number(value, significant: 4)
    }
}
