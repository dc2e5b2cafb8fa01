/// One new node's features read from text by ``FeatureSchema/features(from:unknownValues:)``,
/// with what could not be used, so that a caller can report it.
public struct FeatureRow: Sendable, Equatable {
    /// The node's features: one row, the training features' columns.
    public let features: NodeFeatures
    /// Category values that are not among their column's labels and were treated as missing
    /// (their column contributes nothing: the zero embedding), in column order.
    public let unknownValues: [UnknownFeatureValue]
    /// Columns that were not given (or given as an empty or `NA` value): missing.
    public let absentColumns: [String]

    /// A row from its parts.
    public init(features: NodeFeatures, unknownValues: [UnknownFeatureValue], absentColumns: [String]) {
        self.features = features
        self.unknownValues = unknownValues
        self.absentColumns = absentColumns
    }

    /// One line per unknown value, for example
    /// `genres: "Cyberpunk" is not a known value; treated as missing (no contribution)`.
    public var notes: [String] {
        unknownValues.map { "\($0.column): \"\($0.value)\" is not a known value; treated as missing (no contribution)" }
    }
}

/// A category value not known to a column (see ``FeatureRow``).
public struct UnknownFeatureValue: Sendable, Equatable, Hashable {
    /// The column's name.
    public let column: String
    /// The value as given.
    public let value: String

    /// An unknown value of `column`.
    public init(column: String, value: String) {
        self.column = column
        self.value = value
    }
}

/// What ``FeatureSchema/features(from:unknownValues:)`` does with a category value that the
/// column does not know (a genre or an occupation that no training node had).
public enum UnknownFeatureValuePolicy: String, Sendable, Equatable, Hashable, CaseIterable {
    /// The value is missing: its column contributes nothing (the zero embedding for that column),
    /// and it is listed in ``FeatureRow/unknownValues``.
    case treatAsMissing
    /// The value is an error (``FeatureInputError/unknownValue(column:value:known:)``).
    case reject
}
