/// What every chart shares: the title, the legend below it and the vertical space left for the
/// plot, plus the "no data" placeholder.
struct ChartFrame {
    static let padding = 14.0
    static let titleFontSize = 17.0
    static let tickFontSize = 12.0
    static let axisTitleFontSize = 13.0

    let size: ChartSize
    let title: String
    let legend: ChartLegend
    /// Extra space between the legend and the plot (for a marker's label).
    let roomAbovePlot: Double

    /// Lays out the title and a legend of `entries` for a chart of `size`, leaving
    /// `roomAbovePlot` more pixels above the plot.
    init(size: ChartSize, title: String, entries: [ChartLegend.Entry], roomAbovePlot: Double = 0) {
        self.size = size
        self.title = title
        self.roomAbovePlot = roomAbovePlot
        legend = ChartLegend(entries: entries, width: size.width, padding: Self.padding, top: 36)
    }

    /// Top of the plot: below the legend.
    var plotTop: Double { legend.bottom + 14 + roomAbovePlot }

    /// Bottom of the plot: room for tick labels and, with `hasAxisTitle`, the x-axis title.
    func plotBottom(hasAxisTitle: Bool) -> Double {
        size.height - (hasAxisTitle ? 48 : 30)
    }

    /// Left edge of the plot for y tick labels up to `tickLabelWidth` wide and, with
    /// `hasAxisTitle`, a rotated y-axis title.
    func plotLeft(tickLabelWidth: Double, hasAxisTitle: Bool) -> Double {
        Self.padding + (hasAxisTitle ? 22 : 0) + tickLabelWidth + 10
    }

    /// A new document with the background, the title and the legend.
    func document() -> SVGDocument {
        var document = SVGDocument(width: size.width, height: size.height, title: title)
        let shown = TextMetrics.truncated(title, toWidth: size.width - 2 * Self.padding,
                                          fontSize: Self.titleFontSize)
        document.append(SVGElement("text", [
            "x": SVGNumber.format(size.width / 2), "y": "24", "text-anchor": "middle",
            "font-size": SVGNumber.format(Self.titleFontSize), "font-weight": "bold",
            "fill": ChartPalette.text,
        ], text: shown))
        document.append(contentsOf: legend.elements)
        return document
    }

    /// The placeholder drawn instead of a plot without data: a light frame saying "no data".
    func noDataElements(hasAxisTitle: Bool) -> [SVGElement] {
        let area = PlotArea(left: Self.padding + 40, top: plotTop, right: size.width - Self.padding - 20,
                            bottom: plotBottom(hasAxisTitle: hasAxisTitle))
        return [
            SVGElement("rect", [
                "x": SVGNumber.format(area.left), "y": SVGNumber.format(area.top),
                "width": SVGNumber.format(area.width), "height": SVGNumber.format(area.height),
                "fill": "#fafafa", "stroke": ChartPalette.grid,
            ]),
            SVGElement("text", [
                "class": "no-data", "x": SVGNumber.format(area.x(0.5)), "y": SVGNumber.format(area.y(0.5) + 6),
                "text-anchor": "middle", "font-size": "16", "fill": ChartPalette.mutedText,
            ], text: "no data"),
        ]
    }
}
