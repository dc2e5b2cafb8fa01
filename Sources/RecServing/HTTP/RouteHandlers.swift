import Foundation
import Hummingbird
import RecModels
import RecTraining

/// The work behind each route. Every handler reads the current model once and uses it to the
/// end (so a reload never changes the model under a request), validates its input, and answers
/// with JSON; invalid input becomes a JSON error with the right status, never a crash.
struct RouteHandlers: Sendable {
    let store: ModelStore
    let options: ServerOptions
    let metrics: ServerMetrics
    let foldIn: any FoldInStrategy
    /// Scores concurrent requests in shared passes over the items.
    let batcher: ScoringBatcher
    /// The event store and live profiles (nil without `--store`).
    let live: LiveRecommender?
    /// Called with the request's model just before scoring (tests use it to hold a request in
    /// flight across a reload); nil in production.
    let scoringHook: (@Sendable (ServingModel) async -> Void)?

    /// Runs `body`, turning a ``ServingError`` into its JSON error response.
    func answer(_ body: () async throws(ServingError) -> Response) async -> Response {
        do { return try await body() } catch { return ServingResponses.error(error) }
    }

    /// `GET /recommend?user=ID&k=20` with business rules (``RuleParameters``: `exclude`,
    /// `include`, `filter`, `exclude_seen`, `offset`), through the model's ``Recommender``.
    func recommendForUser(_ request: Request) async -> Response {
        await answer { () throws(ServingError) in
            let model = store.current
            let query = QueryParameters(request)
            let id = try query.required("user")
            let k = try query.k(options)
            let rules = try RuleParameters.rules(query)
            let policy = try RuleParameters.policy(rules, model: model)
            if let live, case let profile = live.profiles.profile(of: String(id)), !profile.isEmpty,
               let work = try model.liveRequest(userID: String(id), profile: profile, k: k + rules.offset, rules: rules,
                                                policy: policy, foldIn: foldIn) {
                if let scoringHook { await scoringHook(model) }
                let items = Array(await batcher.score(work).dropFirst(rules.offset))
                return ServingResponses.json(
                    "{\"user\":\(JSONText.quoted(String(id))),\"k\":\(k),\"live\":true,\"items\":\(ServingResponses.items(items, model: model))}")
            }
            let user = try ServingRequests.user(id, model: model)
            if let scoringHook { await scoringHook(model) }
            let ranked = await batcher.score(model.request(user: user, k: k + rules.offset, candidates: policy))
            let items = Array(ranked.dropFirst(rules.offset))
            return ServingResponses.json(
                "{\"user\":\(JSONText.quoted(model.userID(at: user))),\"k\":\(k),\"items\":\(ServingResponses.items(items, model: model))}")
        }
    }

    /// `POST /recommend` with `{"items": [ids], "k": 20}` (and business rules as body fields):
    /// a new or anonymous user; the given items are never recommended.
    func recommendForItems(_ request: Request) async -> Response {
        await answer { () throws(ServingError) in
            let body = try await collectBody(request)
            let model = store.current
            let (user, k, rules) = try ServingRequests.newUser(body, model: model, options: options)
            let policy = try RuleParameters.policy(rules, model: model)
            let embedding = try foldIn.userEmbedding(for: user, model: model)
            if embedding == nil && user.items.isEmpty { throw .badRequest("'items' must list at least one item id") }
            let work = try model.request(newUserItems: user.items, embedding: embedding, k: k + rules.offset,
                                         mask: policy.mask(forUser: -1))
            if let scoringHook { await scoringHook(model) }
            let result = Array(await batcher.score(work).dropFirst(rules.offset))
            return ServingResponses.json("{\"k\":\(k),\"items\":\(ServingResponses.items(result, model: model))}")
        }
    }

    /// `GET /similar?item=ID&k=20&metric=cosine` with business rules (`exclude`, `include`,
    /// `filter`, `offset`).
    func similar(_ request: Request) async -> Response {
        await answer { () throws(ServingError) in
            let model = store.current
            let query = QueryParameters(request)
            let item = try ServingRequests.item(query.required("item"), model: model)
            let k = try query.k(options)
            let metric = try query.metric()
            let rules = try RuleParameters.rules(query, allowExcludeSeen: false)
            let policy = try RuleParameters.policy(rules, model: model)
            let work = try model.request(similarTo: item, k: k + rules.offset, metric: metric, mask: policy.mask(forUser: -1))
            if let scoringHook { await scoringHook(model) }
            let items = Array(await batcher.score(work).dropFirst(rules.offset))
            let title = model.itemTitle(at: item).map { ",\"title\":\(JSONText.quoted($0))" } ?? ""
            return ServingResponses.json("""
                {"item":\(JSONText.quoted(model.itemID(at: item))),"index":\(item)\(title),"k":\(k),\
                "metric":"\(model.similarityName(metric))","items":\(ServingResponses.items(items, model: model))}
                """)
        }
    }

    /// `GET /health`: the model being served.
    func health() -> Response {
        let model = store.current
        let loadedAt = ISO8601DateFormatter().string(from: model.loadedAt)
        return ServingResponses.json("""
            {"status":"ok","model":\(JSONText.quoted(model.source)),"dataset":\(JSONText.quoted(model.datasetName)),\
            "kind":"\(model.kind.rawValue)","users":\(model.userCount),"items":\(model.itemCount),\
            "dimension":\(model.dimension.map(String.init) ?? "null"),"newUsers":\(model.acceptsNewUsers),\
            "ids":"\(model.hasDatasetIDs ? "dataset" : "index")","features":\(model.acceptsFeatures),\
            "loadedAt":"\(loadedAt)","loadSeconds":\(JSONText.number(model.loadSeconds)),"reloads":\(store.reloads)\
            \(live.map { ",\"store\":" + liveHealth($0) } ?? "")}
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
        ] + (live.map(liveGauges) ?? []))
        return ServingResponses.text(text, contentType: "text/plain; version=0.0.4; charset=utf-8")
    }

    /// The request body, at most `options.maxBodyBytes` (413 beyond).
    func collectBody(_ request: Request, limit: Int? = nil) async throws(ServingError) -> Data {
        let limit = limit ?? options.maxBodyBytes
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
}
