import ArgumentParser
import Foundation

/// The named options of a command, read from swift-argument-parser's own description of it
/// (`_dumpHelp()`, the JSON behind `--experimental-dump-help`), so that configuration files
/// follow the options as they are declared: a new option is a valid key without a change here.
struct OptionSchema {
    /// One named option or flag.
    struct Option: Equatable {
        /// The long name, without dashes: `batch-size`.
        var name: String
        /// A flag takes no value (`--paper-protocol`); an option takes one (`--epochs 10`).
        var isFlag: Bool
        /// Whether the option may be given several times, collecting its values.
        var isRepeating: Bool
        /// The option group's table name: `data` for the group titled "Data"; nil outside groups.
        var table: String?
        /// For a flag with an inversion (`--train-metrics/--no-train-metrics`): the long name
        /// that turns it off, `no-train-metrics`.
        var negation: String?
    }

    /// The command's name, for messages.
    var commandName: String
    /// The options by long name.
    var options: [String: Option]
    /// Whether the command declares `--config` (see `ConfigFileOption`).
    var readsConfigFiles = false

    /// Names that are never configuration keys: they are about the invocation itself.
    static let reserved: Set<String> = ["help", "version", "config", "experimental-dump-help"]

    /// The schema of `command`.
    init(_ command: any ParsableCommand.Type) {
        commandName = command.configuration.commandName ?? "\(command)"
        options = [:]
        let dump = Data(command._dumpHelp().utf8)
        guard let info = try? JSONDecoder().decode(HelpDump.self, from: dump) else { return }
        for argument in info.command.arguments ?? [] where argument.kind != "positional" {
            guard let long = argument.names?.first(where: { $0.kind == "long" })?.name else { continue }
            if long == "config" { readsConfigFiles = true }
            guard !Self.reserved.contains(long) else { continue }
            let table = argument.sectionTitle.flatMap { $0.split(separator: " ").first }.map { $0.lowercased() }
            options[long] = Option(name: long, isFlag: argument.kind == "flag",
                                   isRepeating: argument.isRepeating ?? false, table: table)
        }
        for (name, option) in options where option.isFlag && options["no-" + name]?.isFlag == true {
            options[name]?.negation = "no-" + name
        }
    }

    /// The table names of the option groups, sorted.
    var tables: [String] { Array(Set(options.values.compactMap(\.table))).sorted() }

    /// The option names closest to `key` (one or two edits away), for "did you mean" hints.
    func suggestions(for key: String) -> [String] {
        options.keys.map { ($0, editDistance($0, key)) }.filter { $0.1 <= 2 }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
    }

    /// The subset of the help dump read here.
    private struct HelpDump: Decodable {
        struct Command: Decodable { var arguments: [Argument]? }
        struct Argument: Decodable {
            struct Name: Decodable { var kind: String; var name: String }
            var kind: String
            var names: [Name]?
            var sectionTitle: String?
            var isRepeating: Bool?
        }
        var command: Command
    }
}

/// The Levenshtein distance between `a` and `b` (insertions, deletions and substitutions).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
