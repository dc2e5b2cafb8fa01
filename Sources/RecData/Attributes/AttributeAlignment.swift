/// An attribute table put in the order of a vocabulary of user (or item) ids, with an account of
/// every id that did not match: nothing is dropped silently.
///
/// For a table with keys `K` and a vocabulary `V`:
///
///     table.rowCount  = |V|        row k describes V.id(at: k); ids of V \ K get missing values
///     missingIDs      = V \ K      in V's order: ids with interactions but no attribute row
///     extraRows       = rows of K \ V, in the table's order (for example users that have
///                       attributes but no interaction yet: exactly the cold-start users)
///
/// Build it with `AttributeTable.alignment(to:)`.
public struct AttributeAlignment: Sendable, Equatable {
    /// The table with one row per id of the vocabulary, in its order.
    public let table: AttributeTable
    /// The ids of the vocabulary without a row in the file, in the vocabulary's order.
    public let missingIDs: [String]
    /// The rows whose id is not in the vocabulary, kept (same columns), in the file's order.
    public let extraRows: AttributeTable

    /// An alignment from its parts (see the type's documentation).
    public init(table: AttributeTable, missingIDs: [String], extraRows: AttributeTable) {
        self.table = table
        self.missingIDs = missingIDs
        self.extraRows = extraRows
    }

    /// Number of ids of the vocabulary without attributes.
    public var missingCount: Int { missingIDs.count }
    /// Number of attribute rows whose id is not in the vocabulary.
    public var extraCount: Int { extraRows.rowCount }

    /// One warning per kind of mismatch, naming `path` and the kind of node (`"users"`, `"items"`),
    /// with the first few ids; empty when every id matched.
    public func warnings(path: String, nodes: String) -> [DataWarning] {
        func sample(_ ids: [String]) -> String {
            ids.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ") + (ids.count > 3 ? ", …" : "")
        }
        var warnings: [DataWarning] = []
        if !missingIDs.isEmpty {
            warnings.append(DataWarning(
                path: path, count: missingIDs.count,
                message: "\(grouped(missingIDs.count)) \(nodes) have no row here (\(sample(missingIDs))); "
                    + "their attributes are missing"))
        }
        if extraRows.rowCount > 0 {
            warnings.append(DataWarning(
                path: path, count: extraRows.rowCount,
                message: "\(grouped(extraRows.rowCount)) rows are for \(nodes) without interactions "
                    + "(\(sample(extraRows.keys.ids))); they are kept apart, for example for cold start"))
        }
        return warnings
    }
}

extension AttributeTable {
    /// This table aligned to `vocabulary`, with the ids of `vocabulary` that have no row and
    /// the rows whose id is not in `vocabulary` (see ``AttributeAlignment``).
    ///
    /// - Complexity: O(|vocabulary| + rowCount) hash lookups, plus the copy of the columns.
    public func alignment(to vocabulary: Vocabulary) -> AttributeAlignment {
        let rows = vocabulary.indices(in: keys)
        let missing = zip(vocabulary.ids, rows).filter { $0.1 < 0 }.map(\.0)
        let extra = (0..<rowCount).filter { !vocabulary.contains(keys.id(at: $0)) }
        return AttributeAlignment(table: AttributeTable(keys: vocabulary, columns: columns.map { $0.gathered(rows) }),
                                  missingIDs: missing, extraRows: subset(extra))
    }
}
