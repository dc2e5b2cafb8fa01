/// One named column of an `AttributeTable`: a categorical, multi-valued categorical, numeric or
/// free-text value per row. Missing values are explicit (code −1, an empty set, nil, "").
///
/// Categorical values are stored as integer codes into `categories`, ready for one-hot or
/// embedding-bag encoders: `.categorical(codes: [0, 1, 0], categories: ["F", "M"])`.
public struct AttributeColumn: Codable, Sendable, Equatable {
    /// The values of a column, one per row.
    public enum Values: Codable, Sendable, Equatable {
        /// One category per row: `categories[codes[row]]`, or missing when the code is −1.
        case categorical(codes: [Int32], categories: [String])
        /// A set of categories per row (for example a movie's genres), codes sorted ascending.
        case multiCategorical(codes: [[Int32]], categories: [String])
        /// A number per row, nil when missing.
        case numeric([Double?])
        /// Free text per row ("" when missing): titles, URLs.
        case text([String])
    }

    /// The column's name, for example `"gender"`.
    public let name: String
    /// The values.
    public let values: Values

    /// A column with the given values.
    public init(name: String, values: Values) {
        if case .categorical(let codes, let categories) = values {
            precondition(codes.allSatisfy { $0 >= -1 && Int($0) < categories.count }, "category code out of range")
        }
        if case .multiCategorical(let codes, let categories) = values {
            precondition(codes.allSatisfy { $0.allSatisfy { $0 >= 0 && Int($0) < categories.count } },
                         "category code out of range")
        }
        self.name = name
        self.values = values
    }

    /// A categorical column from one optional label per row. Categories are `categories` if
    /// given (a label not in it is added at the end), else the labels in order of first
    /// appearance. nil (or "") is missing.
    public static func categorical(name: String, labels: [String?], categories: [String] = []) -> AttributeColumn {
        var vocabulary = Vocabulary(categories)
        let codes = labels.map { label -> Int32 in
            guard let label, !label.isEmpty else { return -1 }
            return Int32(vocabulary.insert(label))
        }
        return AttributeColumn(name: name, values: .categorical(codes: codes, categories: vocabulary.ids))
    }

    /// A multi-valued categorical column from a list of labels per row (repeats kept once).
    /// Categories as in `categorical(name:labels:categories:)`.
    public static func multiCategorical(name: String, labels: [[String]], categories: [String] = []) -> AttributeColumn {
        var vocabulary = Vocabulary(categories)
        let codes = labels.map { row in
            Array(Set(row.filter { !$0.isEmpty }.map { Int32(vocabulary.insert($0)) })).sorted()
        }
        return AttributeColumn(name: name, values: .multiCategorical(codes: codes, categories: vocabulary.ids))
    }

    /// Number of rows.
    public var count: Int {
        switch values {
        case .categorical(let codes, _): return codes.count
        case .multiCategorical(let codes, _): return codes.count
        case .numeric(let numbers): return numbers.count
        case .text(let strings): return strings.count
        }
    }

    /// The categories of a (multi-valued) categorical column, else nil.
    public var categories: [String]? {
        switch values {
        case .categorical(_, let categories), .multiCategorical(_, let categories): return categories
        case .numeric, .text: return nil
        }
    }

    /// The value of `row` as text: the category, the categories joined by `|`, the number, or
    /// the text; "" when missing.
    public func displayValue(at row: Int) -> String {
        switch values {
        case .categorical(let codes, let categories):
            return codes[row] < 0 ? "" : categories[Int(codes[row])]
        case .multiCategorical(let codes, let categories):
            return codes[row].map { categories[Int($0)] }.joined(separator: "|")
        case .numeric(let numbers):
            guard let number = numbers[row] else { return "" }
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .text(let strings):
            return strings[row]
        }
    }

    /// The column with rows `rows` in that order; a row of −1 gives a missing value.
    public func gathered(_ rows: [Int]) -> AttributeColumn {
        switch values {
        case .categorical(let codes, let categories):
            return AttributeColumn(name: name, values: .categorical(
                codes: rows.map { $0 < 0 ? -1 : codes[$0] }, categories: categories))
        case .multiCategorical(let codes, let categories):
            return AttributeColumn(name: name, values: .multiCategorical(
                codes: rows.map { $0 < 0 ? [] : codes[$0] }, categories: categories))
        case .numeric(let numbers):
            return AttributeColumn(name: name, values: .numeric(rows.map { $0 < 0 ? nil : numbers[$0] }))
        case .text(let strings):
            return AttributeColumn(name: name, values: .text(rows.map { $0 < 0 ? "" : strings[$0] }))
        }
    }
}
