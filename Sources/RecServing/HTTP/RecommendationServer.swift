import Hummingbird
import Logging

/// The HTTP front end of a served model (Hummingbird 2):
///
/// - `GET /recommend?user=ID&k=20[&exclude_seen=true]`: top-k items of a known user;
/// - `POST /recommend` `{"items": [ids], "k": 20}`: top-k for an anonymous user (fold-in, the
///   given items excluded);
/// - `GET /similar?item=ID&k=20[&metric=cosine|inner]`: the items nearest to an item;
/// - `GET /health`, `GET /metrics` (Prometheus text);
/// - `POST /admin/reload` with `Authorization: Bearer TOKEN`: reload the model file.
///
/// Errors are JSON `{"error": message, "status": code}`: 400 invalid parameter or JSON, 401/403
/// admin credentials, 404 unknown user, item or path, 413 body over the limit.
public struct RecommendationServer: Sendable {
    /// The model being served.
    public let store: ModelStore
    /// Limits, address and admin token.
    public let options: ServerOptions
    /// Request counters and latencies.
    public let metrics: ServerMetrics
    /// How `POST /recommend` turns items into a user.
    public let foldIn: any FoldInStrategy

    /// A server for the model in `store`.
    public init(store: ModelStore, options: ServerOptions = ServerOptions(),
                metrics: ServerMetrics = ServerMetrics(), foldIn: any FoldInStrategy = MeanItemEmbeddingFoldIn()) {
        self.store = store
        self.options = options
        self.metrics = metrics
        self.foldIn = foldIn
    }

    /// The router with every route and the metrics middleware.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: MetricsMiddleware<BasicRequestContext>(metrics: metrics))
        let handlers = RouteHandlers(store: store, options: options, metrics: metrics, foldIn: foldIn)
        router.get("recommend") { request, _ in await handlers.recommendForUser(request) }
        router.post("recommend") { request, _ in await handlers.recommendForItems(request) }
        router.get("similar") { request, _ in await handlers.similar(request) }
        router.get("health") { _, _ in handlers.health() }
        router.get("metrics") { _, _ in handlers.prometheus() }
        router.post("admin/reload") { request, _ in await handlers.reload(request) }
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
