import RecData

/// One input feature of users or of items, one value per node, ready for a learned projection
/// into the embedding space (see ``FeatureEncoder``).
public struct FeatureColumn: Sendable, Equatable {
    /// The values of the column.
    public enum Values: Sendable, Equatable {
        /// One category per node, `0..<cardinality`, or −1 when missing (no contribution).
        case categorical(codes: [Int32], cardinality: Int)
        /// A set of categories per node (genres, tags); its projection is the mean of the value
        /// embeddings, and an empty set contributes nothing.
        case multiCategorical(codes: [[Int32]], cardinality: Int)
        /// A number per node, nil when missing; standardised with the training rows' mean and
        /// standard deviation (missing → 0 after standardisation, i.e. the mean).
        case numeric([Double?])
    }

    /// The column's name, for example `"gender"`.
    public let name: String
    /// The values.
    public let values: Values
    /// The label of each code of a (multi-valued) categorical column (`categories[code]`, for
    /// example `["F", "M"]`), nil when the codes have no labels or for a number. With labels, a
    /// new node's features can be given as text (see ``FeatureSchema``).
    public let categories: [String]?

    /// A column; codes must lie in `−1..<cardinality` (categorical) or `0..<cardinality` (sets),
    /// and `categories`, if given, has `cardinality` labels (none for a number).
    public init(name: String, values: Values, categories: [String]? = nil) {
        switch values {
        case .categorical(let codes, let cardinality):
            precondition(codes.allSatisfy { $0 >= -1 && Int($0) < cardinality }, "FeatureColumn \(name): code out of range")
        case .multiCategorical(let codes, let cardinality):
            precondition(codes.allSatisfy { $0.allSatisfy { $0 >= 0 && Int($0) < cardinality } },
                         "FeatureColumn \(name): code out of range")
        case .numeric:
            precondition(categories == nil, "FeatureColumn \(name): a numeric column has no categories")
        }
        if let categories {
            let expected = Self.cardinality(of: values) ?? 0
            precondition(categories.count == expected,
                         "FeatureColumn \(name): \(categories.count) labels for \(expected) categories")
        }
        self.name = name
        self.values = values
        self.categories = categories
    }

    /// The feature form of an attribute column of the data layer; nil for free text.
    public init?(_ column: AttributeColumn) {
        switch column.values {
        case .categorical(let codes, let categories):
            self.init(name: column.name, values: .categorical(codes: codes, cardinality: categories.count),
                      categories: categories)
        case .multiCategorical(let codes, let categories):
            self.init(name: column.name, values: .multiCategorical(codes: codes, cardinality: categories.count),
                      categories: categories)
        case .numeric(let numbers):
            self.init(name: column.name, values: .numeric(numbers))
        case .text:
            return nil
        }
    }

    /// Number of nodes described.
    public var count: Int {
        switch values {
        case .categorical(let codes, _): return codes.count
        case .multiCategorical(let codes, _): return codes.count
        case .numeric(let numbers): return numbers.count
        }
    }

    /// Rows of the parameter table this column needs: the cardinality, or 1 for a number.
    public var tableRows: Int { Self.cardinality(of: values) ?? 1 }

    /// The number of categories of a (multi-valued) categorical column, nil for a number.
    static func cardinality(of values: Values) -> Int? {
        switch values {
        case .categorical(_, let cardinality), .multiCategorical(_, let cardinality): return cardinality
        case .numeric: return nil
        }
    }

    /// The column restricted to `rows`, in that order.
    public func subset(_ rows: [Int]) -> FeatureColumn {
        switch values {
        case .categorical(let codes, let cardinality):
            return FeatureColumn(name: name, values: .categorical(codes: rows.map { codes[$0] }, cardinality: cardinality),
                                 categories: categories)
        case .multiCategorical(let codes, let cardinality):
            return FeatureColumn(name: name, values: .multiCategorical(codes: rows.map { codes[$0] }, cardinality: cardinality),
                                 categories: categories)
        case .numeric(let numbers):
            return FeatureColumn(name: name, values: .numeric(rows.map { numbers[$0] }))
        }
    }
}
