import Foundation
import Hummingbird
import RecStore

extension RouteHandlers {
    /// `POST /events`: one event object or an array (JSON), NDJSON or CSV by `Content-Type`;
    /// 200 `{"inserted": n, "duplicates": d}` after the commit (see ``EventIngestor``).
    func events(_ request: Request) async -> Response {
        await answer { () throws(ServingError) in
            guard let live else {
                throw .notFound("this server has no event store: start it with 'lightgcn serve --store events.sqlite' to accept events")
            }
            let format = Self.eventFormat(request.headers[.contentType])
            let body = try await collectBody(request, limit: options.maxEventsBodyBytes)
            let result = try await live.ingestor.ingest(body, format: format)
            return ServingResponses.json("{\"inserted\":\(result.inserted),\"duplicates\":\(result.duplicates)}")
        }
    }

    /// The body format a `Content-Type` names: `text/csv` → CSV, `application/x-ndjson`,
    /// `application/jsonl` (and similar) → NDJSON, anything else → JSON.
    static func eventFormat(_ contentType: String?) -> EventParser.Format {
        let type = (contentType ?? "").lowercased()
        if type.hasPrefix("text/csv") { return .csv }
        if type.contains("ndjson") || type.contains("jsonl") || type.contains("json-seq") { return .ndjson }
        return .json
    }

    /// `POST /admin/retrain[?wait=true]` with the admin token: 200 with the outcome when
    /// waiting, 202 `{"status": "started"}` otherwise; 409 while a retrain runs.
    func retrain(_ request: Request) async -> Response {
        await answer { () throws(ServingError) in
            try authorize(request)
            guard let live else {
                throw .notFound("this server has no event store to retrain from: start it with --store")
            }
            let wait = try QueryParameters(request).boolean("wait", default: false)
            if wait {
                let outcome = try await live.retrain()
                return ServingResponses.json(Self.json(outcome))
            }
            guard live.startRetrain() else { throw .conflict("a retrain or an incremental update is already running") }
            return ServingResponses.json("{\"status\":\"started\"}", status: 202)
        }
    }

    /// The `"store"` object of `/health`.
    func liveHealth(_ live: LiveRecommender) -> String {
        let totals = live.ingestor.totals
        return """
            {"location":\(JSONText.quoted(live.storeName)),"modelCursor":\(live.modelCursor),\
            "eventsSinceModel":\(live.eventsSinceModel),"lagSeconds":\(JSONText.number(live.lagSeconds)),\
            "liveUsers":\(live.profiles.userCount),"queueDepth":\(live.ingestor.queueDepth),\
            "queueCapacity":\(live.ingestor.capacity),"ingested":\(totals.inserted),"duplicates":\(totals.duplicates),\
            "eventsPerSecond":\(JSONText.number(live.ingestor.eventsPerSecond)),"retraining":\(live.isRetraining),\
            "incrementalUpdates":\(live.updateCount),\
            "lastRetrain":\(live.lastRetrain.map(Self.json) ?? "null")}
            """
    }

    /// The gauges `/metrics` adds for a living recommender.
    func liveGauges(_ live: LiveRecommender) -> [(name: String, help: String, value: Double)] {
        let totals = live.ingestor.totals
        let counts = live.retrainCounts
        var gauges: [(name: String, help: String, value: Double)] = [
            ("lightgcn_events_ingested_total", "Events stored through POST /events.", Double(totals.inserted)),
            ("lightgcn_events_duplicate_total", "Events ignored because their id was already stored.", Double(totals.duplicates)),
            ("lightgcn_event_batches_rejected_total", "POST /events batches refused as invalid (400).", Double(totals.rejectedBatches)),
            ("lightgcn_event_batches_refused_total", "POST /events batches refused with 503 (queue full).", Double(totals.refusedBatches)),
            ("lightgcn_event_batches_failed_total", "POST /events batches whose transaction failed (503).", Double(totals.failedBatches)),
            ("lightgcn_ingest_events_per_second", "Events stored per second over the last 10 s.", live.ingestor.eventsPerSecond),
            ("lightgcn_ingest_queue_depth", "Events admitted and waiting for their transaction.", Double(live.ingestor.queueDepth)),
            ("lightgcn_ingest_queue_capacity", "The most events the ingest queue admits.", Double(live.ingestor.capacity)),
            ("lightgcn_events_since_model", "Events stored since the served model's snapshot.", Double(live.eventsSinceModel)),
            ("lightgcn_model_lag_seconds", "Seconds since the served model's snapshot.", live.lagSeconds),
            ("lightgcn_live_users", "Users with events since the served model's snapshot.", Double(live.profiles.userCount)),
            ("lightgcn_retrain_seconds_total", "Seconds spent retraining.", live.retrainSeconds),
            ("lightgcn_retraining", "1 while a retrain runs.", live.isRetraining ? 1 : 0),
            ("lightgcn_incremental_updates_total", "Incremental updates that folded live pairs into the model.", Double(live.updateCount)),
            ("lightgcn_last_incremental_update_seconds", "Duration of the last incremental update.", live.lastUpdate?.seconds ?? 0),
        ]
        for decision in [RetrainOutcome.Decision.swapped, .kept, .skipped, .failed] {
            gauges.append(("lightgcn_retrains_\(decision.rawValue)_total", "Retrains that ended \(decision.rawValue).",
                           Double(counts[decision] ?? 0)))
        }
        if let last = live.lastRetrain {
            gauges.append(("lightgcn_last_retrain_seconds", "Duration of the last retrain.", last.seconds))
            if let served = last.servedRecall, let candidate = last.candidateRecall {
                gauges.append(("lightgcn_last_retrain_served_recall", "Recall@k of the served model on the last retrain's hold-out.", served))
                gauges.append(("lightgcn_last_retrain_candidate_recall", "Recall@k of the last candidate on its hold-out.", candidate))
            }
        }
        return gauges
    }

    /// An outcome as JSON.
    static func json(_ outcome: RetrainOutcome) -> String {
        (try? JSONEncoder().encode(outcome)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}
