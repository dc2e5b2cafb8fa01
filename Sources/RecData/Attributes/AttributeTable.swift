/// Attributes of users or of items as a table of named, typed columns (see `AttributeColumn`),
/// one row per external id in `keys`.
///
/// A loader first reads a table in file order (its own `keys`), then `aligned(to:)` reorders it
/// to a log's vocabulary, so that row `k` describes user (or item) index `k`; a feature-aware
/// model can then read column values by dense index.
public struct AttributeTable: Codable, Sendable, Equatable {
    /// The external id of each row: row `r` describes `keys.id(at: r)`.
    public let keys: Vocabulary
    /// The columns, each with `keys.count` values.
    public let columns: [AttributeColumn]

    /// A table; every column must have one value per key.
    public init(keys: Vocabulary, columns: [AttributeColumn]) {
        for column in columns {
            precondition(column.count == keys.count,
                         "column \(column.name) has \(column.count) rows, expected \(keys.count)")
        }
        self.keys = keys
        self.columns = columns
    }

    /// Number of rows.
    public var rowCount: Int { keys.count }

    /// The column names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The column called `name`, or nil.
    public subscript(column name: String) -> AttributeColumn? {
        columns.first { $0.name == name }
    }

    /// The row of `id`, or nil.
    public func row(of id: String) -> Int? { keys.index(of: id) }

    /// The table with one row per id of `vocabulary`, in its order. Ids without a row get
    /// missing values; rows whose id is not in `vocabulary` are left out (use
    /// `alignment(to:)` to count both and keep the rows left out).
    public func aligned(to vocabulary: Vocabulary) -> AttributeTable {
        let rows = vocabulary.indices(in: keys)
        return AttributeTable(keys: vocabulary, columns: columns.map { $0.gathered(rows) })
    }

    /// The table restricted to rows `rows`, in that order.
    public func subset(_ rows: [Int]) -> AttributeTable {
        AttributeTable(keys: keys.subset(rows), columns: columns.map { $0.gathered(rows) })
    }

    /// How many ids of `vocabulary` have no row here, and how many rows have an id not in it.
    public func coverage(of vocabulary: Vocabulary) -> (missingRows: Int, unusedRows: Int) {
        let missing = vocabulary.ids.filter { keys.index(of: $0) == nil }.count
        let unused = keys.ids.filter { vocabulary.index(of: $0) == nil }.count
        return (missing, unused)
    }
}
