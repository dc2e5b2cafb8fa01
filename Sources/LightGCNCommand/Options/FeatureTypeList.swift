import Foundation
import ArgumentParser
import RecData

/// The column types of `--feature-type`: `name=type` pairs separated by commas, for example
/// `genres=multi,age=numeric,zip=ignore`, with type
///
/// - `numeric`: a number, standardised;
/// - `categorical`: one category per node;
/// - `multi`: a set of categories joined by `|` (`multi:;` for another separator, here `;`);
/// - `text`: kept, not a feature; `ignore`: not read.
///
/// A name is applied to every feature table that has that column (user and item tables
/// rarely share names).
struct FeatureTypeList: Equatable {
    /// The types by column name.
    var types: [String: AttributeColumnType]

    /// The option's text, parsed; a usage error names the pair that is wrong.
    init(_ text: String) throws {
        types = [:]
        for pair in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ValidationError("--feature-type expects column=type pairs separated by commas, got '\(pair)'")
            }
            guard types[parts[0]] == nil else { throw ValidationError("--feature-type gives column '\(parts[0])' twice") }
            types[parts[0]] = try Self.type(parts[1], column: parts[0])
        }
    }

    /// The type named `name`.
    static func type(_ name: String, column: String) throws -> AttributeColumnType {
        switch name.lowercased() {
        case "numeric", "number": return .numeric
        case "categorical", "category": return .categorical
        case "multi", "multi-categorical": return .multiCategorical(separator: "|")
        case "text": return .text
        case "ignore", "ignored": return .ignored
        case let other where other.hasPrefix("multi:") && other.count > "multi:".count:
            return .multiCategorical(separator: String(name.dropFirst("multi:".count)))
        default:
            throw ValidationError("--feature-type \(column)=\(name): the type must be numeric, categorical, multi "
                                  + "(or multi:SEPARATOR), text or ignore")
        }
    }

    /// The types of the columns among `names`.
    func restricted(to names: [String]) -> [String: AttributeColumnType] {
        types.filter { names.contains($0.key) }
    }

    /// The option's text again (sorted by column), for configuration files.
    var text: String {
        types.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.name(of: $0.value))" }.joined(separator: ",")
    }

    /// The name of `type` as this option writes it.
    static func name(of type: AttributeColumnType) -> String {
        switch type {
        case .numeric: return "numeric"
        case .categorical: return "categorical"
        case .multiCategorical(let separator): return separator == "|" ? "multi" : "multi:\(separator)"
        case .text: return "text"
        case .ignored: return "ignore"
        }
    }
}
