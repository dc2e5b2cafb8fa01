/// One (x, y) value of a line chart.
public struct ChartPoint: Sendable, Equatable {
    /// Horizontal value.
    public var x: Double
    /// Vertical value.
    public var y: Double

    /// A point.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// Stroke pattern of a line.
public enum LineDash: String, Sendable, Equatable, CaseIterable {
    /// Unbroken.
    case solid
    /// Long dashes.
    case dashed
    /// Short dots.
    case dotted

    /// The SVG `stroke-dasharray` value, `nil` for solid.
    var dashArray: String? {
        switch self {
        case .solid: nil
        case .dashed: "7 4"
        case .dotted: "2 3"
        }
    }
}

/// A named line of a `LineChart`.
///
/// Points whose x or y is not finite (or not positive on a logarithmic axis) are skipped, and
/// the line is broken there rather than joined across the gap.
public struct ChartSeries: Sendable, Equatable {
    /// Legend label.
    public var name: String
    /// Values in drawing order.
    public var points: [ChartPoint]
    /// CSS colour; `nil` takes the next colour of `ChartPalette`.
    public var color: String?
    /// Stroke pattern.
    public var dash: LineDash

    /// A series from its points.
    public init(name: String, points: [ChartPoint], color: String? = nil, dash: LineDash = .solid) {
        self.name = name
        self.points = points
        self.color = color
        self.dash = dash
    }

    /// A series from (x, y) pairs.
    public init(name: String, values: [(x: Double, y: Double)], color: String? = nil,
                dash: LineDash = .solid) {
        self.init(name: name, points: values.map { ChartPoint(x: $0.x, y: $0.y) }, color: color, dash: dash)
    }
}

/// A vertical line across a line chart at `x`, labelled, e.g. the selected epoch.
public struct ChartMarker: Sendable, Equatable {
    /// Position on the x axis.
    public var x: Double
    /// Text next to the line's top.
    public var label: String

    /// A marker at `x`.
    public init(x: Double, label: String) {
        self.x = x
        self.label = label
    }
}
