import ArgumentParser
import Foundation
import RecStore

/// `lightgcn events import FILE --store S`: validates a whole file of events, then appends it
/// in transactions of `--batch-size` events.
struct EventsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import events from a CSV, NDJSON or JSON file into an event store.",
        discussion: """
            The format follows the extension: .csv (a header naming event_id, user, item, type, \
            timestamp and optionally value, source), .ndjson/.jsonl (one JSON object per line), .json \
            (an array of objects). timestamp is Unix seconds or an ISO-8601 date-time with zone. The \
            whole file is checked first: any bad event stops the import before anything is written, \
            and each problem is printed as FILE:LINE: FIELD: what is wrong. Valid files are appended \
            in transactions of --batch-size events; an event whose event_id is already stored is \
            counted as a duplicate and skipped, so an interrupted import can simply be run again.

            Exit codes: 0 success; 1 bad input or a store error; 64 a usage error.
            """)

    @Argument(help: "The events file (.csv, .ndjson, .jsonl or .json).") var file: String
    @Option(help: ArgumentHelp("The store: sqlite:PATH, PATH.sqlite, or postgres://user@host:port/db.", valueName: "store"))
    var store: String
    @Option(name: .customLong("batch-size"), help: "Events per transaction (1 to 10000).") var batchSize = 1000
    @Option(name: .customLong("event-types"), help: ArgumentHelp(
        "Accepted event types, comma-separated (default: view,click,cart,purchase,rating,like,dislike,return).",
        valueName: "list"))
    var eventTypes: String?
    @Option(help: "The source recorded for events that name none (default: import:FILE's name).") var source: String?
    @OptionGroup(title: "Output") var console: ConsoleOptions

    func validate() throws {
        guard (1...EventParser.defaultMaximumBatch).contains(batchSize) else {
            throw ValidationError("--batch-size must be between 1 and \(EventParser.defaultMaximumBatch), got \(batchSize)")
        }
        guard EventParser.Format(path: file) != nil else {
            throw ValidationError("'\(file)': expected a .csv, .ndjson, .jsonl or .json file")
        }
        do { _ = try EventStoreLocation(store) } catch { throw ValidationError("--store: \(error)") }
        if let eventTypes {
            do { _ = try EventTypes(parsing: eventTypes) } catch { throw ValidationError("--event-types: \(error)") }
        }
    }

    func run() throws {
        let format = EventParser.Format(path: file)!
        let location = try EventStoreLocation(store)
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw CommandError("cannot read \(file): \(error.localizedDescription)")
        }
        let parser = EventParser(types: try eventTypes.map(EventTypes.init(parsing:)) ?? .standard, maximumBatch: nil,
                                 defaultSource: source ?? "import:" + URL(fileURLWithPath: file).lastPathComponent)
        let progress = console.progress()
        progress.update("checking \(file)…")
        let parseStart = Date()
        let events: [StoreEvent]
        do {
            events = try parser.parse(data, format: format)
        } catch let error as EventBatchError {
            progress.clear()
            throw CommandError("\(file) was not imported (\(error.totalIssues) problem\(error.totalIssues == 1 ? "" : "s"); "
                               + "nothing was written):\n" + error.located(in: file))
        }
        let parseSeconds = Date().timeIntervalSince(parseStart)
        let batchSize = self.batchSize, console = self.console
        let start = Date()
        let totals = try runBlocking { () async throws -> AppendResult in
            let store = try await location.open()
            var totals = AppendResult(inserted: 0, duplicates: 0)
            do {
                for offset in stride(from: 0, to: events.count, by: batchSize) {
                    let batch = Array(events[offset..<min(offset + batchSize, events.count)])
                    let result = try await store.append(batch)
                    totals.inserted += result.inserted
                    totals.duplicates += result.duplicates
                    // Printed after the commit returned: with --verbose, a line is an acknowledgement.
                    console.detail("committed \(offset + batch.count) of \(events.count) events")
                }
            } catch {
                try? await store.close()
                throw CommandError("\(error)\n\(totals.inserted + totals.duplicates) of \(events.count) events were "
                                   + "committed before the failure; run the import again to add the rest "
                                   + "(events already stored are skipped)")
            }
            try await store.close()
            return totals
        }
        progress.clear()
        let seconds = Date().timeIntervalSince(start)
        let summary = EventsImportSummary(file: file, store: location.displayName, events: events.count,
                                          inserted: totals.inserted, duplicates: totals.duplicates,
                                          parseSeconds: parseSeconds, seconds: seconds)
        if try !console.emitJSON(summary) {
            console.result("\(file): \(events.count) events, \(totals.inserted) inserted, \(totals.duplicates) duplicates "
                           + "into \(location.displayName) in " + String(format: "%.2f s (%.0f events/s; file checked in %.2f s)",
                                                                           seconds, Double(events.count) / max(seconds, 1e-9), parseSeconds))
        }
    }
}

/// The JSON line of `events import --json`.
struct EventsImportSummary: Encodable {
    var file: String
    var store: String
    var events: Int
    var inserted: Int
    var duplicates: Int
    /// Reading and checking the file.
    var parseSeconds: Double
    /// Opening the store and writing every batch.
    var seconds: Double
}
