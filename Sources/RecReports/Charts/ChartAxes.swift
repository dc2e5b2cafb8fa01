/// Drawing of numeric axes: grid lines, axis lines, tick marks, tick labels and axis titles.
enum ChartAxes {
    /// Widest tick label of `scale`, in pixels.
    static func widestLabel(of scale: AxisScale, labels: [String]? = nil) -> Double {
        (labels ?? scale.ticks.map(scale.label(for:)))
            .map { TextMetrics.width($0, fontSize: ChartFrame.tickFontSize) }.max() ?? 0
    }

    /// Horizontal grid lines, the left axis line, tick labels and the rotated title of a y axis.
    static func yAxis(_ scale: AxisScale, area: PlotArea, title: String?) -> [SVGElement] {
        var grid: [SVGElement] = [], labels: [SVGElement] = []
        for tick in scale.ticks {
            guard let f = scale.fraction(of: tick) else { continue }
            let y = SVGNumber.format(area.y(f))
            grid.append(SVGElement("line", [
                "x1": SVGNumber.format(area.left), "y1": y, "x2": SVGNumber.format(area.right), "y2": y,
                "stroke": ChartPalette.grid, "stroke-width": "1",
            ]))
            labels.append(SVGElement("text", [
                "x": SVGNumber.format(area.left - 7), "y": SVGNumber.format(area.y(f) + 4),
                "text-anchor": "end", "font-size": SVGNumber.format(ChartFrame.tickFontSize),
                "fill": ChartPalette.mutedText,
            ], text: scale.label(for: tick)))
        }
        var elements: [SVGElement] = [.group(["class": "grid"], grid)]
        elements.append(axisLine(x1: area.left, y1: area.top, x2: area.left, y2: area.bottom))
        elements.append(.group(["class": "y-ticks"], labels))
        if let title, !title.isEmpty {
            let x = ChartFrame.padding + 12, y = area.y(0.5)
            elements.append(SVGElement("text", [
                "x": SVGNumber.format(x), "y": SVGNumber.format(y), "text-anchor": "middle",
                "transform": "rotate(-90 \(SVGNumber.format(x)) \(SVGNumber.format(y)))",
                "font-size": SVGNumber.format(ChartFrame.axisTitleFontSize), "fill": ChartPalette.text,
            ], text: TextMetrics.truncated(title, toWidth: area.height, fontSize: ChartFrame.axisTitleFontSize)))
        }
        return elements
    }

    /// Vertical grid lines, the bottom axis line, tick marks and labels and the title of a
    /// numeric x axis. Labels that would overlap are thinned to every second, third… tick.
    static func xAxis(_ scale: AxisScale, ticks: [Double], labels: [String], area: PlotArea,
                      title: String?, chartHeight: Double) -> [SVGElement] {
        let positions = ticks.map { scale.fraction(of: $0).map(area.x) }
        let every = labelStride(positions: positions.compactMap { $0 }, labels: labels)
        var grid: [SVGElement] = [], marks: [SVGElement] = []
        for (index, position) in positions.enumerated() {
            guard let x = position else { continue }
            let xs = SVGNumber.format(x)
            grid.append(SVGElement("line", [
                "x1": xs, "y1": SVGNumber.format(area.top), "x2": xs, "y2": SVGNumber.format(area.bottom),
                "stroke": ChartPalette.grid, "stroke-width": "1",
            ]))
            marks.append(SVGElement("line", [
                "x1": xs, "y1": SVGNumber.format(area.bottom), "x2": xs, "y2": SVGNumber.format(area.bottom + 4),
                "stroke": ChartPalette.axis, "stroke-width": "1",
            ]))
            if index % every == 0 {
                marks.append(SVGElement("text", [
                    "x": xs, "y": SVGNumber.format(area.bottom + 17), "text-anchor": "middle",
                    "font-size": SVGNumber.format(ChartFrame.tickFontSize), "fill": ChartPalette.mutedText,
                ], text: labels[index]))
            }
        }
        var elements: [SVGElement] = [.group(["class": "grid"], grid)]
        elements.append(axisLine(x1: area.left, y1: area.bottom, x2: area.right, y2: area.bottom))
        elements.append(.group(["class": "x-ticks"], marks))
        if let title { elements.append(xTitle(title, area: area, chartHeight: chartHeight)) }
        return elements
    }

    /// The title under an x axis.
    static func xTitle(_ title: String, area: PlotArea, chartHeight: Double) -> SVGElement {
        SVGElement("text", [
            "x": SVGNumber.format(area.x(0.5)), "y": SVGNumber.format(chartHeight - 12),
            "text-anchor": "middle", "font-size": SVGNumber.format(ChartFrame.axisTitleFontSize),
            "fill": ChartPalette.text,
        ], text: TextMetrics.truncated(title, toWidth: area.width, fontSize: ChartFrame.axisTitleFontSize))
    }

    /// A dark axis line.
    static func axisLine(x1: Double, y1: Double, x2: Double, y2: Double) -> SVGElement {
        SVGElement("line", [
            "x1": SVGNumber.format(x1), "y1": SVGNumber.format(y1),
            "x2": SVGNumber.format(x2), "y2": SVGNumber.format(y2),
            "stroke": ChartPalette.axis, "stroke-width": "1",
        ])
    }

    /// Label every n-th tick so that neighbouring labels keep 10 px apart.
    static func labelStride(positions: [Double], labels: [String]) -> Int {
        guard positions.count > 1 else { return 1 }
        let widest = labels.map { TextMetrics.width($0, fontSize: ChartFrame.tickFontSize) }.max() ?? 0
        let spacing = zip(positions.dropFirst(), positions).map { $0 - $1 }.min() ?? .infinity
        guard spacing > 0 else { return positions.count }
        return max(1, Int(((widest + 10) / spacing).rounded(.up)))
    }
}
