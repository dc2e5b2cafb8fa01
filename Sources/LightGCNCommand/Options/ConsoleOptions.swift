import ArgumentParser
import Foundation

/// The output conventions every command shares: `--json`, `--quiet` and `--verbose`.
///
/// Standard output carries the result: human text, or with `--json` exactly one JSON document
/// (the result of the command and nothing else, so that `lightgcn … --json | jq` works).
/// Standard error carries everything for people: progress lines, notes, warnings, and with
/// `--json` the human summary too. `--quiet` silences standard error except for errors;
/// `--verbose` adds detail there (settings, timings by phase, every file written).
struct ConsoleOptions: ParsableArguments {
    @Flag(help: "Print the result as one JSON document on standard output (human text goes to standard error).")
    var json = false

    @Flag(help: "No progress or notes on standard error (errors are still printed).")
    var quiet = false

    @Flag(help: "More detail on standard error: settings, timings, files written.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be combined; choose one") }
    }

    /// A progress line on standard error (silent with `--quiet`).
    func progress() -> ProgressLine { ProgressLine(quiet: quiet) }

    /// Prints a note for people on standard error, unless `--quiet`.
    func note(_ text: String) {
        if !quiet { printError(text) }
    }

    /// Prints a detail on standard error with `--verbose` only.
    func detail(_ text: String) {
        if verbose { printError(text) }
    }

    /// Prints the human result: on standard output, or on standard error (unless `--quiet`)
    /// when standard output is reserved for the JSON document.
    func result(_ text: String) {
        if json { note(text) } else { print(text) }
    }

    /// Prints `value` as the JSON document on standard output when `--json`; returns whether it did.
    @discardableResult
    func emitJSON<T: Encodable>(_ value: T) throws -> Bool {
        guard json else { return false }
        try printJSON(value)
        return true
    }
}
