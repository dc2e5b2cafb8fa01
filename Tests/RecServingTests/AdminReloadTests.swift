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

    @Test func tokenComparison() {
        #expect(RouteHandlers.constantTimeEqual("abc", "abc"))
        #expect(!RouteHandlers.constantTimeEqual("abc", "abd"))
        #expect(!RouteHandlers.constantTimeEqual("abc", "abcd"))
        #expect(!RouteHandlers.constantTimeEqual("", "a"))
    }
}
