import Foundation

/// Event times as senders write them: Unix seconds (a number, fractions allowed) or an
/// ISO-8601 date-time with a zone (`2026-12-03T07:42:17Z`, `…17.250+01:00`).
enum EventTimestamp {
    /// The largest accepted Unix time in seconds (year 5138): a larger number is almost surely
    /// milliseconds, and is refused with a hint rather than stored a thousand times too late.
    static let maximumSeconds: Double = 1e11

    /// Milliseconds since 1970 of a number of seconds, or the reason it is refused.
    static func milliseconds(seconds: Double) -> Result<Int64, Refusal> {
        guard seconds.isFinite, seconds >= 0 else {
            return .failure(Refusal("expected a non-negative Unix time in seconds, got \(shown(seconds))"))
        }
        guard seconds < maximumSeconds else {
            return .failure(Refusal("\(shown(seconds)) is too large for Unix seconds (milliseconds? divide by 1000)"))
        }
        return .success(Int64((seconds * 1000).rounded()))
    }

    /// `x` as written: whole numbers without a fraction.
    private static func shown(_ x: Double) -> String {
        x.isFinite && x == x.rounded() && abs(x) < 1e18 ? String(Int64(x)) : String(x)
    }

    /// Milliseconds since 1970 of an ISO-8601 text, or nil.
    static func milliseconds(iso text: String) -> Int64? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = plain.date(from: text) ?? fractional.date(from: text) else { return nil }
        let seconds = date.timeIntervalSince1970
        guard seconds >= 0 && seconds < maximumSeconds else { return nil }
        return Int64((seconds * 1000).rounded())
    }

    /// A timestamp that cannot be used, with the message to show.
    struct Refusal: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}
