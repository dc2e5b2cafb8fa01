import ArgumentParser
import Dispatch
import Foundation
import RecServing
import RecStore

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
            exclude_seen=false (the user's own items allowed back), offset=N (skip N eligible items). A \
            bad filter is a 400 naming the condition; an unknown id in include/exclude a 404.

            With --store (sqlite:PATH, PATH.sqlite, or postgres://user@host:port/db; a SQLite file \
            is created on first use) the server is a living recommender: POST /events takes one \
            event object, a JSON array, NDJSON (Content-Type: application/x-ndjson) or CSV \
            (text/csv) with the fields of 'lightgcn events import', and answers 200 \
            {"inserted": n, "duplicates": d} only once the batch is committed; a bad batch is a \
            400 naming the event and field, and nothing of it is stored; a full ingest queue \
            (--ingest-queue events) is a 503 with Retry-After. A user's new events change their \
            next /recommend at once (their new positive items are folded in, negative ones such \
            as dislike or return are never recommended; the answer carries "live": true). POST \
            /admin/retrain (admin token; ?wait=true waits for the outcome) or --retrain-every \
            trains a candidate of the served kind on a snapshot of the store, compares it with \
            the served model on each user's most recent event held out, and swaps it in only if \
            its Recall@k is not worse (written beside the served file as NAME.events-CURSOR.lgcn \
            and recorded in the store's model versions). Between retrains, --update-every N \
            and/or --update-interval T fold the live pairs into a LightGCN or MF model in memory \
            (IncrementalUpdate: new users and items added, the affected rows refreshed by a few \
            BPR steps). /health and /metrics report the store, \
            events since the model, lag, ingest rate, queue depth and retrains. On SIGINT or \
            SIGTERM the ingest queue is drained before the store is closed.

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
    @Option(help: ArgumentHelp("An event store to ingest into and learn from: sqlite:PATH, PATH.sqlite, or postgres://user@host:port/db.",
                               valueName: "store"))
    var store: String?
    @Option(name: .customLong("event-weights"), help: ArgumentHelp(
        "Weights per event type (e.g. view=1,cart=3,purchase=5; 0 ignores a type; dislike and return are negative feedback).",
        valueName: "list"))
    var eventWeights: String?
    @Option(name: .customLong("half-life"), help: "Time decay of old events in retrains (e.g. 30d).") var halfLife: String?
    @Option(name: .customLong("ingest-queue"), help: "Events admitted but not yet committed before POST /events answers 503.")
    var ingestQueue = 50_000
    @Option(name: .customLong("retrain-every"), help: ArgumentHelp("Retrain on a schedule (e.g. 6h, 30m).", valueName: "duration"))
    var retrainEvery: String?
    @Option(name: .customLong("update-every"), help: ArgumentHelp(
        "Fold the live events into a LightGCN or MF model (an incremental update of the affected rows) every N stored events.",
        valueName: "events"))
    var updateEvery: Int?
    @Option(name: .customLong("update-interval"), help: ArgumentHelp(
        "…and at least this often while events arrive (e.g. 60s, 5m).", valueName: "duration"))
    var updateInterval: String?
    @Option(name: .customLong("fold-in"), help: ArgumentHelp(
        "How a new or live user is folded into a LightGCN model: exact (the enlarged graph's propagation, cost grows with the items' degrees) or trained-layers (the trained neighbours' layers: cheaper, exact for one layer).",
        valueName: "exact|trained-layers"))
    var foldIn = "exact"
    @Option(name: .customLong("max-events-body-bytes"), help: "The largest POST /events body accepted, in bytes.")
    var maxEventsBodyBytes = 8 << 20
    @OptionGroup(title: "Output") var console: ConsoleOptions

    func validate() throws {
        if let store {
            do { _ = try EventStoreLocation(store) } catch { throw ValidationError("--store: \(error)") }
        } else if eventWeights != nil || halfLife != nil || retrainEvery != nil || updateEvery != nil || updateInterval != nil {
            throw ValidationError("--event-weights, --half-life, --retrain-every, --update-every and --update-interval need --store")
        }
        if let updateEvery, updateEvery < 1 { throw ValidationError("--update-every must be ≥ 1, got \(updateEvery)") }
        if let updateInterval {
            do { _ = try HalfLife(parsing: updateInterval) } catch {
                throw ValidationError("--update-interval '\(updateInterval)': expected a positive number and a unit s, m, h, d or w (e.g. 60s)")
            }
        }
        guard ["exact", "trained-layers"].contains(foldIn) else {
            throw ValidationError("--fold-in must be exact or trained-layers, got '\(foldIn)'")
        }
        if ingestQueue < 1 { throw ValidationError("--ingest-queue must be ≥ 1, got \(ingestQueue)") }
        _ = try weighting()
        if let retrainEvery {
            do { _ = try HalfLife(parsing: retrainEvery) } catch {
                throw ValidationError("--retrain-every '\(retrainEvery)': expected a positive number and a unit s, m, h, d or w (e.g. 6h)")
            }
        }
    }

    /// The weighting of `--event-weights` and `--half-life`.
    private func weighting() throws -> EventWeighting {
        do { return try EventWeighting(parsingWeights: eventWeights, halfLife: halfLife) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        var options = ServerOptions()
        options.host = host
        options.port = port
        options.maxK = maxK
        options.maxBodyBytes = maxBodyBytes
        options.maxEventsBodyBytes = maxEventsBodyBytes
        options.adminToken = adminToken ?? ProcessInfo.processInfo.environment["LIGHTGCN_ADMIN_TOKEN"]
        do { try options.validate() } catch { throw ValidationError(error.message) }
        let progress = console.progress()
        progress.update("loading \(model)…")
        let models = try ModelStore(path: model)
        let live = try store.map { try openLive(location: try EventStoreLocation($0), models: models) }
        progress.clear()
        let served = models.current
        let startup = ServeStartup(listening: "http://\(host):\(port)", model: model, kind: served.kind.rawValue,
                                   users: served.userCount, items: served.itemCount, dimension: served.dimension,
                                   loadSeconds: served.loadSeconds)
        if try !console.emitJSON(startup) {
            console.note(String(format: "loaded %@ (%@): %d users, %d items%@ in %.3f s; listening on http://%@:%d",
                                model, served.kind.displayName, served.userCount, served.itemCount,
                                served.dimension.map { ", dim \($0)" } ?? "", served.loadSeconds, host, port))
        }
        let schedule = retrainEvery.flatMap { try? HalfLife(parsing: $0) }.flatMap { every in live.map { $0.retrainEvery(every.seconds) } }
        let updates = (updateEvery != nil || updateInterval != nil) ? live.map {
            $0.updateEvery(events: updateEvery, seconds: updateInterval.flatMap { try? HalfLife(parsing: $0) }?.seconds)
        } : nil
        if updates != nil, let live, !LiveIncrementalUpdate.supports(live.models.current) {
            console.note("note: --update-every/--update-interval apply to LightGCN and MF models without side features; "
                         + "this \(served.kind.displayName) model is refreshed by retrains only")
        }
        let app = RecommendationServer(store: models, options: options, foldIn: foldInStrategy, live: live).makeApplication()
        let outcome = ServerOutcome()
        Task {
            do { try await app.runService() } catch { outcome.fail(error) }
            schedule?.cancel()
            updates?.cancel()
            if let live {
                let waiting = live.ingestor.queueDepth
                await live.close()
                if waiting > 0 { console.note("drained \(waiting) queued events before closing \(live.storeName)") }
            }
            outcome.finish()
        }
        try outcome.wait()
    }

    /// The fold-in of `--fold-in`.
    private var foldInStrategy: PropagationFoldInStrategy {
        PropagationFoldInStrategy(propagation: foldIn == "exact" ? .exact : .trainedNeighbourLayers)
    }

    /// Opens (and migrates) the store and the live profiles over the served model.
    private func openLive(location: EventStoreLocation, models: ModelStore) throws -> LiveRecommender {
        let weighting = try self.weighting(), console = self.console, capacity = ingestQueue, name = location.displayName
        let foldIn = foldInStrategy
        let (live, start) = try runBlocking { () async throws -> (LiveRecommender, LiveRecommender.Start) in
            let store = try await location.open()
            do {
                return try await LiveRecommender.open(models: models, store: store, storeName: name, weighting: weighting,
                                                      queueCapacity: capacity, foldIn: foldIn, log: { console.note($0) })
            } catch {
                try? await store.close()
                throw error
            }
        }
        console.note(start.recorded
            ? "event store \(name): the model was trained on events up to sequence \(start.modelCursor); "
                + "\(start.eventsAfterCursor) newer events applied to live profiles"
            : "event store \(name): the store has no record of \(model), so its \(start.eventsAfterCursor) events "
                + "are applied to live profiles")
        return live
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
