import ArgumentParser

/// `lightgcn events`: the event store (import, stats).
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Store user events in SQLite or PostgreSQL and inspect the store.",
        discussion: """
            A store is an SQLite file (sqlite:PATH, or a PATH ending in .sqlite or .db; created on first \
            use) or a PostgreSQL database (postgres://user[:password]@host:port/database). Train from \
            it with 'lightgcn train --data sqlite:PATH' (or the postgres:// URL).
            """,
        subcommands: [EventsImportCommand.self, EventsStatsCommand.self])
}
