extension InteractionLog {
    /// Attaches `table` (rows keyed by external user id) aligned to `userVocabulary`, with a
    /// warning for users without a row and rows of unknown users (named by `path`).
    mutating func attachUserAttributes(_ table: AttributeTable, path: String) {
        let coverage = table.coverage(of: userVocabulary)
        if coverage.missingRows > 0 {
            warnings.append(DataWarning(path: path, count: coverage.missingRows,
                message: "\(grouped(coverage.missingRows)) users of the log have no line here (attributes missing)"))
        }
        if coverage.unusedRows > 0 {
            warnings.append(DataWarning(path: path, count: coverage.unusedRows,
                message: "\(grouped(coverage.unusedRows)) users listed here have no interaction and are left out"))
        }
        userAttributes = table.aligned(to: userVocabulary)
    }

    /// Attaches `table` (rows keyed by external item id) aligned to `itemVocabulary`, with
    /// warnings as for users; the text column `titleColumn`, if given, becomes `itemTitles`.
    mutating func attachItemAttributes(_ table: AttributeTable, path: String, titleColumn: String?) {
        let coverage = table.coverage(of: itemVocabulary)
        if coverage.missingRows > 0 {
            warnings.append(DataWarning(path: path, count: coverage.missingRows,
                message: "\(grouped(coverage.missingRows)) items of the log have no line here (attributes missing)"))
        }
        if coverage.unusedRows > 0 {
            warnings.append(DataWarning(path: path, count: coverage.unusedRows,
                message: "\(grouped(coverage.unusedRows)) items listed here have no interaction and are left out"))
        }
        let aligned = table.aligned(to: itemVocabulary)
        itemAttributes = aligned
        if let titleColumn, case .text(let titles)? = aligned[column: titleColumn]?.values {
            itemTitles = titles
        }
    }
}
