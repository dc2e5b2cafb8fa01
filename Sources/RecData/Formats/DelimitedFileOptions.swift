/// How to read a delimited (CSV/TSV) interaction file with a header: which columns hold the
/// user, the item, the rating (or weight) and the time, the separator and the encoding.
public struct DelimitedFileOptions: Sendable, Equatable {
    /// Which header column to use for a field.
    public enum Column: Sendable, Equatable, ExpressibleByStringLiteral {
        /// Found by common names (see `DelimitedInteractionReader`); required for the user
        /// and the item, optional for the rating and the timestamp.
        case automatic
        /// The column with this header name (exact, else ignoring case, `_`, `-`, `.` and spaces).
        case named(String)
        /// Not read (only for the rating and the timestamp).
        case none

        /// `.named(value)`.
        public init(stringLiteral value: String) { self = .named(value) }
    }

    /// How integer timestamps are scaled. ISO 8601 dates (`2009-04-01`, `2009-04-01T12:30:00Z`)
    /// are accepted in any case.
    public enum TimestampUnit: String, Sendable, Equatable, CaseIterable {
        /// Milliseconds when the column's name ends in `ms` or contains `millis`, else seconds.
        case automatic
        /// Unix seconds.
        case seconds
        /// Unix milliseconds (rounded down to seconds).
        case milliseconds
    }

    /// The user column.
    public var user: Column
    /// The item column.
    public var item: Column
    /// The rating or weight column.
    public var rating: Column
    /// The timestamp column.
    public var timestamp: Column
    /// What to do with a row whose timestamp parses but is implausible (before 1970 or after 2099).
    public enum ImplausibleTimestampPolicy: String, Sendable, Equatable, CaseIterable {
        /// Stop with an error naming the line (the default: such a value usually means a wrong
        /// unit or a corrupted file).
        case reject
        /// Leave the row out and count it in a warning naming the first such line.
        case skipRow
    }

    /// The field separator (one ASCII character such as `","`, `"\t"`, `";"`), or nil to detect
    /// it from the header (the most frequent of `,` tab `;` `|` outside quotes).
    public var separator: Character?
    /// The file's encoding.
    public var encoding: TextEncoding
    /// How integer timestamps are scaled.
    public var timestampUnit: TimestampUnit
    /// What to do with implausible timestamps.
    public var implausibleTimestamps: ImplausibleTimestampPolicy
    /// The log's name; nil for the file name without its extension.
    public var name: String?

    /// Options; by default every column is found by name and the separator is detected.
    public init(
        user: Column = .automatic, item: Column = .automatic, rating: Column = .automatic,
        timestamp: Column = .automatic, separator: Character? = nil, encoding: TextEncoding = .utf8,
        timestampUnit: TimestampUnit = .automatic, implausibleTimestamps: ImplausibleTimestampPolicy = .reject,
        name: String? = nil
    ) {
        self.user = user
        self.item = item
        self.rating = rating
        self.timestamp = timestamp
        self.separator = separator
        self.encoding = encoding
        self.timestampUnit = timestampUnit
        self.implausibleTimestamps = implausibleTimestamps
        self.name = name
    }
}
