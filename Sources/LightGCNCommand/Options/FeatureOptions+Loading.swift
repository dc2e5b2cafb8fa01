import Foundation
import RecData
import RecModels

/// The features of a dataset's users and items as `FeatureOptions` chose them, with an account
/// of every id that has none.
struct LoadedFeatures {
    /// One row per user of the dataset, nil without user features.
    var users: NodeFeatures?
    /// One row per item of the dataset, nil without item features.
    var items: NodeFeatures?
    /// What each side holds and lacks (for `--json`).
    var sides: [FeatureSideSummary]
    /// One line per finding, for standard error.
    var notes: [String]
}

/// What the features of one side hold: the columns, and how many nodes have no row or no value.
struct FeatureSideSummary: Encodable, Equatable {
    /// `users` or `items`.
    var side: String
    /// The file, or `dataset` for the dataset's own attributes.
    var source: String
    /// Each feature column: its name, type and number of categories.
    var columns: [FeatureColumnSummary]
    /// Nodes of the side.
    var nodes: Int
    /// Nodes whose id has no row in the file (0 for the dataset's attributes).
    var withoutRow: Int
    /// Nodes without a value in any feature column (those without a row included).
    var withoutValues: Int
    /// Rows of the file whose id is not in the data (not used in training).
    var unusedRows: Int
}

/// One feature column in a `FeatureSideSummary`.
struct FeatureColumnSummary: Encodable, Equatable {
    var name: String
    /// `numeric`, `categorical` or `multi`.
    var type: String
    /// The number of categories (nil for a number).
    var categories: Int?
}

extension FeatureOptions {
    /// The features of `dataset`'s users and items: from the files when given, else (with
    /// `--features`) from the dataset's attributes, with `--feature-type` applied.
    ///
    /// Throws a `CommandError` when a file has no feature column, when `--features` finds no
    /// attributes at all, or when `--feature-type` names a column no table has; a file that
    /// cannot be read throws its `DataError` (file, line, column).
    func load(for dataset: RecommendationDataset) throws -> LoadedFeatures {
        let types = try typeList()
        var applied = Set<String>(), seenColumns: [String] = []
        var result = LoadedFeatures(users: nil, items: nil, sides: [], notes: [])
        let catalog = dataset.catalog
        for side in ["users", "items"] {
            let isUsers = side == "users"
            let file = isUsers ? userFeatureFile : itemFeatureFile
            let attributes = datasetFeatures ? (isUsers ? catalog?.userAttributes : catalog?.itemAttributes) : nil
            let vocabulary = (isUsers ? catalog?.users : catalog?.items)
                ?? .indices(count: isUsers ? dataset.userCount : dataset.itemCount)
            guard let source = try table(file: file, attributes: attributes, vocabulary: vocabulary, types: types) else {
                if datasetFeatures && file == nil {
                    let ids = isUsers ? useUserIDs : useItemIDs
                    result.notes.append("\(side): the dataset has no \(side.dropLast()) attributes; their layer 0 is "
                                        + (ids ? "their ID embedding only" : "zero (they are represented by their neighbourhood)"))
                }
                continue
            }
            applied.formUnion(source.applied)
            seenColumns += source.table.columnNames
            let features = NodeFeatures(table: source.table)
            let origin = file ?? "the dataset's attributes"
            guard !features.columns.isEmpty else {
                if let file {
                    throw CommandError("\(file): no feature column: every column but the id is text or ignored; "
                                       + "declare the types with --feature-type")
                }
                result.notes.append("\(side): the dataset's attributes have no feature column")
                continue
            }
            let summary = Self.summary(side: side, source: file ?? "dataset", features: features, source)
            result.sides.append(summary)
            result.notes += Self.notes(summary, origin: origin, table: source.table, missing: source.missingIDs,
                                       extra: source.extraIDs, usesIDs: isUsers ? useUserIDs : useItemIDs)
            if isUsers { result.users = features } else { result.items = features }
        }
        if datasetFeatures && userFeatureFile == nil && itemFeatureFile == nil && result.sides.isEmpty {
            throw CommandError("--features: the dataset \(dataset.name) has no user or item attributes (MovieLens and "
                               + "HetRec Last.fm have them); give --user-features FILE or --item-features FILE")
        }
        let unknown = Set(types.types.keys).subtracting(applied).sorted()
        if !unknown.isEmpty {
            throw CommandError("--feature-type names \(unknown.map { "'\($0)'" }.joined(separator: ", ")), which no feature "
                               + "table has (columns: \(seenColumns.joined(separator: ", "))); use the header's names")
        }
        return result
    }

    /// One side's table aligned to `vocabulary`, what did not match, and the types applied.
    private struct SideTable {
        var table: AttributeTable
        var missingIDs: [String]
        var extraIDs: [String]
        var applied: [String]
    }

    /// The table of a file (read with the types of `--feature-type` that name its columns) or
    /// of the dataset's attributes (retyped likewise); nil when there is neither.
    private func table(file: String?, attributes: AttributeTable?, vocabulary: Vocabulary,
                       types: FeatureTypeList) throws -> SideTable? {
        if let file {
            let inferred = try AttributeFileReader().read(path: file)
            let own = types.restricted(to: inferred.columnNames)
            let read = own.isEmpty ? inferred : try AttributeFileReader(options: AttributeFileOptions(columnTypes: own))
                .read(path: file)
            let alignment = read.alignment(to: vocabulary)
            return SideTable(table: alignment.table, missingIDs: alignment.missingIDs, extraIDs: alignment.extraRows.keys.ids,
                             applied: Array(own.keys))
        }
        guard let attributes else { return nil }
        let own = types.restricted(to: attributes.columnNames)
        let columns = try attributes.columns.compactMap { column -> AttributeColumn? in
            guard let type = own[column.name] else { return column }
            return try column.retyped(as: type)
        }
        return SideTable(table: AttributeTable(keys: attributes.keys, columns: columns), missingIDs: [], extraIDs: [],
                         applied: Array(own.keys))
    }

    private static func summary(side: String, source: String, features: NodeFeatures, _ table: SideTable) -> FeatureSideSummary {
        let columns = features.columns.map { column -> FeatureColumnSummary in
            switch column.values {
            case .categorical(_, let cardinality): return .init(name: column.name, type: "categorical", categories: cardinality)
            case .multiCategorical(_, let cardinality): return .init(name: column.name, type: "multi", categories: cardinality)
            case .numeric: return .init(name: column.name, type: "numeric", categories: nil)
            }
        }
        return FeatureSideSummary(side: side, source: source, columns: columns, nodes: features.rowCount,
                                  withoutRow: table.missingIDs.count, withoutValues: rowsWithoutValues(features),
                                  unusedRows: table.extraIDs.count)
    }

    /// The number of rows with no value in any column.
    static func rowsWithoutValues(_ features: NodeFeatures) -> Int {
        var hasValue = [Bool](repeating: false, count: features.rowCount)
        for column in features.columns {
            switch column.values {
            case .categorical(let codes, _): for (r, code) in codes.enumerated() where code >= 0 { hasValue[r] = true }
            case .multiCategorical(let sets, _): for (r, set) in sets.enumerated() where !set.isEmpty { hasValue[r] = true }
            case .numeric(let numbers): for (r, number) in numbers.enumerated() where number != nil { hasValue[r] = true }
            }
        }
        return hasValue.filter { !$0 }.count
    }

    /// The lines that say what a side's features hold and which nodes lack them.
    private static func notes(_ summary: FeatureSideSummary, origin: String, table: AttributeTable, missing: [String],
                              extra: [String], usesIDs: Bool) -> [String] {
        let side = summary.side, node = String(side.dropLast())
        func sample(_ ids: [String]) -> String {
            ids.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ") + (ids.count > 3 ? ", …" : "")
        }
        let columns = summary.columns.map { column in
            column.categories.map { "\(column.name) (\(column.type), \(grouped($0)) values)" } ?? "\(column.name) (numeric)"
        }
        let text = table.columns.filter { if case .text = $0.values { true } else { false } }.map(\.name)
        var lines = ["\(node) features from \(origin): " + columns.joined(separator: ", ")
                     + (text.isEmpty ? "" : "; text columns left out: " + text.joined(separator: ", "))]
        let fallback = usesIDs ? "their layer 0 is their ID embedding only" : "their layer 0 is zero (they are their neighbourhood)"
        if summary.source != "dataset" {
            lines.append(missing.isEmpty
                ? "  all \(grouped(summary.nodes)) \(side) of the data have a row in \(origin)"
                : "  \(grouped(missing.count)) of \(grouped(summary.nodes)) \(side) have no row in \(origin) (\(sample(missing))): "
                    + "their features are missing, \(fallback)")
            if !extra.isEmpty {
                lines.append("  \(grouped(extra.count)) rows of \(origin) are for ids not in the data (\(sample(extra))): "
                             + "not used in training")
            }
        }
        let withoutValues = summary.withoutValues - summary.withoutRow
        if withoutValues > 0 {
            lines.append("  \(grouped(withoutValues)) \(side) have a row but no value in any feature column: \(fallback)")
        } else if summary.source == "dataset" {
            lines.append("  all \(grouped(summary.nodes)) \(side) have a value in at least one feature column")
        }
        return lines
    }
}
