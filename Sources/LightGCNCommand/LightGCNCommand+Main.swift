import ArgumentParser
import Foundation

extension LightGCNCommand {
    /// Parses and runs the command line, first expanding a `--config FILE` into options
    /// (`ConfigExpansion`).
    ///
    /// A configuration file that cannot be used exits with status 64 before anything runs.
    /// A parse or validation error caused by a value from the file names the file, its line
    /// and the key.
    static func main() {
        let arguments = Array(Swift.CommandLine.arguments.dropFirst())
        let expansion: ConfigExpansion
        do {
            expansion = try ConfigExpansion(arguments: arguments, subcommands: configuration.subcommands)
        } catch {
            printError("Error: \(error)")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(expansion.arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code != .success, let message = expansion.attributed(message(for: error)) {
                printError("Error: \(message)")
                Foundation.exit(code.rawValue)
            }
            exit(withError: error)
        }
    }
}
