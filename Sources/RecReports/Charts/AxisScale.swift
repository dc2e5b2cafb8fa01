import Foundation

/// How an axis maps values to positions.
public enum AxisKind: String, Sendable, Equatable, CaseIterable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios (base 10); values ≤ 0 cannot be shown.
    case logarithmic
}

/// A numeric axis: its kind, the domain it spans and its tick values.
///
/// Linear ticks are "nice": multiples of a step `s ∈ {1, 2, 5} · 10ⁿ`, and the domain is widened
/// to whole steps, so `lower = ticks.first ≤` every value `≤ ticks.last = upper`. Logarithmic
/// ticks are the 1-2-5 sequence (`…, 0.1, 0.2, 0.5, 1, 2, …`) when the data span at most two
/// decades, and powers of ten otherwise.
public struct AxisScale: Sendable, Equatable {
    /// Linear or logarithmic.
    public let kind: AxisKind
    /// Smallest value of the axis.
    public let lower: Double
    /// Largest value of the axis.
    public let upper: Double
    /// Tick values, ascending, within `lower...upper`.
    public let ticks: [Double]
    /// Linear step between ticks (for a logarithmic axis, the step in powers of ten).
    public let step: Double

    /// A linear axis covering `minimum...maximum` with about `targetTickCount` intervals.
    ///
    /// Non-finite bounds give `0...1`. Equal bounds are widened by 10% of their magnitude (or to
    /// `0...1` for zero). With `integerSteps`, the step is at least 1 (for epochs or K), and a
    /// single value `v` is shown on `v−1...v+1`.
    public static func linear(covering minimum: Double, _ maximum: Double, targetTickCount: Int = 5,
                              integerSteps: Bool = false) -> AxisScale {
        var low = minimum, high = maximum
        if !low.isFinite || !high.isFinite { (low, high) = (0, 1) }
        if low > high { swap(&low, &high) }
        if low == high {
            if integerSteps {
                (low, high) = (low - 1, high + 1)
            } else if low == 0 {
                high = 1
            } else {
                let pad = abs(low) * 0.1
                (low, high) = (low - pad, high + pad)
            }
        }
        var step = niceStep(covering: (high - low) / Double(max(1, targetTickCount)))
        if integerSteps { step = max(step, 1) }
        let first = (low / step + 1e-9).rounded(.down), last = (high / step - 1e-9).rounded(.up)
        let count = Int(last - first) + 1
        let ticks = (0..<count).map { roundToStep((first + Double($0)) * step, step: step) }
        return AxisScale(kind: .linear, lower: ticks.first!, upper: ticks.last!, ticks: ticks, step: step)
    }

    /// The smallest number `{1, 2, 5} · 10ⁿ` that is at least `raw` (1 for non-positive input).
    public static func niceStep(covering raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let normalised = raw / magnitude
        let factor: Double = normalised <= 1 + 1e-9 ? 1 : normalised <= 2 + 1e-9 ? 2 : normalised <= 5 + 1e-9 ? 5 : 10
        return factor * magnitude
    }

    /// `value` rounded to the decimals of `step`, so that `3 × 0.1` prints as `0.3`.
    static func roundToStep(_ value: Double, step: Double) -> Double {
        let decimals = Self.decimals(of: step)
        guard decimals > 0 else { return value.rounded() == 0 ? 0 : value.rounded() }
        let scale = pow(10, Double(min(decimals, 15)))
        let rounded = (value * scale).rounded() / scale
        return rounded == 0 ? 0 : rounded
    }

    /// Decimals needed to write multiples of `step` exactly (0 for steps ≥ 1).
    static func decimals(of step: Double) -> Int {
        guard step > 0, step.isFinite, step < 1 else { return 0 }
        return Int((-log10(step) - 1e-9).rounded(.up))
    }

    /// The position of `value` on the axis as a fraction: 0 at `lower`, 1 at `upper`; `nil` when
    /// the value cannot be shown (not finite, or ≤ 0 on a logarithmic axis).
    public func fraction(of value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch kind {
        case .linear:
            return upper > lower ? (value - lower) / (upper - lower) : 0.5
        case .logarithmic:
            guard value > 0 else { return nil }
            let (a, b) = (log10(lower), log10(upper))
            return b > a ? (log10(value) - a) / (b - a) : 0.5
        }
    }

    /// The tick label of `value`: plain decimals for linear axes (as many as the step needs),
    /// and the shortest exact form for logarithmic ones (`0.001`, `20`, `1e-05` beyond 10⁻⁴).
    public func label(for value: Double) -> String {
        switch kind {
        case .linear:
            if abs(value) >= 1e6 || (step < 1e-4 && value != 0) { return Self.scientific(value) }
            return String(format: "%.\(Self.decimals(of: step))f", value)
        case .logarithmic:
            if value >= 1e-4 && value < 1e6 {
                let decimals = max(0, Int((-log10(value) - 1e-9).rounded(.up)))
                return String(format: "%.\(decimals)f", value)
            }
            return Self.scientific(value)
        }
    }

    /// `value` like `2e-05` or `1.5e+07`.
    static func scientific(_ value: Double) -> String {
        String(format: "%.3g", value)
    }
}
