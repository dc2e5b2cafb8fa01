/// Formatting of coordinates and lengths for SVG attributes: at most two decimals, no trailing
/// zeros, no exponent, never `nan` (non-finite values become 0 so that a document stays valid).
enum SVGNumber {
    /// `value` rounded to 0.01, e.g. `12`, `12.5`, `-0.25`.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = (value * 100).rounded()
        if hundredths == 0 { return "0" }
        let negative = hundredths < 0
        let magnitude = Int(abs(hundredths).clamped(to: 0...9e15))
        let whole = magnitude / 100, fraction = magnitude % 100
        var text = (negative ? "-" : "") + String(whole)
        if fraction != 0 {
            let digits = fraction < 10 ? "0\(fraction)" : "\(fraction)"
            text += "." + (digits.hasSuffix("0") ? String(digits.dropLast()) : digits)
        }
        return text
    }
}

extension Comparable {
    /// The value limited to `range`.
    func clamped(to range: ClosedRange<Self>) -> Self {
        min(max(self, range.lowerBound), range.upperBound)
    }
}
