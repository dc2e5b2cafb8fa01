import RecData

/// What a model knows about one side's feature columns (users' or items'), enough to read the
/// features of a node it has never seen from text such as `gender=F, age=25, genres=Comedy|Drama`:
/// the columns in order, the labels of each categorical column's codes, and the mean and
/// standard deviation of each numeric column **on the training rows only**:
///
///     μ_n = (1/|T_n|) Σ_{v∈T_n} x_n(v),   σ_n = √((1/|T_n|) Σ_{v∈T_n} (x_n(v) − μ_n)²)   (σ_n = 1 if 0)
///
/// with `T_n` the training rows where column `n` is present (μ = 0, σ = 1 when none is). A new
/// node's number is used as `z = (x − μ_n)/σ_n` by ``FeatureEncoder``.
///
/// Reading labels (``features(from:unknownValues:)``):
/// - a column that is not given, or given as an empty (or `NA`, `null`, …) value, is missing:
///   it contributes nothing to φ (a number then counts as the training mean);
/// - an **unknown category value** (not among the column's labels) falls back to missing too,
///   i.e. the zero embedding for that column (``UnknownFeatureValuePolicy/treatAsMissing``), and
///   is listed in ``FeatureRow/unknownValues`` so that the caller can say so; with
///   ``UnknownFeatureValuePolicy/reject`` it is an error instead;
/// - a name that is not a column, or a numeric column's value that is not a number, is always an
///   error (``FeatureInputError``).
///
/// A categorical column without labels (codes made by hand) is read by its codes written as
/// decimal numbers: `"0"`, `"1"`, ….
public struct FeatureSchema: Sendable, Equatable, Codable {
    /// What kind of values a column holds.
    public enum Kind: Sendable, Equatable, Codable {
        /// One category per node; `categories[code]` is the label of `code`.
        case categorical(categories: [String])
        /// A set of categories per node, written as labels joined by the schema's
        /// ``FeatureSchema/multiValueSeparator``.
        case multiCategorical(categories: [String])
        /// A number, standardised with the training rows' mean and standard deviation.
        case numeric(mean: Double, standardDeviation: Double)
    }

    /// One column: its name and kind.
    public struct Column: Sendable, Equatable, Codable {
        /// The column's name, as in the feature table.
        public let name: String
        /// Its kind, with labels or standardisation statistics.
        public let kind: Kind

        /// A column from its parts.
        public init(name: String, kind: Kind) {
            self.name = name
            self.kind = kind
        }

        /// Rows of the column's parameter table in ``FeatureEncoder``: the number of
        /// categories, or 1 for a number.
        public var tableRows: Int {
            switch kind {
            case .categorical(let categories), .multiCategorical(let categories): return categories.count
            case .numeric: return 1
            }
        }
    }

    /// The columns, in the order of the model's feature tables.
    public let columns: [Column]
    /// The separator between the labels of a multi-valued value (`"|"`: `Comedy|Drama`).
    public let multiValueSeparator: String

    /// A schema from its parts.
    public init(columns: [Column], multiValueSeparator: String = "|") {
        precondition(!multiValueSeparator.isEmpty, "FeatureSchema: empty multi-value separator")
        self.columns = columns
        self.multiValueSeparator = multiValueSeparator
    }

    /// The schema of `training` (the training nodes' features): its columns' labels, and the
    /// statistics of its numeric columns over these rows only (formulas in the type's
    /// documentation).
    ///
    /// - Complexity: O(rows · columns).
    public init(training: NodeFeatures, multiValueSeparator: String = "|") {
        let columns = training.columns.map { column -> Column in
            let labels = column.categories ?? (0..<column.tableRows).map { String($0) }
            switch column.values {
            case .categorical:
                return Column(name: column.name, kind: .categorical(categories: labels))
            case .multiCategorical:
                return Column(name: column.name, kind: .multiCategorical(categories: labels))
            case .numeric(let numbers):
                let (mean, deviation) = Self.statistics(numbers.compactMap { $0 })
                return Column(name: column.name, kind: .numeric(mean: mean, standardDeviation: deviation))
            }
        }
        self.init(columns: columns, multiValueSeparator: multiValueSeparator)
    }

    /// The column names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The mean and (population) standard deviation of `numbers`; (0, 1) when empty, σ = 1 when
    /// all are equal.
    static func statistics(_ numbers: [Double]) -> (mean: Double, deviation: Double) {
        guard !numbers.isEmpty else { return (0, 1) }
        let mean = numbers.reduce(0, +) / Double(numbers.count)
        let variance = numbers.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(numbers.count)
        return (mean, variance > 0 ? variance.squareRoot() : 1)
    }
}
