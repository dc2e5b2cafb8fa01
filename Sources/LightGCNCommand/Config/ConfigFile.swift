import Foundation
import TOMLKit

/// A configuration file for `--config`: TOML whose keys are a command's long option names.
///
///     # run.toml
///     epochs = 100
///     lr = 0.002
///
///     [data]
///     data = "ml-100k"
///     paper-protocol = true
///
/// Keys may sit at the top level or in the tables named after the command's option groups
/// (`[data]`, `[training]`, `[output]`); the tables only group, any option may be in any of
/// them. `[recorded]` holds facts of a saved run (software version, dataset, split
/// fingerprint), which are not options. A key may be set once in the whole file.
struct ConfigFile {
    /// One `key = value` line.
    struct Setting: Equatable {
        /// The key: an option's long name.
        var key: String
        /// The table it is in (nil at the top level).
        var table: String?
        var value: ConfigValue
        /// 1-based line of the key, when found.
        var line: Int?
    }

    /// The name of the table of recorded facts.
    static let recordedTable = "recorded"
    /// The keys `[recorded]` may hold.
    static let recordedKeys = ["software", "dataset", "split-fingerprint"]

    /// The file, as given.
    let path: String
    /// The option settings, in file order of their lines.
    var settings: [Setting] = []
    /// The `[recorded]` facts.
    var recorded: [String: ConfigValue] = [:]

    /// Reads and parses the file at `path`.
    init(path: String) throws(ConfigFileError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigFileError(path: path, message: "no such configuration file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigFileError(path: path, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigFileError(path: path, message: "the file is not UTF-8 text (TOML files are UTF-8)")
        }
        try self.init(text: text, path: path)
    }

    /// Parses `text`, naming `path` in errors.
    init(text: String, path: String) throws(ConfigFileError) {
        self.path = path
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigFileError(path: path, line: error.source.begin.line,
                                  message: "not valid TOML: \(error.description) (column \(error.source.begin.column))")
        } catch {
            throw ConfigFileError(path: path, message: "not valid TOML: \(error)")
        }
        let lines = KeyLines(text: text)
        for key in table.keys {
            guard let value = table[key] else { continue }
            if let inner = value.table {
                guard key != Self.recordedTable else {
                    try readRecorded(inner, lines: lines)
                    continue
                }
                for innerKey in inner.keys {
                    guard let innerValue = inner[innerKey] else { continue }
                    let line = lines.line(of: innerKey, in: key)
                    if innerValue.table != nil {
                        throw ConfigFileError(path: path, key: "\(key).\(innerKey)", line: line,
                                              message: "tables only group options and cannot be nested; write the options of [\(key).\(innerKey)] in [\(key)]")
                    }
                    settings.append(Setting(key: innerKey, table: key, value: Self.value(innerValue), line: line))
                }
            } else {
                settings.append(Setting(key: key, table: nil, value: Self.value(value), line: lines.line(of: key, in: nil)))
            }
        }
        settings.sort { ($0.line ?? Int.max) < ($1.line ?? Int.max) }
    }

    /// The tables the file uses (`data`, `training`…), without `recorded`.
    var tables: Set<String> { Set(settings.compactMap(\.table)) }

    mutating func readRecorded(_ table: TOMLTable, lines: KeyLines) throws(ConfigFileError) {
        for key in table.keys {
            guard let value = table[key] else { continue }
            guard Self.recordedKeys.contains(key) else {
                throw ConfigFileError(path: path, key: key, line: lines.line(of: key, in: Self.recordedTable),
                                      message: "unknown key in [recorded] (it holds \(Self.recordedKeys.joined(separator: ", ")))")
            }
            recorded[key] = Self.value(value)
        }
    }

    /// A TOMLKit value as a `ConfigValue`.
    static func value(_ value: any TOMLValueConvertible) -> ConfigValue {
        switch value.type {
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .float(value.double ?? .nan)
        case .bool: return .boolean(value.bool ?? false)
        case .array: return .array((value.array ?? TOMLArray()).map { Self.value($0) })
        case .table: return .unsupported("a table")
        case .date, .time, .dateTime: return .unsupported("a date or time")
        }
    }
}
