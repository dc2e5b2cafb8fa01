import Foundation

/// A duration after which an event counts half as much: `30d`, `12h`, `90m`, `45s`, `2w`.
public struct HalfLife: Sendable, Equatable, CustomStringConvertible {
    /// The duration in seconds (positive).
    public let seconds: Double

    /// A half-life of `seconds` (must be positive and finite).
    public init(seconds: Double) throws {
        guard seconds.isFinite, seconds > 0 else { throw EventWeightingError("a half-life must be positive, got \(seconds) s") }
        self.seconds = seconds
    }

    /// Parses a number followed by a unit: `s`, `m`, `h`, `d` or `w` (`1.5d` is allowed).
    /// Throws `EventWeightingError` naming the text and the expected form.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        guard let unit = trimmed.last, let factor = units[Character(unit.lowercased())],
              let number = Double(trimmed.dropLast()), number.isFinite, number > 0
        else {
            throw EventWeightingError("half-life '\(text)': expected a positive number and a unit s, m, h, d or w (e.g. 30d, 12h, 90m)")
        }
        try self.init(seconds: number * factor)
    }

    /// The factor of an event `ageSeconds` old: 0.5^(age / half-life) (1 at age 0; ages below
    /// zero, events newer than the reference, count fully).
    public func decay(ageSeconds: Double) -> Double {
        pow(0.5, max(ageSeconds, 0) / seconds)
    }

    /// The shortest form: `30d`, `12h`, `90m`, or seconds.
    public var description: String {
        for (unit, factor) in [("w", 604_800.0), ("d", 86_400), ("h", 3600), ("m", 60)]
        where seconds >= factor && (seconds / factor).rounded() == seconds / factor {
            return "\(Int(seconds / factor))\(unit)"
        }
        return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }
}
