import Foundation

/// Progress on standard error: on a terminal one line rewritten in place; when piped, only the
/// lines of finished steps (`step`, `finish`), so logs hold one plain line per epoch.
final class ProgressLine {
    let isTerminal: Bool
    let quiet: Bool
    var hasOpenLine = false

    init(quiet: Bool) {
        self.quiet = quiet
        isTerminal = isatty(STDERR_FILENO) == 1
    }

    /// Updates the in-place line (terminal only; nothing when piped).
    func update(_ text: String) {
        guard !quiet, isTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(text)".utf8))
        hasOpenLine = true
    }

    /// A finished step: rewritten in place on a terminal (the next step replaces it), a plain
    /// line when piped.
    func step(_ text: String) {
        if isTerminal { update(text) } else { finish(text) }
    }

    /// Erases the in-place line, leaving nothing (for a step too short to report).
    func clear() {
        guard !quiet, isTerminal, hasOpenLine else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
        hasOpenLine = false
    }

    /// Prints a finished line that stays.
    func finish(_ text: String) {
        guard !quiet else { return }
        let prefix = isTerminal && hasOpenLine ? "\r\u{1B}[2K" : ""
        FileHandle.standardError.write(Data("\(prefix)\(text)\n".utf8))
        hasOpenLine = false
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data("\(text)\n".utf8))
}

/// Formats seconds as "1h02m", "3m05s" or "12.3s".
func formatDuration(_ seconds: Double) -> String {
    if !seconds.isFinite { return "?" }
    if seconds >= 3600 { return String(format: "%dh%02dm", Int(seconds) / 3600, (Int(seconds) % 3600) / 60) }
    if seconds >= 60 { return String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60) }
    return String(format: "%.1fs", seconds)
}
