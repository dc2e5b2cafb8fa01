/// One named series of a `BarChart`: a value per group (NaN or ±∞ for a missing bar).
public struct BarSeries: Sendable, Equatable {
    /// Legend label.
    public var name: String
    /// One value per group of the chart, in the chart's group order.
    public var values: [Double]
    /// CSS colour; `nil` takes the palette's colour for the series' position.
    public var color: String?

    /// A series of values.
    public init(name: String, values: [Double], color: String? = nil) {
        self.name = name
        self.values = values
        self.color = color
    }
}

/// How a bar chart writes its value labels.
public enum BarValueFormat: Sendable, Equatable {
    /// A fixed number of decimals, as for metrics (`0.171`).
    case decimals(Int)
    /// About this many significant digits without trailing zeros, as for times (`3480`, `0.4`).
    case significant(Int)
}

/// A grouped bar chart: for each group (x category) one bar per series, drawn as SVG.
///
/// Bars grow from zero (the y axis always includes 0). Value labels sit on the bars' ends,
/// horizontal when they fit the bar's width and rotated otherwise, and the axis leaves room for
/// them. Missing values (non-finite, or a series shorter than the groups) draw no bar; a chart
/// without any value says "no data".
public struct BarChart: Sendable, Equatable {
    /// Heading above the legend.
    public var title: String
    /// Title under the group labels (`nil`: none).
    public var xTitle: String?
    /// Rotated title left of the y axis.
    public var yTitle: String
    /// Category labels along the x axis.
    public var groups: [String]
    /// The series; bar `j` of group `i` is `series[j].values[i]`.
    public var series: [BarSeries]
    /// Whether each bar shows its value.
    public var showsValues = true
    /// How value labels are written.
    public var valueFormat = BarValueFormat.decimals(3)
    /// Pixel size.
    public var size = ChartSize.standard

    static let valueFontSize = 10.5

    /// A chart of `series` over `groups`.
    public init(title: String, xTitle: String? = nil, yTitle: String, groups: [String], series: [BarSeries]) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.groups = groups
        self.series = series
    }

    /// The colour of series `index`.
    func color(of index: Int) -> String { series[index].color ?? ChartPalette.color(index) }

    /// The value of series `s` in group `g`, if it can be drawn.
    func value(series s: Int, group g: Int) -> Double? {
        guard g < series[s].values.count, series[s].values[g].isFinite else { return nil }
        return series[s].values[g]
    }

    /// The value label of `value`.
    func label(_ value: Double) -> String {
        switch valueFormat {
        case .decimals(let decimals): ReportFormat.fixed(value, decimals: decimals)
        case .significant(let digits): ReportFormat.number(value, significant: digits)
        }
    }

    /// The chart as an SVG picture.
    public func svg() -> SVGDocument {
        let entries = series.indices.map { ChartLegend.Entry(name: series[$0].name, color: color(of: $0), symbol: .box) }
        let frame = ChartFrame(size: size, title: title, entries: entries)
        var document = frame.document()
        let values = series.indices.flatMap { s in groups.indices.compactMap { value(series: s, group: $0) } }
        guard !values.isEmpty, !series.isEmpty else {
            document.append(contentsOf: frame.noDataElements(hasAxisTitle: xTitle != nil))
            return document
        }
        let top = frame.plotTop, bottom = frame.plotBottom(hasAxisTitle: xTitle != nil)
        let estimatedWidth = size.width - 2 * ChartFrame.padding - 80
        let barWidth = Self.barWidth(groupWidth: estimatedWidth / Double(groups.count), seriesCount: series.count)
        let widestValue = values.map { TextMetrics.width(label($0), fontSize: Self.valueFontSize) }.max()!
        let rotated = widestValue + 2 > barWidth
        let room = showsValues ? (rotated ? widestValue + 8 : 16) : 0
        let yScale = Self.scale(values: values, room: room, plotHeight: bottom - top)
        let area = PlotArea(
            left: frame.plotLeft(tickLabelWidth: ChartAxes.widestLabel(of: yScale), hasAxisTitle: !yTitle.isEmpty),
            top: top, right: size.width - ChartFrame.padding - 4, bottom: bottom)
        document.append(contentsOf: ChartAxes.yAxis(yScale, area: area, title: yTitle))
        document.append(contentsOf: barElements(area: area, yScale: yScale, rotatedLabels: rotated))
        document.append(ChartAxes.axisLine(x1: area.left, y1: area.bottom, x2: area.right, y2: area.bottom))
        if let xTitle { document.append(ChartAxes.xTitle(xTitle, area: area, chartHeight: size.height)) }
        return document
    }

    /// Width of one bar: the group's width less 25% gap, shared by the series, at most 56 px.
    static func barWidth(groupWidth: Double, seriesCount: Int) -> Double {
        min(56, groupWidth * 0.75 / Double(max(1, seriesCount)))
    }

    /// A y scale including zero whose ends leave `room` pixels beyond the extreme values.
    static func scale(values: [Double], room: Double, plotHeight: Double) -> AxisScale {
        let low = min(0, values.min()!), high = max(0, values.max()!)
        var (lower, upper) = (low, high)
        var scale = AxisScale.linear(covering: lower, upper, targetTickCount: 5)
        for _ in 0..<6 {
            let perPixel = (scale.upper - scale.lower) / max(1, plotHeight)
            let needHigh = high > 0 && (scale.upper - high) / perPixel < room
            let needLow = low < 0 && (low - scale.lower) / perPixel < room
            guard needHigh || needLow else { break }
            if needHigh { upper = high + room * perPixel }
            if needLow { lower = low - room * perPixel }
            scale = AxisScale.linear(covering: lower, upper, targetTickCount: 5)
        }
        return scale
    }

    /// The bars, their value labels and the group labels.
    func barElements(area: PlotArea, yScale: AxisScale, rotatedLabels: Bool) -> [SVGElement] {
        let groupWidth = area.width / Double(groups.count)
        let barWidth = Self.barWidth(groupWidth: groupWidth, seriesCount: series.count)
        let zero = area.y(yScale.fraction(of: 0) ?? 0)
        var bars: [SVGElement] = [], labels: [SVGElement] = [], groupLabels: [SVGElement] = []
        for g in groups.indices {
            let centre = area.left + (Double(g) + 0.5) * groupWidth
            let start = centre - barWidth * Double(series.count) / 2
            for s in series.indices {
                guard let v = value(series: s, group: g), let f = yScale.fraction(of: v) else { continue }
                let x = start + Double(s) * barWidth, end = area.y(f)
                bars.append(SVGElement("rect", [
                    "x": SVGNumber.format(x + 0.5), "y": SVGNumber.format(min(end, zero)),
                    "width": SVGNumber.format(max(1, barWidth - 1)), "height": SVGNumber.format(abs(zero - end)),
                    "fill": color(of: s),
                ], children: [SVGElement("title", text: "\(series[s].name), \(groups[g]): \(label(v))")]))
                if showsValues { labels.append(valueLabel(v, x: x + barWidth / 2, end: end, rotated: rotatedLabels)) }
            }
            groupLabels.append(SVGElement("text", [
                "x": SVGNumber.format(centre), "y": SVGNumber.format(area.bottom + 17), "text-anchor": "middle",
                "font-size": SVGNumber.format(ChartFrame.tickFontSize + 1), "fill": ChartPalette.text,
            ], text: TextMetrics.truncated(groups[g], toWidth: groupWidth - 6, fontSize: ChartFrame.tickFontSize + 1)))
        }
        return [.group(["class": "bars"], bars), .group(["class": "values"], labels),
                .group(["class": "groups"], groupLabels)]
    }

    /// The label of value `v` at the end of its bar (`end` is the bar end's pixel row).
    func valueLabel(_ v: Double, x: Double, end: Double, rotated: Bool) -> SVGElement {
        let up = v >= 0
        var attributes: [(String, String)]
        if rotated {
            let y = up ? end - 4 : end + 4
            attributes = [("x", SVGNumber.format(x + 3.5)), ("y", SVGNumber.format(y)),
                          ("text-anchor", up ? "start" : "end"),
                          ("transform", "rotate(-90 \(SVGNumber.format(x + 3.5)) \(SVGNumber.format(y)))")]
        } else {
            attributes = [("x", SVGNumber.format(x)), ("y", SVGNumber.format(up ? end - 4 : end + 12)),
                          ("text-anchor", "middle")]
        }
        attributes += [("font-size", SVGNumber.format(Self.valueFontSize)), ("fill", ChartPalette.mutedText)]
        var element = SVGElement("text", text: label(v))
        for (name, value) in attributes { element.set(name, value) }
        return element
    }
}
