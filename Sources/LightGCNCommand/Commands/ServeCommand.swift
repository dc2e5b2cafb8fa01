import ArgumentParser
import Dispatch
import Foundation
import RecServing

/// `lightgcn serve`: an HTTP server answering recommendation requests from a saved model.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve recommendations of a saved model of any kind over HTTP.",
        discussion: """
            Any model kind that 'lightgcn train --model' writes is served through the same scoring \
            path as 'lightgcn evaluate'. Users and items are named by the dataset's own ids when \
            the model records them, by 0-based indices otherwise; results carry item titles where \
            the dataset has them. \
            Routes: GET /recommend?user=ID&k=20; POST /recommend {"items": [ids], "k": 20} \
            (a new or anonymous user: folded in through LightGCN's propagation, scored directly by \
            EASE, ItemKNN, GF-CF, iALS and popularity; the given items are \
            never returned; for a model trained with user features also {"features": {"gender": "F", \
            "age": 31}}, alone or with items); GET /similar?item=ID&k=20[&metric=cosine|inner]; GET /health; GET /metrics \
            (Prometheus); POST /admin/reload with 'Authorization: Bearer TOKEN' and optionally \
            {"path": "other.lgcn"} (reloads --model or loads another file; in-flight requests finish \
            on the old model). Errors are JSON {"error": ..., "status": ...}. Stops on SIGINT or SIGTERM.

            Business rules on /recommend (query parameters, or the same names as POST body fields) \
            and /similar, applied inside the top-k so that k items come back whenever k are \
            eligible: exclude=ID,ID (never these; list what was shown to page), include=ID,ID (only \
            these), filter=COND (repeatable; all must hold: column:v1|v2, column!:v1, column>=N, \
            <=, >, <, =, != on the item attributes, e.g. genre:Comedy, year>=1990), \
            exclude_seen=false (training items allowed back), offset=N (skip N eligible items). A \
            bad filter is a 400 naming the condition; an unknown id in include/exclude a 404.

            --json prints the startup line as one JSON object on standard output \
            ({"listening": "http://HOST:PORT", "model": …, "users": …, "items": …, "dimension": …, \
            "loadSeconds": …}), for scripts that wait for the server.

            Exit codes: 0 stopped by a signal; 1 a runtime error (unreadable model, port in use); \
            64 a usage error.
            """)

    @Option(help: "A model file written by 'lightgcn train --output' or 'lightgcn import'.") var model: String
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "TCP port.") var port = 8080
    @Option(name: .customLong("max-k"), help: "The largest k a request may ask for.") var maxK = 1000
    @Option(help: "The largest request body accepted, in bytes.") var maxBodyBytes = 65536
    @Option(help: "Bearer token for POST /admin/reload (or LIGHTGCN_ADMIN_TOKEN); without one the admin route is disabled.")
    var adminToken: String?
    @OptionGroup(title: "Output") var console: ConsoleOptions

    func run() throws {
        var options = ServerOptions()
        options.host = host
        options.port = port
        options.maxK = maxK
        options.maxBodyBytes = maxBodyBytes
        options.adminToken = adminToken ?? ProcessInfo.processInfo.environment["LIGHTGCN_ADMIN_TOKEN"]
        do { try options.validate() } catch { throw ValidationError(error.message) }
        let progress = console.progress()
        progress.update("loading \(model)…")
        let store = try ModelStore(path: model)
        progress.clear()
        let served = store.current
        let startup = ServeStartup(listening: "http://\(host):\(port)", model: model, kind: served.kind.rawValue,
                                   users: served.userCount, items: served.itemCount, dimension: served.dimension,
                                   loadSeconds: served.loadSeconds)
        if try !console.emitJSON(startup) {
            console.note(String(format: "loaded %@ (%@): %d users, %d items%@ in %.3f s; listening on http://%@:%d",
                                model, served.kind.displayName, served.userCount, served.itemCount,
                                served.dimension.map { ", dim \($0)" } ?? "", served.loadSeconds, host, port))
        }
        let app = RecommendationServer(store: store, options: options).makeApplication()
        let outcome = ServerOutcome()
        Task {
            do { try await app.runService() } catch { outcome.fail(error) }
            outcome.finish()
        }
        try outcome.wait()
    }
}

/// The startup line of `serve --json`.
struct ServeStartup: Encodable {
    var listening: String
    var model: String
    var kind: String
    var users: Int
    var items: Int
    var dimension: Int?
    var loadSeconds: Double
}

/// How the server task ended, for the synchronous command to wait on.
final class ServerOutcome: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var error: (any Error)?

    /// Records the error the server stopped with.
    func fail(_ error: any Error) { lock.withLock { self.error = error } }
    /// Signals that the server has stopped.
    func finish() { done.signal() }
    /// Blocks until the server stops; rethrows its error.
    func wait() throws {
        done.wait()
        if let error = lock.withLock({ self.error }) { throw error }
    }
}
