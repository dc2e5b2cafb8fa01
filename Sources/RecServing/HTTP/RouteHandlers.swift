import Foundation
import Hummingbird
import RecTraining

/// The work behind each route. Every handler reads the current model once, validates its
/// input, and answers with JSON; invalid input becomes a JSON error with the right status, never
/// a crash.
struct RouteHandlers: Sendable {
    let store: ModelStore
    let options: ServerOptions
    let metrics: ServerMetrics
    let foldIn: any FoldInStrategy

    /// Runs `body`, turning a ``ServingError`` into its JSON error response.
    func answer(_ body: () async throws(ServingError) -> Response) async -> Response {
        do { return try await body() } catch { return ServingResponses.error(error) }
    }

    /// `GET /recommend?user=ID&k=20&exclude_seen=true`.
    func recommendForUser(_ request: Request) async -> Response {
        await answer { () throws(ServingError) in
            let model = store.current
            let query = QueryParameters(request)
            let user = try ServingRequests.checkUser(query.integer("user"), model: model)
            let k = try query.k(options)
            let excludeSeen = try query.boolean("exclude_seen", default: true)
            let items = model.recommend(user: user, k: k, excludeSeen: excludeSeen)
            return ServingResponses.json("{\"user\":\(user),\"k\":\(k),\"items\":\(ServingResponses.items(items))}")
        }
    }

    /// `POST /recommend` with `{"items": [...], "k": 20}`: fold-in of an anonymous user.
    func recommendForItems(_ request: Request) async -> Response {
        await answer { () throws(ServingError) in
            let body = try await collectBody(request)
            let model = store.current
            let (items, k) = try ServingRequests.foldIn(body, model: model, options: options)
            let embedding = foldIn.userEmbedding(items: items, model: model)
            let result = model.recommend(embedding: embedding, k: k, excluding: items)
            return ServingResponses.json("{\"k\":\(k),\"items\":\(ServingResponses.items(result))}")
        }
    }

    /// `GET /similar?item=ID&k=20&metric=cosine`.
    func similar(_ request: Request) async -> Response {
        await answer { () throws(ServingError) in
            let model = store.current
            let query = QueryParameters(request)
            let item = try ServingRequests.checkItem(query.integer("item"), model: model)
            let k = try query.k(options)
            let metric = try query.metric()
            let items = model.similar(item: item, k: k, metric: metric)
            return ServingResponses.json(
                "{\"item\":\(item),\"k\":\(k),\"metric\":\"\(metric.rawValue)\",\"items\":\(ServingResponses.items(items))}")
        }
    }

    /// `GET /health`: the model being served.
    func health() -> Response {
        let model = store.current
        let loadedAt = ISO8601DateFormatter().string(from: model.loadedAt)
        return ServingResponses.json("""
            {"status":"ok","model":\(JSONText.quoted(model.source)),"dataset":\(JSONText.quoted(model.datasetName)),\
            "users":\(model.userCount),"items":\(model.itemCount),"dimension":\(model.dimension),\
            "loadedAt":"\(loadedAt)","loadSeconds":\(JSONText.number(model.loadSeconds)),"reloads":\(store.reloads)}
            """)
    }

    /// `GET /metrics`: Prometheus text.
    func prometheus() -> Response {
        let model = store.current
        let text = metrics.prometheusText(gauges: [
            ("lightgcn_model_users", "Users of the model being served.", Double(model.userCount)),
            ("lightgcn_model_items", "Items of the model being served.", Double(model.itemCount)),
            ("lightgcn_model_reloads_total", "Models swapped in by /admin/reload.", Double(store.reloads)),
            ("lightgcn_model_load_seconds", "Seconds to read and prepare the model being served.", model.loadSeconds),
        ])
        return ServingResponses.text(text, contentType: "text/plain; version=0.0.4; charset=utf-8")
    }

    /// `POST /admin/reload` with `Authorization: Bearer TOKEN`: reads the model file again and
    /// swaps it in; requests in flight finish on the old model.
    func reload(_ request: Request) async -> Response {
        await answer { () throws(ServingError) in
            try authorize(request)
            let store = self.store
            let outcome: Result<ServingModel, ModelFileError> = await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(returning: Result { () throws(ModelFileError) in try store.reload() })
                }
            }
            switch outcome {
            case .success(let model):
                return ServingResponses.json("""
                    {"status":"reloaded","model":\(JSONText.quoted(model.source)),"users":\(model.userCount),\
                    "items":\(model.itemCount),"loadSeconds":\(JSONText.number(model.loadSeconds)),"reloads":\(store.reloads)}
                    """)
            case .failure(let error):
                throw .internalError("reload failed, still serving the previous model: \(error)")
            }
        }
    }

    /// Checks the bearer token of an admin request.
    func authorize(_ request: Request) throws(ServingError) {
        guard let token = options.adminToken else {
            throw .forbidden("admin routes are disabled: start the server with --admin-token")
        }
        guard let header = request.headers[.authorization] else {
            throw .unauthorized("missing 'Authorization: Bearer TOKEN' header")
        }
        let prefix = "Bearer "
        guard header.hasPrefix(prefix), Self.constantTimeEqual(String(header.dropFirst(prefix.count)), token) else {
            throw .forbidden("invalid admin token")
        }
    }

    /// The request body, at most `options.maxBodyBytes` (413 beyond).
    func collectBody(_ request: Request) async throws(ServingError) -> Data {
        let limit = options.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw .payloadTooLarge("the body has \(length) bytes; the limit is \(limit)")
        }
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
        } catch {
            if (error as? any HTTPResponseError)?.status == .contentTooLarge {
                throw .payloadTooLarge("the body is larger than the limit of \(limit) bytes")
            }
            throw .badRequest("could not read the request body")
        }
    }

    /// String equality in time independent of where the strings differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(truncatingIfNeeded: x.count ^ y.count)
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0 && x.count == y.count
    }
}
