/// The rectangle inside a chart's axes, in pixels (y grows downwards, as in SVG).
struct PlotArea: Equatable {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double

    var width: Double { right - left }
    var height: Double { bottom - top }

    /// The pixel column at horizontal fraction `f` (0 = left edge).
    func x(_ f: Double) -> Double { left + f * width }
    /// The pixel row at vertical fraction `f` (0 = bottom edge, 1 = top edge).
    func y(_ f: Double) -> Double { bottom - f * height }
}
