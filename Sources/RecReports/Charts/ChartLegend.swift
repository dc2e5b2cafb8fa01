/// The legend of a chart: one entry per series, laid out in centred rows under the title and
/// wrapped to the chart's width.
struct ChartLegend {
    /// How an entry's sample is drawn.
    enum Symbol: Equatable {
        /// A short line with the series' dash pattern.
        case line(LineDash)
        /// A filled square, for bars.
        case box
    }

    /// One series' sample and name.
    struct Entry: Equatable {
        var name: String
        var color: String
        var symbol: Symbol
    }

    static let fontSize = 13.0
    static let rowHeight = 19.0
    static let sampleWidth = 22.0
    static let gap = 18.0

    /// The entries of each row, with each entry's left edge.
    let rows: [[(entry: Entry, x: Double, label: String)]]
    /// Top of the first row.
    let top: Double

    /// Lays out `entries` within `width` pixels (less `padding` each side), starting at `top`.
    init(entries: [Entry], width: Double, padding: Double, top: Double) {
        self.top = top
        let available = width - 2 * padding
        var rows: [[(entry: Entry, label: String, width: Double)]] = []
        var current: [(entry: Entry, label: String, width: Double)] = []
        var used = 0.0
        for entry in entries {
            let label = TextMetrics.truncated(entry.name, toWidth: available * 0.6, fontSize: Self.fontSize)
            let w = Self.sampleWidth + 6 + TextMetrics.width(label, fontSize: Self.fontSize)
            if !current.isEmpty && used + Self.gap + w > available {
                rows.append(current)
                current = []
                used = 0
            }
            used += (current.isEmpty ? 0 : Self.gap) + w
            current.append((entry, label, w))
        }
        if !current.isEmpty { rows.append(current) }
        self.rows = rows.map { row in
            let total = row.map(\.width).reduce(0, +) + Self.gap * Double(row.count - 1)
            var x = (width - total) / 2
            return row.map { item in
                defer { x += item.width + Self.gap }
                return (item.entry, x, item.label)
            }
        }
    }

    /// Bottom of the last row (equal to `top` without entries).
    var bottom: Double { top + Double(rows.count) * Self.rowHeight }

    /// The legend's drawing.
    var elements: [SVGElement] {
        var elements: [SVGElement] = []
        for (index, row) in rows.enumerated() {
            let middle = top + Double(index) * Self.rowHeight + Self.rowHeight / 2
            for item in row {
                switch item.entry.symbol {
                case .line(let dash):
                    var line = SVGElement("line", [
                        "x1": SVGNumber.format(item.x), "y1": SVGNumber.format(middle),
                        "x2": SVGNumber.format(item.x + Self.sampleWidth), "y2": SVGNumber.format(middle),
                        "stroke": item.entry.color, "stroke-width": "2.5",
                    ])
                    if let dashArray = dash.dashArray { line.set("stroke-dasharray", dashArray) }
                    elements.append(line)
                case .box:
                    elements.append(SVGElement("rect", [
                        "x": SVGNumber.format(item.x + 5), "y": SVGNumber.format(middle - 6),
                        "width": "12", "height": "12", "rx": "2", "fill": item.entry.color,
                    ]))
                }
                elements.append(SVGElement("text", [
                    "x": SVGNumber.format(item.x + Self.sampleWidth + 6), "y": SVGNumber.format(middle + 4),
                    "font-size": SVGNumber.format(Self.fontSize), "fill": ChartPalette.text,
                ], text: item.label))
            }
        }
        return elements.isEmpty ? [] : [.group(["class": "legend"], elements)]
    }
}
