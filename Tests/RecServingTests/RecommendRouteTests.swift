import Foundation
import Hummingbird
import HummingbirdTesting
import RecModels
import Testing
@testable import RecServing

@Suite struct RecommendRouteTests {
    let fixture = ServerFixture()
    let catalogFixture = ServerFixture(model: TestModels.withCatalog())

    @Test func knownUserGetsTheModelsTopKWithoutSeenItems() async throws {
        let expected = fixture.model.recommender().recommend(user: 1, k: 3, excluding: fixture.model.train.itemsOfUser)
        try await fixture.test { client in
            try await client.execute(uri: "/recommend?user=1&k=3", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let user = try jsonObject(response)["user"] as? String
                #expect(user == "1")
                let items = try scoredItems(response)
                #expect(items.map(\.item) == expected.map(\.item))
                #expect(items.map(\.id) == expected.map { String($0.item) })
                #expect(items.map(\.score) == expected.map(\.score))
                #expect(items.allSatisfy { $0.title == nil })
                #expect(!items.contains { [1, 2].contains($0.item) })
            }
        }
    }

    @Test func datasetIdsInAndOutWithTitles() async throws {
        let model = catalogFixture.model
        let expected = model.recommender().recommend(user: 2, k: 4, excluding: model.train.itemsOfUser)
        try await catalogFixture.test { client in
            try await client.execute(uri: "/recommend?user=u2&k=4", method: .get) { response in
                #expect(response.status == .ok)
                let user = try jsonObject(response)["user"] as? String
                #expect(user == "u2")
                let items = try scoredItems(response)
                #expect(items.map(\.item) == expected.map(\.item))
                #expect(items.map(\.id) == expected.map { "i\($0.item)" })
                for item in items { #expect(item.title == (item.item == 1 ? nil : "Title \"\(item.item)\"")) }
            }
            // With a catalog, dense indices are not ids.
            try await client.execute(uri: "/recommend?user=2", method: .get) { response in
                try expectError(response, 404)
                let message = try #require(try jsonObject(response)["error"] as? String)
                #expect(message.contains(#"unknown user "2""#), "\(message)")
                #expect(message.contains(#""u0""#), "\(message)")
            }
        }
    }

    @Test func excludeSeenFalseMayReturnSeenItems() async throws {
        let expected = fixture.model.recommender().recommend(user: 1, k: 5, excluding: nil)
        try await fixture.test { client in
            try await client.execute(uri: "/recommend?user=1&k=5&exclude_seen=false", method: .get) { response in
                let items = try scoredItems(response)
                #expect(items.map(\.item) == expected.map(\.item))
            }
        }
    }

    @Test func invalidParametersAre400AndUnknownUsersAre404() async throws {
        try await fixture.test { client in
            for uri in ["/recommend", "/recommend?user=", "/recommend?user=1&k=0", "/recommend?user=1&k=-3",
                        "/recommend?user=1&k=6", "/recommend?user=1&k=x", "/recommend?user=1&exclude_seen=maybe",
                        "/recommend?user=1&k=99999999999999999999999"] {
                try await client.execute(uri: uri, method: .get) { try expectError($0, 400) }
            }
            for uri in ["/recommend?user=4", "/recommend?user=-1", "/recommend?user=9223372036854775807", "/recommend?user=abc",
                        "/recommend?user=99999999999999999999999", "/recommend?user=01", "/recommend?user=%2B1"] {
                try await client.execute(uri: uri, method: .get) { response in
                    try expectError(response, 404)
                    let message = try jsonObject(response)["error"] as? String
                    #expect(message?.contains("dense index 0..<4") == true, "\(message ?? "")")
                }
            }
        }
    }

    /// The server's answer for a new user with `items`: the exact propagation fold-in, scored
    /// against the served item embeddings, posted items excluded.
    static func foldInExpectation(_ fixture: ServerFixture, items: [Int], k: Int) -> [(item: Int, score: Float)] {
        let served = fixture.store.current
        let embedding = served.foldIn!.embedding(forItems: items)
        let itemEmbeddings = served.itemEmbeddings!
        var candidates: [(item: Int, score: Float)] = []
        for i in 0..<served.itemCount where !items.contains(i) {
            var score: Float = 0
            for c in 0..<served.dimension! { score += embedding[c] * itemEmbeddings[i, c] }
            candidates.append((i, score))
        }
        candidates.sort { $0.score > $1.score }
        return Array(candidates.prefix(k))
    }

    @Test func foldInUsesThePropagationAndExcludesThePostedItems() async throws {
        let expected = Self.foldInExpectation(catalogFixture, items: [0, 3], k: 4)
        let served = catalogFixture.store.current
        // The propagation is not the mean of the items' final embeddings.
        let independent = FoldInRecommender(model: catalogFixture.model.lightGCN(), graph: .init(
            userCount: 4, itemCount: 6, itemsOfUser: catalogFixture.model.train.itemsOfUser), userCount: 4, itemCount: 6)
        let propagated = independent.embedding(forItems: [0, 3])
        let itemEmbeddings = try #require(served.itemEmbeddings)
        let mean = (0..<itemEmbeddings.columns).map { (itemEmbeddings[0, $0] + itemEmbeddings[3, $0]) / 2 }
        #expect(zip(propagated, mean).contains { abs($0 - $1) > 1e-3 })
        try await catalogFixture.test { client in
            for body in [#"{"items":["i0","i3"],"k":4}"#, #"{"items":["i3","i0","i3"],"k":4}"#] {
                try await client.execute(uri: "/recommend", method: .post, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .ok)
                    let items = try scoredItems(response)
                    #expect(items.map(\.item) == expected.map(\.item))
                    #expect(items.map(\.id) == expected.map { "i\($0.item)" })
                    for (got, want) in zip(items, expected) { #expect(abs(got.score - want.score) < 1e-5) }
                    #expect(!items.contains { $0.item == 0 || $0.item == 3 })
                }
            }
        }
        // Without a catalog, items are dense indices, as strings or numbers.
        let dense = Self.foldInExpectation(fixture, items: [1, 4], k: 3)
        try await fixture.test { client in
            for body in [#"{"items":[1,4],"k":3}"#, #"{"items":["4",1],"k":3}"#] {
                try await client.execute(uri: "/recommend", method: .post, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .ok)
                    let items = try scoredItems(response).map(\.item)
                    #expect(items == dense.map(\.item))
                }
            }
        }
    }

    @Test func foldInNeverReturnsPostedItemsEvenWhenFewAreLeft() async throws {
        try await fixture.test { client in
            let body = #"{"items":[0,1,2,3,4],"k":5}"#
            try await client.execute(uri: "/recommend", method: .post, body: ByteBuffer(string: body)) { response in
                let items = try scoredItems(response).map(\.item)
                #expect(items == [5])
            }
        }
    }

    @Test func featuresAreRefusedByIDOnlyModels() async throws {
        try await catalogFixture.test { client in
            for body in [#"{"features":{"age":31}}"#, #"{"items":["i0"],"features":{"gender":"F"},"k":2}"#] {
                try await client.execute(uri: "/recommend", method: .post, body: ByteBuffer(string: body)) { response in
                    try expectError(response, 400)
                    let message = try jsonObject(response)["error"] as? String
                    #expect(message?.hasPrefix("this model has no features") == true, "\(message ?? "")")
                }
            }
            try await client.execute(uri: "/recommend", method: .post,
                                     body: ByteBuffer(string: #"{"items":["i0"],"features":null,"k":2}"#)) { #expect($0.status == .ok) }
        }
    }

    @Test func foldInErrors() async throws {
        try await fixture.test { client in
            for body in ["", "{", "not json", #"{"items":"x"}"#, #"{"items":[]}"#, #"{"items":[1],"k":0}"#, #"{"items":[1],"k":99}"#,
                         #"{"k":3}"#, "[1,2]", #"{"items":[1.5]}"#, #"{"items":[true]}"#, #"{"items":[1],"k":"3"}"#] {
                try await client.execute(uri: "/recommend", method: .post, body: ByteBuffer(string: body)) { try expectError($0, 400) }
            }
            try await client.execute(uri: "/recommend", method: .post, body: ByteBuffer(string: #"{"items":[1,6,-2]}"#)) { response in
                try expectError(response, 404)
                let message = try jsonObject(response)["error"] as? String
                #expect(message?.contains(#"unknown items "6", "-2""#) == true, "\(message ?? "")")
            }
            let large = #"{"items":["# + (0..<100).map(String.init).joined(separator: ",") + "]}"
            try await client.execute(uri: "/recommend", method: .post, body: ByteBuffer(string: large)) { try expectError($0, 413) }
        }
        try await catalogFixture.test { client in
            try await client.execute(uri: "/recommend", method: .post, body: ByteBuffer(string: #"{"items":["i0","zz",5]}"#)) { response in
                try expectError(response, 404)
                let message = try jsonObject(response)["error"] as? String
                #expect(message?.contains(#"unknown items "zz", "5""#) == true, "\(message ?? "")")
            }
        }
    }
}
