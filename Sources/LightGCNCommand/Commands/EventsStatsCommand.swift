import ArgumentParser
import Foundation
import RecStore

/// `lightgcn events stats --store S`: what a store holds.
struct EventsStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print the counts of an event store (events by type, users, items, time range, model versions).")

    @Option(help: ArgumentHelp("The store: sqlite:PATH, PATH.sqlite, or postgres://user@host:port/db.", valueName: "store"))
    var store: String
    @OptionGroup(title: "Output") var console: ConsoleOptions

    func validate() throws {
        do { _ = try EventStoreLocation(store) } catch { throw ValidationError("--store: \(error)") }
    }

    func run() throws {
        let location = try EventStoreLocation(store)
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw CommandError("\(path): no such store (it is created by 'lightgcn events import')")
        }
        let counts = try runBlocking { () async throws -> StoreCounts in
            let store = try await location.open()
            do {
                let counts = try await store.counts()
                try await store.close()
                return counts
            } catch {
                try? await store.close()
                throw error
            }
        }
        let summary = EventsStatsSummary(store: location.displayName, counts: counts)
        if try console.emitJSON(summary) { return }
        var lines = ["\(location.displayName) (schema version \(counts.schemaVersion))",
                     "events: \(grouped(counts.events)) (\(grouped(counts.distinctUsers)) users, \(grouped(counts.distinctItems)) items)"]
        for (type, n) in counts.eventsByType.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            lines.append("  \(type): \(grouped(n))")
        }
        if let range = counts.timeRange {
            lines.append("time: \(summary.firstEvent ?? "") … \(summary.lastEvent ?? "") (\(range.lowerBound) … \(range.upperBound) ms)")
        }
        lines.append("profiles: \(grouped(counts.userProfiles)) users, \(grouped(counts.itemProfiles)) items; "
                     + "model versions: \(counts.modelVersions)")
        console.result(lines.joined(separator: "\n"))
    }
}

/// The JSON document of `events stats --json`.
struct EventsStatsSummary: Encodable {
    var store: String
    var events: Int
    var users: Int
    var items: Int
    var eventsByType: [String: Int]
    var firstEvent: String?
    var lastEvent: String?
    var userProfiles: Int
    var itemProfiles: Int
    var modelVersions: Int
    var schemaVersion: Int

    init(store: String, counts: StoreCounts) {
        self.store = store
        events = counts.events
        users = counts.distinctUsers
        items = counts.distinctItems
        eventsByType = counts.eventsByType
        let format = ISO8601DateFormatter()
        firstEvent = counts.timeRange.map { format.string(from: Date(timeIntervalSince1970: Double($0.lowerBound) / 1000)) }
        lastEvent = counts.timeRange.map { format.string(from: Date(timeIntervalSince1970: Double($0.upperBound) / 1000)) }
        userProfiles = counts.userProfiles
        itemProfiles = counts.itemProfiles
        modelVersions = counts.modelVersions
        schemaVersion = counts.schemaVersion
    }
}
