import Hummingbird
import Logging

/// The HTTP front end of a served model (Hummingbird 2). Users and items are named by the
/// dataset's own ids when the model records them (its catalog), by their dense indices
/// (`0`, `1`, …) otherwise; `GET /health` says which (`"ids": "dataset"` or `"index"`).
///
/// - `GET /recommend?user=ID&k=20[&exclude_seen=true]`: top-k items of a known user,
///   `{"user": ID, "k": 20, "items": [ITEM, …]}`;
/// - `POST /recommend` `{"items": [ids], "k": 20}`: top-k for a new or anonymous user, folded
///   in through LightGCN's propagation (``PropagationFoldInStrategy``); the given items are never
///   returned; for a model trained with user features, `"features": {column: value}` describes
///   the user too (or alone); an ID-only model answers 400 to `"features"`;
/// - `GET /similar?item=ID&k=20[&metric=cosine|inner]`: the items nearest to an item,
///   `{"item": ID, "index": n, "title": …, "k": 20, "metric": "cosine", "items": [ITEM, …]}`;
/// - `GET /health`, `GET /metrics` (Prometheus text);
/// - `POST /events` (a server with an event store, ``LiveRecommender``): one event object or an
///   array (JSON), NDJSON (`Content-Type: application/x-ndjson`) or CSV (`text/csv`); 200
///   `{"inserted": n, "duplicates": d}` once the batch is committed; the user's next
///   `/recommend` folds in their new items; 400 names the event and field of a bad batch
///   (nothing of it is stored); 503 with `Retry-After` when the ingest queue is full;
/// - `POST /admin/retrain` (admin token; `?wait=true` answers with the outcome, otherwise 202):
///   trains a candidate on the store's events and swaps it in only if it is not worse on the
///   most recent events held out; 409 while one runs;
/// - `POST /admin/reload` with `Authorization: Bearer TOKEN`, optionally `{"path": "file"}`:
///   load the model file (again, or another one) and swap it in; requests in flight finish on
///   the old model.
///
/// Each `ITEM` is `{"item": ID, "index": n, "score": s, "title": "…"}`: the item's id (a string),
/// its dense index (its row in the exported `item_embedding`), the score (higher is better) and,
/// only when the dataset has one, its title.
///
/// Scoring goes through a ``ScoringBatcher``: requests that arrive while the scorer is busy are
/// scored up to 32 at a time in one pass over the items (same results, less memory traffic).
///
/// Errors are JSON `{"error": message, "status": code}`: 400 invalid parameter or JSON, 401/403
/// admin credentials, 404 unknown user, item or path, 413 body over the limit, 500 a failed
/// reload of the current file.
public struct RecommendationServer: Sendable {
    /// The model being served.
    public let store: ModelStore
    /// Limits, address and admin token.
    public let options: ServerOptions
    /// Request counters and latencies.
    public let metrics: ServerMetrics
    /// How `POST /recommend` turns a new user's items (and features) into an embedding.
    public let foldIn: any FoldInStrategy
    /// Scores requests that arrive together in shared passes over the items.
    public let batcher: ScoringBatcher
    /// The event store, live profiles and retrains (`serve --store`); nil serves the model alone.
    public let live: LiveRecommender?
    /// Called with the request's model just before scoring; tests use it to hold a request in
    /// flight. Nil (no cost) in production.
    var scoringHook: (@Sendable (ServingModel) async -> Void)?

    /// A server for the model in `store`.
    public init(store: ModelStore, options: ServerOptions = ServerOptions(),
                metrics: ServerMetrics = ServerMetrics(), foldIn: any FoldInStrategy = PropagationFoldInStrategy(),
                batcher: ScoringBatcher = ScoringBatcher(), live: LiveRecommender? = nil) {
        self.store = store
        self.live = live
        self.batcher = batcher
        self.options = options
        self.metrics = metrics
        self.foldIn = foldIn
    }

    /// The router with every route and the metrics middleware.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: MetricsMiddleware<BasicRequestContext>(metrics: metrics))
        let handlers = RouteHandlers(store: store, options: options, metrics: metrics, foldIn: foldIn, batcher: batcher,
                                     live: live, scoringHook: scoringHook)
        router.get("recommend") { request, _ in await handlers.recommendForUser(request) }
        router.post("recommend") { request, _ in await handlers.recommendForItems(request) }
        router.get("similar") { request, _ in await handlers.similar(request) }
        router.get("health") { _, _ in handlers.health() }
        router.get("metrics") { _, _ in handlers.prometheus() }
        router.post("admin/reload") { request, _ in await handlers.reload(request) }
        router.post("events") { request, _ in await handlers.events(request) }
        router.post("admin/retrain") { request, _ in await handlers.retrain(request) }
        return router
    }

    /// The application listening on `options.host:options.port`; run it with `runService()`.
    public func makeApplication(logger: Logger? = nil) -> some ApplicationProtocol {
        var log = logger ?? Logger(label: "lightgcn.serve")
        if logger == nil { log.logLevel = .warning }
        return Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port),
                                                    serverName: "lightgcn"),
            logger: log)
    }
}
