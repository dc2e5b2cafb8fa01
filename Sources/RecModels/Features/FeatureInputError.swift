/// Why the features of a new node given as text cannot be read (see
/// ``FeatureSchema/features(from:unknownValues:)``). Each description says what to do.
public enum FeatureInputError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `name` is not one of the model's feature columns (`available`).
    case unknownColumn(name: String, available: [String])
    /// The numeric column `column` was given `value`, which is not a finite number.
    case notANumber(column: String, value: String)
    /// `value` is not a category of `column` (only with ``UnknownFeatureValuePolicy/reject``).
    case unknownValue(column: String, value: String, known: [String])
    /// A `column=value` pair without `=` or without a name.
    case malformedAssignment(text: String)
    /// A column given twice.
    case repeatedColumn(name: String)
    /// The model has no features on this side (`"user"` or `"item"`).
    case noFeatures(side: String)

    /// One sentence: what is wrong and what to do.
    public var description: String {
        switch self {
        case .unknownColumn(let name, let available):
            return "\"\(name)\" is not a feature column (columns: " + Self.list(available) + "); name an existing column."
        case .notANumber(let column, let value):
            return "\(column): \"\(value)\" is not a number; give a number or leave the column out."
        case .unknownValue(let column, let value, let known):
            return "\(column): \"\(value)\" is not a known value (known: " + Self.list(known) + ")."
        case .malformedAssignment(let text):
            return "\"\(text)\" is not of the form column=value; write features as column=value,column=value."
        case .repeatedColumn(let name):
            return "\"\(name)\" is given twice; give each feature once."
        case .noFeatures(let side):
            return "the model has no \(side) features; give items (or users) instead."
        }
    }

    /// `"a", "b", …` with at most 12 entries.
    static func list(_ names: [String]) -> String {
        names.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ") + (names.count > 12 ? ", … (\(names.count))" : "")
    }
}
