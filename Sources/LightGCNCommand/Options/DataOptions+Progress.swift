import Foundation

extension DataOptions {
    /// `load()` with a progress line while the files are read and split, then the dataset's
    /// summary and one note per step taken (threshold, filter, split, validation).
    func loadShowingProgress(console: ConsoleOptions) throws -> Loaded {
        let progress = console.progress()
        progress.update("loading \(data ?? "the data")…")
        let start = Date()
        let loaded = try load()
        progress.finish("loaded in \(formatDuration(Date().timeIntervalSince(start))): \(loaded.dataset.summary)")
        for note in loaded.notes { console.note("  \(note)") }
        return loaded
    }
}
