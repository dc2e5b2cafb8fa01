import Foundation

extension AxisScale {
    /// A logarithmic axis covering the positive values `minimum...maximum`.
    ///
    /// Data within two decades get 1-2-5 ticks and a domain trimmed to the ticks around the
    /// data (K from 10 to 50 gives `10, 20, 50`); wider data get powers of ten, every one up to
    /// six decades and every second, third… beyond. Non-positive or non-finite bounds give `1...10`.
    public static func logarithmic(covering minimum: Double, _ maximum: Double) -> AxisScale {
        var low = minimum, high = maximum
        if !(low > 0 && low.isFinite) || !(high > 0 && high.isFinite) { (low, high) = (1, 10) }
        if low > high { swap(&low, &high) }
        var lowExponent = Int(log10(low).rounded(.down))
        var highExponent = Int(log10(high).rounded(.up))
        if pow(10, Double(lowExponent)) > low { lowExponent -= 1 }
        if pow(10, Double(highExponent)) < high { highExponent += 1 }
        if lowExponent == highExponent { highExponent += 1 }
        let decades = highExponent - lowExponent
        if decades <= 2 {
            var candidates: [Double] = []
            for exponent in lowExponent...highExponent {
                for mantissa in [1.0, 2.0, 5.0] {
                    candidates.append(roundToPower(mantissa * pow(10, Double(exponent)), exponent: exponent))
                }
            }
            let start = candidates.lastIndex { $0 <= low * (1 + 1e-12) } ?? 0
            let end = candidates.firstIndex { $0 >= high * (1 - 1e-12) } ?? candidates.count - 1
            var ticks = Array(candidates[start...max(start + 1, end)])
            if ticks.count < 2 { ticks = [candidates[start], candidates[start + 1]] }
            return AxisScale(kind: .logarithmic, lower: ticks.first!, upper: ticks.last!, ticks: ticks, step: 1)
        }
        let every = (decades + 5) / 6
        lowExponent = Int((Double(lowExponent) / Double(every)).rounded(.down)) * every
        highExponent = Int((Double(highExponent) / Double(every)).rounded(.up)) * every
        let ticks = stride(from: lowExponent, through: highExponent, by: every).map {
            roundToPower(pow(10, Double($0)), exponent: $0)
        }
        return AxisScale(kind: .logarithmic, lower: ticks.first!, upper: ticks.last!, ticks: ticks,
                         step: Double(every))
    }

    /// `value` with the binary noise of `pow` removed, e.g. `0.30000000000000004` → `0.3`.
    private static func roundToPower(_ value: Double, exponent: Int) -> Double {
        guard exponent < 0 else { return value.rounded() }
        let scale = pow(10, Double(-exponent))
        return (value * scale).rounded() / scale
    }
}
