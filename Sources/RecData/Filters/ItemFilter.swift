import Foundation
import RecKernels

/// A predicate on item attributes, the `filter=` business rule: which items a recommendation may
/// return, given the attribute table of the dataset (MovieLens genres and year, Last.fm tags, or
/// any item-feature file).
///
/// Grammar (conditions separated by `,` or `;` must all hold):
///
///     condition := column ":" value ("|" value)*     the item has one of the values
///                | column "!:" value ("|" value)*    the item has none of the values
///                | column op number                   op is >=, <=, >, <, = or !=
///
/// - `column` names an item attribute, case-insensitively; a singular name finds a plural
///   column (`genre` finds `genres`).
/// - For a categorical or multi-valued column (genres, tags) the values are categories,
///   matched case-insensitively; for a text column, the whole text; for a numeric column, numbers.
/// - An item whose value is missing passes only `!:` conditions.
///
/// Examples: `genre:Comedy`, `genre:Comedy|Romance,year>=1990`, `genre!:Horror;year<2000`.
public struct ItemFilter: Sendable, Equatable, CustomStringConvertible {
    /// One condition on one column.
    public struct Condition: Sendable, Equatable {
        /// The column as written.
        public var column: String
        /// What the value must satisfy.
        public var test: Test
        /// The condition as written.
        public var text: String
    }

    /// What a value must satisfy.
    public enum Test: Sendable, Equatable {
        /// One of these values.
        case anyOf([String])
        /// None of these values.
        case noneOf([String])
        /// A numeric comparison with a constant.
        case compare(Comparison, Double)
    }

    /// A numeric comparison.
    public enum Comparison: String, Sendable, Equatable, CaseIterable {
        case greaterOrEqual = ">=", lessOrEqual = "<=", notEqual = "!=", greater = ">", less = "<", equal = "="

        func holds(_ lhs: Double, _ rhs: Double) -> Bool {
            switch self {
            case .greaterOrEqual: lhs >= rhs
            case .lessOrEqual: lhs <= rhs
            case .notEqual: lhs != rhs
            case .greater: lhs > rhs
            case .less: lhs < rhs
            case .equal: lhs == rhs
            }
        }
    }

    /// The conditions, all of which must hold.
    public var conditions: [Condition]

    /// The filter as text (conditions joined by `,`).
    public var description: String { conditions.map(\.text).joined(separator: ",") }

    /// Parses `text` (grammar above).
    ///
    /// - Throws: ``ItemFilterError/syntax(_:_:)`` naming the condition that cannot be read.
    public init(parsing text: String) throws(ItemFilterError) {
        var conditions: [Condition] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let condition = part.trimmingCharacters(in: .whitespaces)
            if condition.isEmpty { continue }
            conditions.append(try Self.parseCondition(condition))
        }
        guard !conditions.isEmpty else { throw .syntax(text, "no condition (expected for example genre:Comedy or year>=1990)") }
        self.conditions = conditions
    }

    /// A filter with all the conditions of `filters`.
    public init(combining filters: [ItemFilter]) {
        conditions = filters.flatMap(\.conditions)
    }

    static func parseCondition(_ text: String) throws(ItemFilterError) -> Condition {
        // Comparison operators first (longest first), then ":" and "!:".
        for op in [Comparison.greaterOrEqual, .lessOrEqual, .notEqual, .greater, .less, .equal] {
            guard let range = text.range(of: op.rawValue) else { continue }
            if let colon = text.firstIndex(of: ":"), colon < range.lowerBound { break }
            let column = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            let value = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
            guard !column.isEmpty else { throw .syntax(text, "no column before '\(op.rawValue)'") }
            guard let number = Double(value), number.isFinite else {
                throw .syntax(text, "'\(value)' after '\(op.rawValue)' is not a number")
            }
            return Condition(column: column, test: .compare(op, number), text: text)
        }
        guard let colon = text.firstIndex(of: ":") else {
            throw .syntax(text, "expected column:value, column!:value or a comparison such as year>=1990")
        }
        var column = String(text[..<colon])
        let negated = column.hasSuffix("!")
        if negated { column.removeLast() }
        column = column.trimmingCharacters(in: .whitespaces)
        guard !column.isEmpty else { throw .syntax(text, "no column before ':'") }
        let values = text[text.index(after: colon)...].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard !values.isEmpty else { throw .syntax(text, "no value after ':'") }
        return Condition(column: column, test: negated ? .noneOf(values) : .anyOf(values), text: text)
    }

    /// The items of `attributes` (one row per item) that pass every condition.
    ///
    /// - Throws: ``ItemFilterError/unknownColumn(_:_:available:)`` for a column the table does not
    ///   have, ``ItemFilterError/unknownValue(_:_:known:)`` for a category no item has, and
    ///   ``ItemFilterError/wrongType(_:_:)`` for a comparison on a non-numeric column.
    public func candidates(in attributes: AttributeTable) throws(ItemFilterError) -> CandidateSet {
        var passes = [Bool](repeating: true, count: attributes.rowCount)
        for condition in conditions {
            let column = try Self.column(condition, in: attributes)
            let test = try Self.rowTest(condition, column: column)
            for row in passes.indices where passes[row] { passes[row] = test(row) }
        }
        return CandidateSet(universe: passes.count, where: { passes[$0] })
    }

    static func column(_ condition: Condition, in table: AttributeTable) throws(ItemFilterError) -> AttributeColumn {
        let wanted = condition.column.lowercased()
        let columns = table.columns
        if let exact = columns.first(where: { $0.name.lowercased() == wanted }) { return exact }
        if let plural = columns.first(where: { $0.name.lowercased() == wanted + "s" || $0.name.lowercased() + "s" == wanted }) {
            return plural
        }
        throw .unknownColumn(condition.text, condition.column, available: columns.map(\.name))
    }

    static func rowTest(_ condition: Condition, column: AttributeColumn) throws(ItemFilterError) -> (Int) -> Bool {
        switch (condition.test, column.values) {
        case (.compare(let op, let constant), .numeric(let numbers)):
            return { numbers[$0].map { op.holds($0, constant) } ?? false }
        case (.compare, _):
            throw .wrongType(condition.text, "'\(column.name)' is not numeric; use \(column.name):value")
        case (.anyOf(let values), _), (.noneOf(let values), _):
            let negated: Bool
            if case .noneOf = condition.test { negated = true } else { negated = false }
            let has = try valueTest(condition, values: values, column: column)
            return negated ? { !has($0) } : has
        }
    }

    /// A test "the row has one of `values`" on `column`.
    static func valueTest(_ condition: Condition, values: [String], column: AttributeColumn) throws(ItemFilterError) -> (Int) -> Bool {
        func codes(_ categories: [String]) throws(ItemFilterError) -> Set<Int32> {
            let lowered = categories.map { $0.lowercased() }
            var found = Set<Int32>()
            for value in values {
                guard let code = lowered.firstIndex(of: value.lowercased()) else {
                    throw .unknownValue(condition.text, value, known: categories)
                }
                found.insert(Int32(code))
            }
            return found
        }
        switch column.values {
        case .categorical(let rowCodes, let categories):
            let wanted = try codes(categories)
            return { wanted.contains(rowCodes[$0]) }
        case .multiCategorical(let rowCodes, let categories):
            let wanted = try codes(categories)
            return { rowCodes[$0].contains(where: wanted.contains) }
        case .numeric(let numbers):
            var wanted: Set<Double> = []
            for value in values {
                guard let number = Double(value) else {
                    throw .wrongType(condition.text, "'\(column.name)' is numeric and '\(value)' is not a number")
                }
                wanted.insert(number)
            }
            return { numbers[$0].map(wanted.contains) ?? false }
        case .text(let strings):
            let wanted = Set(values.map { $0.lowercased() })
            return { wanted.contains(strings[$0].lowercased()) }
        }
    }
}

/// Why an item filter cannot be used; every message names the condition as written.
public enum ItemFilterError: Error, Equatable, CustomStringConvertible {
    /// The condition cannot be read: the condition and what is wrong.
    case syntax(String, String)
    /// No item attribute of that name: the condition, the column, the columns there are.
    case unknownColumn(String, String, available: [String])
    /// No item has that category: the condition, the value, the known categories.
    case unknownValue(String, String, known: [String])
    /// The comparison does not fit the column's type.
    case wrongType(String, String)
    /// The model has no item attributes to filter on.
    case noAttributes

    public var description: String {
        switch self {
        case .syntax(let condition, let why): "filter '\(condition)': \(why)"
        case .unknownColumn(let condition, let column, let available):
            "filter '\(condition)': no item attribute '\(column)'"
                + (available.isEmpty ? "" : " (item attributes: \(available.joined(separator: ", ")))")
        case .unknownValue(let condition, let value, let known):
            "filter '\(condition)': no item has the value '\(value)'"
                + " (known: \(known.prefix(30).joined(separator: ", "))\(known.count > 30 ? ", …" : ""))"
        case .wrongType(let condition, let why): "filter '\(condition)': \(why)"
        case .noAttributes: "filter: the model records no item attributes to filter on"
        }
    }
}
