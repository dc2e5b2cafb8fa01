import RecData

extension FeatureSchema {
    /// The features of one new node from `column → value` text (rules in the type's
    /// documentation): a one-row ``NodeFeatures`` shaped like the training features, so that
    /// ``FeatureEncoder/encode(_:)`` (or ``FeatureLightGCN/userLayerZero(features:)``) accepts it.
    ///
    /// - Parameters:
    ///   - values: the node's values by column name, for example
    ///     `["gender": "F", "age": "25", "genres": "Comedy|Drama"]`.
    ///   - unknownValues: what an unknown category value does (default: it is treated as missing,
    ///     i.e. the zero embedding for its column, and reported in the result).
    /// - Throws: ``FeatureInputError/unknownColumn(name:available:)``,
    ///   ``FeatureInputError/notANumber(column:value:)``, and with `.reject`
    ///   ``FeatureInputError/unknownValue(column:value:known:)``.
    public func features(from values: [String: String],
                         unknownValues: UnknownFeatureValuePolicy = .treatAsMissing) throws(FeatureInputError) -> FeatureRow {
        let names = columnNames
        for name in values.keys.sorted() where !names.contains(name) {
            throw .unknownColumn(name: name, available: names)
        }
        var result: [FeatureColumn] = [], unknown: [UnknownFeatureValue] = [], absent: [String] = []
        for column in columns {
            let text = values[column.name].map(Self.trimmed) ?? ""
            let isMissing = AttributeFileOptions.defaultMissingValues.contains(text)
            if isMissing { absent.append(column.name) }
            switch column.kind {
            case .categorical(let categories):
                var code: Int32 = -1
                if !isMissing {
                    if let k = categories.firstIndex(of: text) {
                        code = Int32(k)
                    } else {
                        try Self.unknown(column.name, text, categories, policy: unknownValues, into: &unknown)
                    }
                }
                result.append(FeatureColumn(name: column.name, values: .categorical(codes: [code], cardinality: categories.count),
                                            categories: categories))
            case .multiCategorical(let categories):
                var codes = Set<Int32>()
                if !isMissing {
                    for part in text.split(separator: multiValueSeparator).map({ Self.trimmed(String($0)) })
                    where !AttributeFileOptions.defaultMissingValues.contains(part) {
                        if let k = categories.firstIndex(of: part) {
                            codes.insert(Int32(k))
                        } else {
                            try Self.unknown(column.name, part, categories, policy: unknownValues, into: &unknown)
                        }
                    }
                }
                result.append(FeatureColumn(name: column.name,
                                            values: .multiCategorical(codes: [codes.sorted()], cardinality: categories.count),
                                            categories: categories))
            case .numeric:
                var number: Double? = nil
                if !isMissing {
                    guard let parsed = Double(text), parsed.isFinite else {
                        throw .notANumber(column: column.name, value: text)
                    }
                    number = parsed
                }
                result.append(FeatureColumn(name: column.name, values: .numeric([number])))
            }
        }
        return FeatureRow(features: NodeFeatures(columns: result, rowCount: 1), unknownValues: unknown,
                          absentColumns: absent)
    }

    /// Reads `column=value` pairs separated by commas: `"gender=F, age=25, genres=Comedy|Drama"`
    /// → `["gender": "F", "age": "25", "genres": "Comedy|Drama"]` (spaces around names and values
    /// are dropped; empty pairs, as in a trailing comma, are skipped).
    ///
    /// - Throws: ``FeatureInputError/malformedAssignment(text:)`` for a pair without `=` or
    ///   without a name, ``FeatureInputError/repeatedColumn(name:)`` for a name given twice.
    public static func parseAssignments(_ text: String) throws(FeatureInputError) -> [String: String] {
        var values: [String: String] = [:]
        for pair in text.split(separator: ",").map({ trimmed(String($0)) }) where !pair.isEmpty {
            guard let equals = pair.firstIndex(of: "=") else { throw .malformedAssignment(text: pair) }
            let name = trimmed(String(pair[..<equals]))
            guard !name.isEmpty else { throw .malformedAssignment(text: pair) }
            guard values[name] == nil else { throw .repeatedColumn(name: name) }
            values[name] = trimmed(String(pair[pair.index(after: equals)...]))
        }
        return values
    }

    /// Records an unknown value, or throws under `.reject`.
    private static func unknown(_ column: String, _ value: String, _ categories: [String],
                                policy: UnknownFeatureValuePolicy,
                                into unknown: inout [UnknownFeatureValue]) throws(FeatureInputError) {
        if policy == .reject { throw .unknownValue(column: column, value: value, known: categories) }
        unknown.append(UnknownFeatureValue(column: column, value: value))
    }

    static func trimmed(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
