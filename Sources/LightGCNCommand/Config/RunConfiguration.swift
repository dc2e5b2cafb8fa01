/// The effective configuration of a run as a TOML file that `--config` reads back: every
/// option with the value the run used (defaults included, seeds included), options left at a
/// data-dependent default as comments, and a `[recorded]` table with the software version,
/// the dataset and its split fingerprint.
///
///     # lightgcn train: the effective configuration of a run …
///     [data]
///     data = "/work/shared/data/ml-100k"
///     split-seed = 42
///     # min-rating: not set (the dataset's default)
///
///     [training]
///     epochs = 30
///     lr = 0.001
///     …
///
///     [recorded]
///     software = "0.1.0"
///     split-fingerprint = "…"
///
/// The text has no time stamp or path of its own, so two runs of the same configuration write
/// the same file.
struct RunConfiguration: Equatable {
    /// One line of a table: `key = value`, or a comment when `value` is nil.
    struct Entry: Equatable {
        var key: String
        var value: ConfigValue?
        /// Why there is no value (`not set: the dataset's default`), or a note after the value.
        var note: String?

        /// A set option.
        static func set(_ key: String, _ value: ConfigValue, note: String? = nil) -> Entry {
            Entry(key: key, value: value, note: note)
        }

        /// An option left unset, with what that means.
        static func unset(_ key: String, _ meaning: String) -> Entry {
            Entry(key: key, value: nil, note: meaning)
        }
    }

    /// The command the file is for (`train`).
    var command: String
    /// Tables in order: `(name, entries)`.
    var tables: [(name: String, entries: [Entry])]
    /// Facts of the run for `[recorded]`, in order.
    var recorded: [(key: String, value: ConfigValue)]

    static func == (a: RunConfiguration, b: RunConfiguration) -> Bool { a.text == b.text }

    /// The file's text.
    var text: String {
        var lines = [
            "# lightgcn \(command): the effective configuration of a run (every option, seeds included).",
            "# Repeat the run:  lightgcn \(command) --config THIS_FILE --output NEW.lgcn",
            "# Options on the command line override these values. --output, --report, --json, --quiet",
            "# and --verbose are not recorded. Commented lines are options the run left unset.",
        ]
        for table in tables where !table.entries.isEmpty {
            lines += ["", "[\(table.name)]"]
            for entry in table.entries {
                if let value = entry.value {
                    lines.append("\(TOMLText.key(entry.key)) = \(value)" + (entry.note.map { "  # \($0)" } ?? ""))
                } else {
                    lines.append("# \(entry.key): \(entry.note ?? "not set")")
                }
            }
        }
        if !recorded.isEmpty {
            lines += ["", "[\(ConfigFile.recordedTable)]",
                      "# Facts of the run, not options: 'train --config' warns when the data's split fingerprint differs."]
            for fact in recorded { lines.append("\(TOMLText.key(fact.key)) = \(fact.value)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
