import Foundation
import Hummingbird
import HummingbirdTesting
import RecTraining
import Testing
@testable import RecServing

@Suite struct AdminReloadTests {
    @Test func reloadNeedsTheToken() async throws {
        let fixture = ServerFixture()
        try await fixture.test { client in
            try await client.execute(uri: "/admin/reload", method: .post) { response in
                try expectError(response, 401)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
            try await client.execute(uri: "/admin/reload", method: .post, headers: [.authorization: "Bearer wrong"]) { try expectError($0, 403) }
            try await client.execute(uri: "/admin/reload", method: .post, headers: [.authorization: "secret"]) { try expectError($0, 403) }
        }
        try await ServerFixture(adminToken: nil).test { client in
            try await client.execute(uri: "/admin/reload", method: .post, headers: [.authorization: "Bearer secret"]) { try expectError($0, 403) }
        }
    }

    @Test func reloadSwapsTheModelAndFailedReloadKeepsTheOldOne() async throws {
        let directory = TestModels.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/model.lgcn"
        let fixture = ServerFixture(path: path)
        let before = fixture.store.current
        try ModelFile.write(TestModels.tiny(users: 7, items: 9, seed: 2), to: path)
        try await fixture.test { client in
            try await client.execute(uri: "/admin/reload", method: .post, headers: [.authorization: "Bearer secret"]) { response in
                #expect(response.status == .ok)
                let users = try jsonObject(response)["users"] as? Int
                #expect(users == 7)
            }
            try await client.execute(uri: "/health", method: .get) { response in
                let object = try jsonObject(response)
                #expect(object["users"] as? Int == 7)
                #expect(object["reloads"] as? Int == 1)
            }
            try await client.execute(uri: "/recommend?user=6&k=2", method: .get) { #expect($0.status == .ok) }
            try Data("garbage".utf8).write(to: URL(fileURLWithPath: path))
            try await client.execute(uri: "/admin/reload", method: .post, headers: [.authorization: "Bearer secret"]) { try expectError($0, 500) }
            try await client.execute(uri: "/health", method: .get) { response in
                let users = try jsonObject(response)["users"] as? Int
                #expect(users == 7)
            }
        }
        // A request that read the model before the swap still holds the old one.
        #expect(before.userCount == 4)
        #expect(before.recommend(user: 3, k: 2, excludeSeen: true).count == 2)
        #expect(fixture.store.current !== before)
    }

    @Test func concurrentRequestsDuringReloadsAllSucceed() async throws {
        let directory = TestModels.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/model.lgcn"
        try ModelFile.write(TestModels.tiny(seed: 3), to: path)
        let fixture = ServerFixture(path: path)
        try await fixture.test { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<40 {
                    group.addTask {
                        if n % 10 == 0 {
                            try await client.execute(uri: "/admin/reload", method: .post, headers: [.authorization: "Bearer secret"]) {
                                #expect($0.status == .ok)
                            }
                        } else {
                            try await client.execute(uri: "/recommend?user=\(n % 4)&k=3", method: .get) { #expect($0.status == .ok) }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        #expect(fixture.store.reloads == 4)
    }

    @Test func reloadWithAPathServesThatFileAndLaterReloadsReadIt() async throws {
        let directory = TestModels.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = directory + "/first.lgcn", second = directory + "/second.lgcn"
        try ModelFile.write(TestModels.tiny(seed: 3), to: first)
        try ModelFile.write(TestModels.withCatalog(users: 7, items: 9, seed: 2), to: second)
        let fixture = ServerFixture(path: first)
        let auth: HTTPFields = [.authorization: "Bearer secret"]
        try await fixture.test { client in
            try await client.execute(uri: "/admin/reload", method: .post, headers: auth,
                                     body: ByteBuffer(string: #"{"path":"\#(second)"}"#)) { response in
                #expect(response.status == .ok)
                let object = try jsonObject(response)
                #expect(object["users"] as? Int == 7)
                #expect(object["model"] as? String == second)
            }
            try await client.execute(uri: "/health", method: .get) { response in
                let object = try jsonObject(response)
                #expect(object["model"] as? String == second)
                #expect(object["ids"] as? String == "dataset")
            }
            try await client.execute(uri: "/recommend?user=u6&k=2", method: .get) { #expect($0.status == .ok) }
            // A path that is not a model: 400 naming the file, and the second model stays.
            for body in [#"{"path":"\#(directory)/missing.lgcn"}"#, #"{"path":"\#(directory)"}"#] {
                try await client.execute(uri: "/admin/reload", method: .post, headers: auth, body: ByteBuffer(string: body)) { response in
                    try expectError(response, 400)
                    let message = try jsonObject(response)["error"] as? String
                    #expect(message?.contains(directory) == true && message?.contains("still serving \(second)") == true, "\(message ?? "")")
                }
            }
            for body in ["{", #"{"path":3}"#, "[]"] {
                try await client.execute(uri: "/admin/reload", method: .post, headers: auth, body: ByteBuffer(string: body)) {
                    try expectError($0, 400)
                }
            }
            // A reload without a path now re-reads the second file.
            try ModelFile.write(TestModels.withCatalog(users: 5, items: 9, seed: 4), to: second)
            for body in [nil, ByteBuffer(string: "{}")] {
                try await client.execute(uri: "/admin/reload", method: .post, headers: auth, body: body) { response in
                    #expect(response.status == .ok)
                    let users = try jsonObject(response)["users"] as? Int
                    #expect(users == 5)
                }
            }
        }
        #expect(fixture.store.path == second)
        #expect(fixture.store.reloads == 3)
    }

    /// A request that has read the model and is scoring (held by a hook) when a reload swaps in
    /// another model finishes on the model it started with; meanwhile new requests, on a second
    /// connection of a live server, already get the new one.
    @Test(.timeLimit(.minutes(1)))
    func requestInFlightAcrossASwapFinishesOnTheOldModel() async throws {
        let directory = TestModels.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = directory + "/first.lgcn", second = directory + "/second.lgcn"
        try ModelFile.write(TestModels.tiny(seed: 3), to: first)
        try ModelFile.write(TestModels.tiny(users: 7, items: 9, seed: 2), to: second)
        let store = try ModelStore(path: first)
        let old = store.current
        let expectedOld = old.recommend(user: 3, k: 3, excludeSeen: true).map(\.item)
        let newModel = ServingModel(model: try ModelFile.read(from: second), source: second)
        #expect(newModel.recommend(user: 3, k: 3, excludeSeen: true).map(\.item) != expectedOld)

        let gate = RequestGate()
        var options = ServerOptions()
        options.adminToken = "secret"
        var server = RecommendationServer(store: store, options: options)
        server.scoringHook = { model in
            guard model === old else { return }
            await gate.arrive()
            await gate.waitForRelease()
        }
        let app = Application(router: server.makeRouter(),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let inFlight = Task {
                try await client.execute(uri: "/recommend?user=3&k=3", method: .get) { response in
                    (response.status, try scoredItems(response))
                }
            }
            await gate.waitForArrival()
            let other = TestClient(host: "localhost", port: try #require(client.port))
            other.connect()
            let reload = try await other.execute(.init(
                "/admin/reload", method: .post, authority: "localhost", headers: [.authorization: "Bearer secret"],
                body: ByteBuffer(string: #"{"path":"\#(second)"}"#)))
            #expect(reload.status == .ok)
            #expect(store.current !== old && store.current.userCount == 7)
            let fresh = try await other.execute(.init("/recommend?user=3&k=3", method: .get, authority: "localhost"))
            #expect(fresh.status == .ok)
            let freshItems = try scoredItems(try #require(fresh.body)).map(\.item)
            #expect(freshItems == newModel.recommend(user: 3, k: 3, excludeSeen: true).map(\.item))
            await gate.release()
            let (status, items) = try await inFlight.value
            #expect(status == .ok)
            #expect(items.map(\.item) == expectedOld)
            try await other.shutdown()
        }
        #expect(store.reloads == 1)
    }

    @Test func tokenComparison() {
        #expect(RouteHandlers.constantTimeEqual("abc", "abc"))
        #expect(!RouteHandlers.constantTimeEqual("abc", "abd"))
        #expect(!RouteHandlers.constantTimeEqual("abc", "abcd"))
        #expect(!RouteHandlers.constantTimeEqual("", "a"))
    }
}
