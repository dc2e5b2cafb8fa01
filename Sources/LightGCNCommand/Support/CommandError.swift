/// A runtime failure of a command (an unknown user, data that does not fit the model): printed
/// as `Error: <message>` and exit status 1. Usage errors (a bad option value) are
/// `ValidationError`s instead, with exit status 64.
struct CommandError: Error, CustomStringConvertible {
    /// One sentence saying what was wrong and what to do.
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
