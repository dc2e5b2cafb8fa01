/// Unix-time helpers for loaders: plausibility checks and civil dates → seconds (UTC).
enum UnixTime {
    /// 2100-01-01T00:00:00Z: timestamps must be before this.
    static let end: Int64 = 4_102_444_800

    /// Whether `seconds` is a plausible Unix time: in 1970-01-01 ..< 2100-01-01 (UTC).
    static func isPlausible(_ seconds: Int64) -> Bool { seconds >= 0 && seconds < end }

    /// Why `value` is not a plausible Unix time in seconds, with a hint when it looks like
    /// milliseconds or microseconds.
    static func implausibleReason(_ value: Int64) -> String {
        var reason = "is not a plausible Unix timestamp in seconds (it must be between 1970 and 2099)"
        if value >= end {
            if isPlausible(value / 1000) {
                reason += "; it looks like milliseconds: read this column as milliseconds"
            } else if isPlausible(value / 1_000_000) {
                reason += "; it looks like microseconds"
            }
        }
        return reason
    }

    /// Seconds since 1970-01-01T00:00:00Z of the given UTC date and time (proleptic Gregorian).
    static func seconds(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int64 {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Whether `day` exists in `month` of `year`.
    static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard month >= 1 && month <= 12 && day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// The Unix seconds of an ISO 8601 date or UTC date-time in `range`: `YYYY-MM-DD`,
    /// `YYYY-MM-DDTHH:MM[:SS[.fff]][Z]` (a space may replace `T`), or nil.
    static func parseISO8601(_ bytes: Span<UInt8>, _ range: Range<Int>) -> Int64? {
        let r = TextScan.trimmed(bytes, range)
        var i = r.lowerBound
        let end = r.upperBound
        func number(_ width: Int) -> Int? {
            guard i + width <= end else { return nil }
            var value = 0
            for k in i..<(i + width) {
                let digit = bytes[k] &- UInt8(ascii: "0")
                guard digit <= 9 else { return nil }
                value = value * 10 + Int(digit)
            }
            i += width
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard i < end, bytes[i] == character.asciiValue! else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              isValidDate(year: year, month: month, day: day) else { return nil }
        if i == end { return seconds(year: year, month: month, day: day) }
        guard expect("T") || expect(" "), let hour = number(2), expect(":"), let minute = number(2),
              hour < 24, minute < 60 else { return nil }
        var second = 0
        if expect(":") {
            guard let s = number(2), s < 61 else { return nil }
            second = s
            if expect(".") {
                while i < end, bytes[i] &- UInt8(ascii: "0") <= 9 { i += 1 }
            }
        }
        _ = expect("Z")
        guard i == end else { return nil }
        return seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }
}
