import Foundation

extension AttributeColumn {
    /// The column read again as `type`, from its values as text (``displayValue(at:)``), as
    /// `AttributeFileReader` would read a file column declared `type`; nil for `.ignored`.
    /// For example a numeric `year` made `.categorical` (one category per distinct year), or a
    /// categorical column of numbers made `.numeric`. A column that already has the type is
    /// returned unchanged (a multi-valued one when the separator is `|`, the one of
    /// ``displayValue(at:)``).
    ///
    /// - Throws: `DataError.invalidParameter` when a value of a column made `.numeric` is not a
    ///   finite number, naming the column and the value.
    public func retyped(as type: AttributeColumnType) throws -> AttributeColumn? {
        let labels = (0..<count).map { displayValue(at: $0) }
        switch (type, values) {
        case (.ignored, _):
            return nil
        case (.categorical, .categorical), (.numeric, .numeric), (.text, .text), (.multiCategorical("|"), .multiCategorical):
            return self
        case (.text, _):
            return AttributeColumn(name: name, values: .text(labels))
        case (.categorical, _):
            return .categorical(name: name, labels: labels.map { $0.isEmpty ? nil : $0 })
        case (.multiCategorical(let separator), _):
            guard !separator.isEmpty else {
                throw DataError.invalidParameter(name: "column types", reason: "column \"\(name)\" has an empty multi-value separator")
            }
            return .multiCategorical(name: name, labels: labels.map { label in
                label.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            })
        case (.numeric, _):
            let numbers = try labels.map { label -> Double? in
                guard !label.isEmpty else { return nil }
                guard let number = Double(label), number.isFinite else {
                    throw DataError.invalidParameter(
                        name: "column types",
                        reason: "column \"\(name)\" has the value \"\(label)\", which is not a number; it cannot be numeric")
                }
                return number
            }
            return AttributeColumn(name: name, values: .numeric(numbers))
        }
    }
}
