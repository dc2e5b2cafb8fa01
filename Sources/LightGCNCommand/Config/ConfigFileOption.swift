import ArgumentParser

/// `--config FILE`: a TOML file that supplies any option of the command; options on the
/// command line win. A command reads configuration files by including this group:
///
///     @OptionGroup var configFile: ConfigFileOption
///
/// The file is expanded into arguments before parsing (`ConfigExpansion`, called from
/// `LightGCNCommand.main()`), so the command sees ordinary options; `path` tells it which
/// file was read, for example to compare the split fingerprint the file recorded.
struct ConfigFileOption: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp(
        "A TOML file of options: keys are the long option names (epochs = 100, lr = 0.002, data = \"ml-100k\", "
            + "paper-protocol = true), at the top level or in [data]/[training] tables; options on the command line win.",
        valueName: "file.toml"))
    var path: String?

    /// The `[recorded]` facts of the file, if one was given (it was read once already, so this
    /// does not fail for a file that parsed).
    func recorded() -> [String: ConfigValue] {
        guard let path, let file = try? ConfigFile(path: path) else { return [:] }
        return file.recorded
    }
}
