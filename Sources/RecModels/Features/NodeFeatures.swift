import RecData

/// The features of a set of nodes (all users, all items, or a few new ones): columns of equal
/// length, row `r` describing node `r` of the set.
public struct NodeFeatures: Sendable, Equatable {
    /// The columns, each with ``rowCount`` values.
    public let columns: [FeatureColumn]
    /// Number of nodes described.
    public let rowCount: Int

    /// Features from columns of `rowCount` values each.
    public init(columns: [FeatureColumn], rowCount: Int) {
        for column in columns {
            precondition(column.count == rowCount, "NodeFeatures: column \(column.name) has \(column.count) rows, expected \(rowCount)")
        }
        self.columns = columns
        self.rowCount = rowCount
    }

    /// The categorical, multi-valued and numeric columns of an attribute table (free text is
    /// skipped), optionally only those named in `names`, in the table's order. The table must
    /// already be aligned to the dense ids (`AttributeTable.aligned(to:)`).
    public init(table: AttributeTable, names: [String]? = nil) {
        let wanted = table.columns.filter { names?.contains($0.name) ?? true }
        self.init(columns: wanted.compactMap(FeatureColumn.init), rowCount: table.rowCount)
    }

    /// The features of rows `rows`, in that order.
    public func subset(_ rows: [Int]) -> NodeFeatures {
        NodeFeatures(columns: columns.map { $0.subset(rows) }, rowCount: rows.count)
    }
}
