import ArgumentParser

/// The command line with a `--config FILE` expanded: the file's settings become arguments
/// placed before the command line's own, so that an option given on the command line wins
/// (swift-argument-parser keeps the last value of a repeated option).
///
///     lightgcn train --config run.toml --epochs 5
///     → lightgcn train --epochs=100 --lr=0.002 --data=ml-100k --config run.toml --epochs 5
///
/// Values become arguments as follows: a string as it is, a number in its shortest exact form,
/// an array joined by commas (`k = [10, 20]` → `--k=10,20`), or one argument per element for a
/// repeatable option; a flag takes `true` (given) or `false` (left out, or its inversion given:
/// `train-metrics = false` → `--no-train-metrics`). Only commands that
/// declare `--config` (see `ConfigFileOption`) read files; for the others the arguments are
/// left alone.
struct ConfigExpansion {
    /// The arguments to parse.
    var arguments: [String]
    /// The file that was read, if any.
    var file: ConfigFile?
    /// Options given on the command line itself (long names), which the file did not set.
    var commandLineOptions: Set<String> = []

    /// `arguments` (without the program name) with the `--config` file of the subcommand, if
    /// any, expanded.
    init(arguments: [String], subcommands: [any ParsableCommand.Type]) throws(ConfigFileError) {
        self.arguments = arguments
        guard let name = arguments.first, !name.hasPrefix("-"),
              let command = subcommands.first(where: { $0.configuration.commandName == name }) else { return }
        let rest = Array(arguments.dropFirst())
        let paths = Self.configPaths(in: rest)
        guard !paths.isEmpty else { return }
        let schema = OptionSchema(command)
        guard schema.readsConfigFiles else { return }
        guard paths.count == 1, let path = paths[0] else {
            let where_ = paths.compactMap { $0 }.first ?? "--config"
            throw ConfigFileError(path: where_, message: paths.count > 1
                                  ? "--config is given \(paths.count) times; give one configuration file"
                                  : "--config needs a file name")
        }
        let file = try ConfigFile(path: path)
        self.arguments = [name] + (try Self.arguments(of: file, schema: schema)) + rest
        self.file = file
        commandLineOptions = Set(rest.filter { $0.hasPrefix("--") }.map {
            String($0.dropFirst(2).prefix { $0 != "=" })
        })
    }

    /// The values of every `--config` in `arguments` (nil for one without a value).
    static func configPaths(in arguments: [String]) -> [String?] {
        var paths: [String?] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--config" {
                let next: String? = index + 1 < arguments.count ? arguments[index + 1] : nil
                if let next, !next.hasPrefix("--") { paths.append(next) } else { paths.append(nil) }
                index += 2
                continue
            }
            if argument.hasPrefix("--config=") { paths.append(String(argument.dropFirst("--config=".count))) }
            index += 1
        }
        return paths
    }

    /// The settings of `file` as arguments of the command described by `schema`.
    static func arguments(of file: ConfigFile, schema: OptionSchema) throws(ConfigFileError) -> [String] {
        guard !schema.options.isEmpty else {
            throw ConfigFileError(path: file.path, message: "'\(schema.commandName)' lists no options that a file could set")
        }
        let tables = Set(schema.tables)
        for table in file.tables where !tables.contains(table) {
            let line = file.settings.first { $0.table == table }?.line.map { max(1, $0 - 1) }
            throw ConfigFileError(path: file.path, key: table, line: line,
                                  message: "unknown table [\(table)]; '\(schema.commandName)' options may be grouped in "
                                    + (schema.tables.map { "[\($0)]" } + ["[recorded]"]).joined(separator: ", ")
                                    + " or written at the top level")
        }
        var seen: [String: ConfigFile.Setting] = [:]
        var result: [String] = []
        for setting in file.settings {
            let key = setting.key
            func failure(_ message: String) -> ConfigFileError {
                ConfigFileError(path: file.path, key: key, line: setting.line, message: message)
            }
            if key == "config" { throw failure("a configuration file cannot name another one") }
            guard let option = schema.options[key] else {
                let hints = schema.suggestions(for: key)
                throw failure("unknown key: '\(schema.commandName)' has no option --\(key)"
                              + (hints.isEmpty ? "" : " (did you mean \(hints.map { "'\($0)'" }.joined(separator: " or "))?)")
                              + "; keys are the long option names of 'lightgcn \(schema.commandName) --help'")
            }
            if let earlier = seen[key] {
                throw failure("set twice (\(earlier.table.map { "in [\($0)]" } ?? "at the top level")"
                              + "\(earlier.line.map { ", line \($0)" } ?? "") and "
                              + "\(setting.table.map { "in [\($0)]" } ?? "at the top level")); keep one")
            }
            seen[key] = setting
            if option.isFlag {
                guard case .boolean(let on) = setting.value else {
                    throw failure("--\(key) is a flag: write \(key) = true or \(key) = false, not \(setting.value.kind)")
                }
                if on {
                    result.append("--\(key)")
                } else if let negation = option.negation {
                    result.append("--\(negation)")
                }
                continue
            }
            if option.isRepeating, case .array(let values) = setting.value {
                for value in values {
                    guard let text = value.argument else { throw failure("expects a list of values, got \(value.kind) in it") }
                    result.append("--\(key)=\(text)")
                }
                continue
            }
            guard let text = setting.value.argument else {
                let hint = setting.value == .boolean(true) || setting.value == .boolean(false)
                    ? " (it is an option with a value, not a flag)" : ""
                throw failure("expects a value such as a number or a string, not \(setting.value.kind)\(hint)")
            }
            // `--key=value`, so that a value starting with "-" (epochs = -3) stays a value.
            result.append("--\(key)=\(text)")
        }
        return result
    }

    /// A parse or validation `message` that names an option the file set (and the command
    /// line did not), with the file, key and line added; nil when the file is not involved.
    func attributed(_ message: String) -> String? {
        guard let file else { return nil }
        for setting in file.settings where !commandLineOptions.contains(setting.key) {
            if Self.mentions(message, option: setting.key) {
                return message + " (set by \(file.path)\(setting.line.map { ":\($0)" } ?? ""), key '\(setting.key)')"
            }
        }
        return nil
    }

    /// Whether `message` names `--option` as a whole word (`--k` is not in `--k-core`).
    static func mentions(_ message: String, option: String) -> Bool {
        let needle = "--" + option
        var searchRange = message.startIndex..<message.endIndex
        while let found = message.range(of: needle, range: searchRange) {
            let next = found.upperBound < message.endIndex ? message[found.upperBound] : " "
            if !(next.isLetter || next.isNumber || next == "-") { return true }
            searchRange = found.upperBound..<message.endIndex
        }
        return false
    }
}
