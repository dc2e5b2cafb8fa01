/// The colours of every chart: Tableau 10, distinguishable by most colour-blind readers in its
/// first six entries and familiar from matplotlib, plus the greys of text, axes and grid.
public enum ChartPalette {
    /// Series colours in order of use; series beyond ten reuse them.
    public static let series = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    ]

    /// Colour of series number `index` (0-based).
    public static func color(_ index: Int) -> String {
        series[((index % series.count) + series.count) % series.count]
    }

    /// Titles and axis titles.
    static let text = "#222222"
    /// Tick labels and secondary text.
    static let mutedText = "#555555"
    /// Axis lines and tick marks.
    static let axis = "#444444"
    /// Grid lines.
    static let grid = "#e3e3e3"
    /// Marker lines.
    static let marker = "#333333"
}

/// Width and height of a chart in pixels.
public struct ChartSize: Sendable, Equatable {
    /// Width in pixels.
    public var width: Double
    /// Height in pixels.
    public var height: Double

    /// A size.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// 720 × 400, the size of every chart in the reports.
    public static let standard = ChartSize(width: 720, height: 400)
}
