import Foundation
import Hummingbird
import HummingbirdTesting
import RecModels
import RecServing
import RecStore
import RecTraining
import Testing

/// `serve --store`: `POST /events`, live profiles in `/recommend`, `POST /admin/retrain`, run
/// against SQLite and PostgreSQL.
@Suite("Living recommender server")
struct LiveServerTests {
    @Test("POST /events stores a batch once it is committed and counts duplicates", arguments: StoreBackend.allCases)
    func ingestStoresAndCountsDuplicates(backend: StoreBackend) async throws {
        try await backend.withStore { store, handle in
            let live = try await LiveFixture.make(store: store)
            let before = try await handle.rowCount("events")
            let batch = #"[{"event_id":"p1","user":"u0","item":"i3","type":"cart","timestamp":1800000000},"#
                + #"{"event_id":"p2","user":"new-user","item":"i4","type":"view","timestamp":"2027-01-01T00:00:00Z"},"#
                + #"{"event_id":"p3","user":"u1","item":"brand-new","type":"purchase","timestamp":1800000001}]"#
            try await live.test { client in
                let first = try await client.post("/events", batch)
                #expect(first.status == .ok)
                #expect(try jsonObject(first)["inserted"] as? Int == 3)
                #expect(try jsonObject(first)["duplicates"] as? Int == 0)
                let again = try await client.post("/events", batch)
                #expect(try jsonObject(again)["inserted"] as? Int == 0)
                #expect(try jsonObject(again)["duplicates"] as? Int == 3)
                // NDJSON and CSV bodies by Content-Type.
                let ndjson = try await client.post("/events", #"{"event_id":"p4","user":"u2","item":"i1","type":"view","timestamp":1800000002}"#,
                                                   contentType: "application/x-ndjson")
                #expect(try jsonObject(ndjson)["inserted"] as? Int == 1)
                let csv = try await client.post("/events", "event_id,user,item,type,timestamp\np5,u3,i2,view,1800000003\n",
                                                contentType: "text/csv")
                #expect(try jsonObject(csv)["inserted"] as? Int == 1)
                let store = try jsonObject(try await client.get("/health"))["store"] as? [String: Any]
                #expect(store?["ingested"] as? Int == 5)
                #expect(store?["duplicates"] as? Int == 3)
            }
            #expect(try await handle.rowCount("events") == before + 5)
            // Unknown users and items were created.
            #expect(try await store.profile("new-user", kind: .user) != nil)
            #expect(try await store.profile("brand-new", kind: .item) != nil)
        }
    }

    @Test("a bad batch is a 400 naming the event and field, and nothing of it is stored", arguments: StoreBackend.allCases)
    func badBatchRejectedWhole(backend: StoreBackend) async throws {
        try await backend.withStore { store, handle in
            let live = try await LiveFixture.make(store: store)
            let before = try await handle.rowCount("events")
            try await live.test { client in
                let bodies = [
                    #"[{"event_id":"ok","user":"u0","item":"i1","type":"view","timestamp":1800000000},"#
                        + #"{"event_id":"bad","user":"u0","item":"i1","type":"buy","timestamp":1800000000}]"#,
                    #"[{"event_id":"ok","user":"u0","item":"i1","type":"view","timestamp":1800000000},"#
                        + #"{"event_id":"bad","user":"u0","item":"i1","type":"view","value":"high","timestamp":1800000000}]"#,
                    #"{"event_id":"x'); DROP TABLE events; --","user":"u0","item":"i1","type":"view","timestamp":"soon"}"#,
                    #"[{"event_id":"ok","user":"u0""#,
                ]
                let fields = ["events[1].type", "events[1].value", "timestamp", "JSON"]
                for (body, field) in zip(bodies, fields) {
                    let response = try await client.post("/events", body)
                    try expectError(response, 400)
                    let message = try jsonObject(response)["error"] as? String ?? ""
                    #expect(message.contains(field), "\(message) should name \(field)")
                }
                let health = try await client.get("/health")
                #expect(health.status == .ok)
                #expect((try jsonObject(health)["store"] as? [String: Any])?["ingested"] as? Int == 0)
            }
            #expect(try await handle.rowCount("events") == before)
        }
    }

    @Test("huge batches: over the event limit a 400 that says so, over the body limit a 413; the server stays up")
    func hugeBatches() async throws {
        try await StoreBackend.sqlite.withStore { store, handle in
            let live = try await LiveFixture.make(store: store, queueCapacity: 50_000)
            let before = try await handle.rowCount("events")
            try await live.test { client in
                let ids = (0...EventParser.defaultMaximumBatch).map { "h\($0)" }
                let tooMany = try await client.post("/events", LiveFixture.events(ids, user: "u0", item: "i1"))
                try expectError(tooMany, 400)
                #expect((try jsonObject(tooMany)["error"] as? String ?? "").contains("split the batch"))
                let huge = String(repeating: " ", count: (8 << 20) + 1)
                try expectError(try await client.post("/events", huge), 413)
                #expect(try await client.get("/health").status == .ok)
            }
            #expect(try await handle.rowCount("events") == before)
        }
    }

    @Test("closing waits for the batches in the queue to commit")
    func closeDrains() async throws {
        try await StoreBackend.sqlite.withStore { store, handle in
            let gated = GatedStore(store)
            let live = try await LiveFixture.make(store: gated)
            let before = try await handle.rowCount("events")
            gated.closeGate()
            let body = Data(LiveFixture.events(["q1", "q2", "q3"], user: "u0", item: "i2").utf8)
            let ingest = Task { try await live.recommender.ingestor.ingest(body, format: .json) }
            while live.recommender.ingestor.queueDepth < 3 { try await Task.sleep(nanoseconds: 1_000_000) }
            #expect(await live.recommender.ingestor.drain(timeout: 0.1) == false)
            let closing = Task { await live.recommender.close() }
            try await Task.sleep(nanoseconds: 50_000_000)
            gated.open()
            await closing.value
            #expect(try await ingest.value.inserted == 3)
            #expect(live.recommender.ingestor.queueDepth == 0)
            #expect(try await handle.rowCount("events") == before + 3)
        }
    }

    @Test("a full ingest queue answers 503 with Retry-After; a batch larger than the queue 413")
    func backPressure() async throws {
        try await StoreBackend.sqlite.withStore { store, _ in
            let gated = GatedStore(store)
            let live = try await LiveFixture.make(store: gated, queueCapacity: 3)
            gated.closeGate()
            try await live.test { client in
                let held = Task {
                    try await client.post("/events", LiveFixture.events(["h1", "h2"], user: "u0", item: "i1"))
                }
                // Wait until the first batch is admitted and waiting for its transaction.
                while live.recommender.ingestor.queueDepth < 2 { try await Task.sleep(nanoseconds: 1_000_000) }
                let refused = try await client.post("/events", LiveFixture.events(["r1", "r2"], user: "u0", item: "i2"))
                try expectError(refused, 503)
                #expect(refused.headers[.retryAfter] == "1")
                let huge = try await client.post("/events", LiveFixture.events(["a", "b", "c", "d"], user: "u0", item: "i2"))
                try expectError(huge, 413)
                gated.open()
                let done = try await held.value
                #expect(done.status == .ok)
                let retried = try await client.post("/events", LiveFixture.events(["r1", "r2"], user: "u0", item: "i2"))
                #expect(try jsonObject(retried)["inserted"] as? Int == 2)
                let metrics = String(buffer: try await client.get("/metrics").body)
                #expect(metrics.contains("lightgcn_event_batches_refused_total 1"))
                #expect(metrics.contains("lightgcn_ingest_queue_depth 0"))
            }
        }
    }

    @Test("a user's new events change their next /recommend", arguments: [ModelKind.ease, .lightgcn])
    func eventsChangeRecommendations(kind: ModelKind) async throws {
        try await StoreBackend.sqlite.withStore { store, _ in
            let live = try await LiveFixture.make(store: store, kind: kind)
            try await live.test { client in
                let before = try scoredItems(try await client.get("/recommend?user=u0&k=5"))
                #expect(before.count == 5)
                // u0 (cluster of items i0…i9) buys two items of the other cluster and dislikes their top item.
                let top = before[0].id
                let body = #"[{"event_id":"c1","user":"u0","item":"i15","type":"purchase","timestamp":1900000000},"#
                    + #"{"event_id":"c2","user":"u0","item":"i16","type":"purchase","timestamp":1900000001},"#
                    + #"{"event_id":"c3","user":"u0","item":"\#(top)","type":"dislike","timestamp":1900000002}]"#
                #expect(try await client.post("/events", body).status == .ok)
                let response = try await client.get("/recommend?user=u0&k=5")
                #expect(try jsonObject(response)["live"] as? Bool == true)
                let after = try scoredItems(response)
                #expect(after.count == 5)
                #expect(!after.contains { ["i15", "i16", top].contains($0.id) })
                #expect(after.map(\.id) != before.map(\.id))
                #expect(after.contains { Int($0.id.dropFirst())! >= 10 }, "the other cluster's items should move up: \(after.map(\.id))")
                // A user the model never saw is recommended from their first event.
                #expect(try await client.post("/events", #"{"event_id":"c4","user":"stranger","item":"i12","type":"view","timestamp":1900000003}"#)
                    .status == .ok)
                let stranger = try scoredItems(try await client.get("/recommend?user=stranger&k=5"))
                #expect(stranger.count == 5)
                #expect(!stranger.contains { $0.id == "i12" })
                // …but one whose only item the model does not know gets a 404 that says so.
                _ = try await client.post("/events", #"{"event_id":"c5","user":"lost","item":"i999","type":"view","timestamp":1900000004}"#)
                let lost = try await client.get("/recommend?user=lost&k=5")
                try expectError(lost, 404)
                #expect((try jsonObject(lost)["error"] as? String ?? "").contains("no item this model knows"))
            }
        }
    }

    @Test("a retrain on new items swaps a better model in, records its version, and keeps the hold-out excluded",
          arguments: StoreBackend.allCases)
    func retrainSwaps(backend: StoreBackend) async throws {
        try await backend.withStore { store, handle in
            let live = try await LiveFixture.make(store: store)
            let servedPath = live.recommender.models.path
            try await live.test { client in
                // Every user meets two new items; the newer one is each user's hold-out, which the
                // served model (trained before the items existed) cannot rank.
                var events: [String] = []
                for u in 0..<LiveFixture.users {
                    let (first, second) = u < LiveFixture.users / 2 ? ("hot", "hot2") : ("hot2", "hot")
                    events.append(#"{"event_id":"n\#(u)a","user":"u\#(u)","item":"\#(first)","type":"purchase","timestamp":\#(1_900_000_000 + 2 * u)}"#)
                    events.append(#"{"event_id":"n\#(u)b","user":"u\#(u)","item":"\#(second)","type":"purchase","timestamp":\#(1_900_000_001 + 2 * u)}"#)
                }
                #expect(try await client.post("/events", "[" + events.joined(separator: ",") + "]").status == .ok)
                let unauthorized = try await client.post("/admin/retrain?wait=true", "")
                try expectError(unauthorized, 401)
                let response = try await client.post("/admin/retrain?wait=true", "", headers: [.authorization: "Bearer secret"])
                #expect(response.status == .ok)
                let outcome = try jsonObject(response)
                #expect(outcome["decision"] as? String == "swapped")
                #expect(outcome["heldOutUsers"] as? Int == LiveFixture.users)
                let served = try #require(outcome["servedRecall"] as? Double)
                let candidate = try #require(outcome["candidateRecall"] as? Double)
                #expect(served == 0)
                #expect(candidate > 0.9)
                #expect(outcome["cursor"] as? Int == LiveFixture.users * 6 + LiveFixture.users * 2)
                let path = try #require(outcome["modelPath"] as? String)
                #expect(FileManager.default.fileExists(atPath: path))
                #expect(live.recommender.models.path == path)
                #expect(live.recommender.models.current.itemIndex(of: "hot") != nil)
                // u0's hold-out (hot2) was not trained on, yet it stays excluded for u0.
                let ranked = try scoredItems(try await client.get("/recommend?user=u0&k=20"))
                #expect(!ranked.contains { $0.id == "hot2" || $0.id == "hot" })
                let health = try jsonObject(try await client.get("/health"))
                let storeHealth = try #require(health["store"] as? [String: Any])
                #expect(storeHealth["modelCursor"] as? Int == outcome["cursor"] as? Int)
                #expect(storeHealth["eventsSinceModel"] as? Int == 0)
                #expect((storeHealth["lastRetrain"] as? [String: Any])?["decision"] as? String == "swapped")
                let metrics = String(buffer: try await client.get("/metrics").body)
                #expect(metrics.contains("lightgcn_retrains_swapped_total 1"))
            }
            #expect(try await handle.rowCount("model_versions") == 1)
            // A restart on the new file finds its version: no event is new to it.
            let (_, start) = try await LiveRecommender.open(models: try ModelStore(path: live.recommender.models.path), store: store,
                                                            storeName: "test", weighting: EventWeighting())
            #expect(start.recorded)
            #expect(start.eventsAfterCursor == 0)
            #expect(servedPath != live.recommender.models.path)
        }
    }

    @Test("an incremental update folds the live pairs, new users and new items into a LightGCN model")
    func incrementalUpdate() async throws {
        try await StoreBackend.sqlite.withStore { store, _ in
            let live = try await LiveFixture.make(store: store, kind: .lightgcn, knownOutside: true)
            let before = live.recommender.models.current
            try await live.test { client in
                #expect(!(try scoredItems(try await client.get("/recommend?user=u0&k=30"))).contains { $0.id == "i7" })
                let body = #"[{"event_id":"d1","user":"u0","item":"i15","type":"purchase","timestamp":1900000000},"#
                    + #"{"event_id":"d2","user":"stranger","item":"i3","type":"view","timestamp":1900000001},"#
                    + #"{"event_id":"d3","user":"stranger","item":"fresh-item","type":"view","timestamp":1900000002},"#
                    + #"{"event_id":"d4","user":"u1","item":"fresh-item","type":"cart","timestamp":1900000003},"#
                    + #"{"event_id":"d5","user":"u2","item":"i4","type":"dislike","timestamp":1900000004}]"#
                #expect(try await client.post("/events", body).status == .ok)
                let result = try #require(await live.recommender.update())
                #expect(result.pairs == 4)
                #expect(result.newUsers == 1 && result.newItems == 1)
                let after = live.recommender.models.current
                #expect(after.userCount == before.userCount + 1 && after.itemCount == before.itemCount + 1)
                let stranger = try #require(after.userIndex(of: "stranger"))
                let fresh = try #require(after.itemIndex(of: "fresh-item"))
                #expect(after.seenItems.contains(row: stranger, Int32(fresh)))
                // The trained rows of users without a new pair are unchanged.
                let old = try #require(before.trainedModel?.embedding), new = try #require(after.trainedModel?.embedding)
                #expect(old.rowArray(5) == new.rowArray(5))
                // The pairs left the live profiles; the dislike stays and still excludes i4 for u2.
                #expect(live.recommender.profiles.profile(of: "stranger").isEmpty)
                #expect(live.recommender.profiles.profile(of: "u2").negatives == ["i4"])
                let response = try await client.get("/recommend?user=stranger&k=5")
                #expect(try jsonObject(response)["live"] == nil)
                #expect(!(try scoredItems(response)).contains { ["i3", "fresh-item"].contains($0.id) })
                #expect(!(try scoredItems(try await client.get("/recommend?user=u2&k=30"))).contains { $0.id == "i4" })
                // The item u0 had outside training stays left out in the grown model.
                #expect(!(try scoredItems(try await client.get("/recommend?user=u0&k=30"))).contains { $0.id == "i7" })
                let health = try jsonObject(try await client.get("/health"))
                #expect((health["store"] as? [String: Any])?["incrementalUpdates"] as? Int == 1)
                // Nothing new: no update.
                #expect(try #require(await live.recommender.update()).model == nil)
            }
        }
    }

    @Test("a second retrain while one runs is a 409")
    func retrainConflict() async throws {
        try await StoreBackend.sqlite.withStore { store, _ in
            let gated = GatedStore(store)
            let live = try await LiveFixture.make(store: gated)
            gated.gateSnapshots = true
            gated.closeGate()
            try await live.test { client in
                let started = try await client.post("/admin/retrain", "", headers: [.authorization: "Bearer secret"])
                #expect(started.status == .accepted)
                let second = try await client.post("/admin/retrain?wait=true", "", headers: [.authorization: "Bearer secret"])
                try expectError(second, 409)
                gated.open()
                while live.recommender.isRetraining { try await Task.sleep(nanoseconds: 5_000_000) }
                // The base data gives no user a pair the served model did not train on.
                #expect(live.recommender.lastRetrain?.decision == .skipped)
            }
        }
    }

    @Test("a server without a store answers /events with a 404 that says how to get one")
    func eventsWithoutStore() async throws {
        try await StoreBackend.sqlite.withStore { store, _ in
            let live = try await LiveFixture.make(store: store)
            let server = RecommendationServer(store: live.recommender.models, options: live.server.options)
            try await Application(router: server.makeRouter()).test(.router) { client in
                let response = try await client.post("/events", "{}")
                try expectError(response, 404)
                #expect((try jsonObject(response)["error"] as? String ?? "").contains("--store"))
            }
        }
    }
}
