import Foundation

/// Locale-independent number and duration formatting for charts and tables.
enum ReportFormat {
    /// `value` with `decimals` decimals; "NaN", "∞" or "−∞" when not finite.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return nonFinite(value) }
        let text = String(format: "%.\(max(0, decimals))f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// `value` with about `significant` significant digits, without exponent between 10⁻⁴ and
    /// 10⁹ and without trailing zeros: `0.1712`, `12.5`, `3`, `2.5e-05`.
    static func number(_ value: Double, significant: Int = 4) -> String {
        guard value.isFinite else { return nonFinite(value) }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        guard magnitude >= 1e-4, magnitude < 1e9 else { return String(format: "%.\(significant - 1)e", value) }
        let exponent = Int(log10(magnitude).rounded(.down))
        let decimals = max(0, significant - 1 - exponent)
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A metric value for tables: four decimals.
    static func metric(_ value: Double) -> String { fixed(value, decimals: 4) }

    /// A duration: `0.42 s`, `12.3 s`, `4 min 05 s`, `2 h 03 min`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return nonFinite(seconds) }
        if seconds < 10 { return fixed(seconds, decimals: 2) + " s" }
        if seconds < 60 { return fixed(seconds, decimals: 1) + " s" }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return String(format: "%d min %02d s", whole / 60, whole % 60) }
        return String(format: "%d h %02d min", whole / 3600, (whole % 3600) / 60)
    }

    /// The text of a non-finite value.
    static func nonFinite(_ value: Double) -> String {
        value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞")
    }
}
