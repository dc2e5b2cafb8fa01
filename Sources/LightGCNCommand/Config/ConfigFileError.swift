/// Why a configuration file (`--config FILE`) cannot be used: printed as
/// `Error: FILE:LINE: key 'KEY': what is wrong`, exit status 64 (a usage error, like a bad
/// option on the command line). Nothing has run and nothing is written when it is raised.
struct ConfigFileError: Error, CustomStringConvertible, Equatable {
    /// The file, as given.
    var path: String
    /// The key concerned, if one is.
    var key: String?
    /// The 1-based line, when known.
    var line: Int?
    /// What is wrong and what to do.
    var message: String

    var description: String {
        path + (line.map { ":\($0)" } ?? "") + ": " + (key.map { "key '\($0)': " } ?? "") + message
    }
}
