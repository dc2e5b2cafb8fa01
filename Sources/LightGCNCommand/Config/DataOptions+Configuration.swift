import Foundation
import RecData

extension DataOptions {
    /// The `[data]` table of a run's effective configuration: every option given, with paths
    /// made absolute, the split seed in effect, and the data root in effect when `--data` is a
    /// dataset name (so that the file finds the same data from any directory). Options left at
    /// a default that depends on the dataset are comments.
    func configurationEntries() -> [RunConfiguration.Entry] {
        typealias Entry = RunConfiguration.Entry
        func text(_ key: String, _ value: String?, unset: String) -> Entry {
            value.map { .set(key, .string($0)) } ?? .unset(key, unset)
        }
        var entries: [Entry] = []
        if let data { entries.append(.set("data", .string(Self.absolutePath(data)))) }
        if let dataRoot {
            entries.append(.set("data-root", .string(Self.absolutePath(dataRoot))))
        } else if let data, !FileManager.default.fileExists(atPath: data) {
            let root = DatasetLocator().dataRoot
            entries.append(.set("data-root", .string(Self.absolutePath(root)),
                                note: "in effect when the run looked up '\(data)'"))
        }
        entries.append(text("split", split?.rawValue, unset: "not set (holdout for data without a published split)"))
        entries.append(text("split-fractions", splitFractions, unset: "not set (0.8,0.1,0.1)"))
        entries.append(text("temporal-cuts", temporalCuts, unset: "not set (0.8,0.9)"))
        entries.append(.set("split-seed", .unsigned(splitSeed ?? 42)))
        entries.append(text("min-rating", minRating, unset: "not set (the dataset's default: 4 for MovieLens, none otherwise)"))
        entries.append(kCore.map { .set("k-core", .integer($0)) } ?? .unset("k-core", "not set (no filtering)"))
        entries.append(validationFraction.map { .set("validation-fraction", .float($0)) }
                       ?? .unset("validation-fraction", "not set (0.1 of a published training split)"))
        entries.append(.set("paper-protocol", .boolean(paperProtocol)))
        entries.append(text("user-column", userColumn, unset: "not set (found by name)"))
        entries.append(text("item-column", itemColumn, unset: "not set (found by name)"))
        entries.append(text("rating-column", ratingColumn, unset: "not set (found by name)"))
        entries.append(text("time-column", timeColumn, unset: "not set (found by name)"))
        entries.append(text("separator", separator, unset: "not set (detected from the header)"))
        entries.append(text("encoding", encoding?.rawValue, unset: "not set (utf8)"))
        entries.append(text("event-weights", eventWeights, unset: "not set (the defaults, for an event store)"))
        entries.append(text("half-life", halfLife, unset: "not set (no time decay)"))
        return entries
    }
}
