/// How to read a CSV/TSV file of user or item attributes with `AttributeFileReader`: which
/// column holds the id, the separator and the encoding, how missing values are written, and the
/// type of any column whose inferred type is not the wanted one.
public struct AttributeFileOptions: Sendable, Equatable {
    /// The id column: `.automatic` takes the column called `id` or one of the usual user or item
    /// id names (`user_id`, `movieId`, `item`, …, compared ignoring case, `_ - .` and spaces), and
    /// otherwise the first column. `.none` is not allowed: every row needs an id.
    public var idColumn: DelimitedFileOptions.Column
    /// The field separator (one ASCII character), or nil to detect it from the header (the most
    /// frequent of `,` tab `;` `|` outside quotes).
    public var separator: Character?
    /// The file's encoding.
    public var encoding: TextEncoding
    /// Types that replace the inferred ones, by column name (exact header name).
    public var columnTypes: [String: AttributeColumnType]
    /// The separator of multi-valued cells assumed by inference: a column whose values are not
    /// all numbers and of which some value contains it is read as `.multiCategorical`.
    public var multiValueSeparator: String
    /// Cell texts that mean "missing" (compared after trimming spaces), in every column.
    public var missingValues: Set<String>
    /// Inference reads a non-numeric, single-valued column as `.categorical` when it has at most
    /// this many distinct values or at most half as many distinct values as non-missing cells,
    /// and as `.text` otherwise (names, titles, URLs).
    public var maxInferredCategories: Int

    /// The cell texts read as missing by default.
    public static let defaultMissingValues: Set<String> = ["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None", "?"]

    /// Options; by default the id column is found by name, the separator is detected, multi-valued
    /// cells are joined by `|`, and every other column's type is inferred.
    public init(
        idColumn: DelimitedFileOptions.Column = .automatic, separator: Character? = nil, encoding: TextEncoding = .utf8,
        columnTypes: [String: AttributeColumnType] = [:], multiValueSeparator: String = "|",
        missingValues: Set<String> = AttributeFileOptions.defaultMissingValues, maxInferredCategories: Int = 32
    ) {
        self.idColumn = idColumn
        self.separator = separator
        self.encoding = encoding
        self.columnTypes = columnTypes
        self.multiValueSeparator = multiValueSeparator
        self.missingValues = missingValues
        self.maxInferredCategories = maxInferredCategories
    }
}
