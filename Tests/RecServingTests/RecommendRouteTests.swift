import Foundation
import Hummingbird
import HummingbirdTesting
import RecModels
import Testing
@testable import RecServing

@Suite struct RecommendRouteTests {
    let fixture = ServerFixture()

    @Test func knownUserGetsTheModelsTopKWithoutSeenItems() async throws {
        let expected = fixture.model.recommender().recommend(user: 1, k: 3, excluding: fixture.model.train.itemsOfUser)
        try await fixture.test { client in
            try await client.execute(uri: "/recommend?user=1&k=3", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let items = try scoredItems(response)
                #expect(items.map(\.item) == expected.map(\.item))
                #expect(items.map(\.score) == expected.map(\.score))
                #expect(!items.contains { [1, 2].contains($0.item) })
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
            for uri in ["/recommend", "/recommend?user=abc", "/recommend?user=1&k=0", "/recommend?user=1&k=-3",
                        "/recommend?user=1&k=6", "/recommend?user=1&k=x", "/recommend?user=1&exclude_seen=maybe",
                        "/recommend?user=99999999999999999999999"] {
                try await client.execute(uri: uri, method: .get) { try expectError($0, 400) }
            }
            for uri in ["/recommend?user=4", "/recommend?user=-1", "/recommend?user=9223372036854775807"] {
                try await client.execute(uri: uri, method: .get) { try expectError($0, 404) }
            }
        }
    }

    @Test func foldInRanksByTheMeanOfTheItemsAndExcludesThem() async throws {
        let model = fixture.store.current
        let mean = MeanItemEmbeddingFoldIn().userEmbedding(items: [0, 3], model: model)
        let scores = (0..<model.itemCount).map { i in (0..<model.dimension).reduce(Float(0)) { $0 + mean[$1] * model.itemEmbeddings[i, $1] } }
        try await fixture.test { client in
            try await client.execute(uri: "/recommend", method: .post, body: ByteBuffer(string: #"{"items":[0,3],"k":4}"#)) { response in
                #expect(response.status == .ok)
                let items = try scoredItems(response)
                #expect(items.count == 4)
                #expect(!items.contains { $0.item == 0 || $0.item == 3 })
                for item in items { #expect(abs(item.score - scores[item.item]) < 1e-5) }
                #expect(items.map(\.score) == items.map(\.score).sorted(by: >))
            }
        }
    }

    @Test func foldInErrors() async throws {
        try await fixture.test { client in
            for body in ["{", "not json", #"{"items":"x"}"#, #"{"items":[]}"#, #"{"items":[1],"k":0}"#, #"{"items":[1],"k":99}"#,
                         #"{"k":3}"#, "[1,2]", #"{"items":[1.5]}"#] {
                try await client.execute(uri: "/recommend", method: .post, body: ByteBuffer(string: body)) { try expectError($0, 400) }
            }
            try await client.execute(uri: "/recommend", method: .post, body: ByteBuffer(string: #"{"items":[1,6,-2]}"#)) { response in
                try expectError(response, 404)
                let message = try jsonObject(response)["error"] as? String
                #expect(message?.contains("6, -2") == true)
            }
            let large = #"{"items":["# + (0..<100).map(String.init).joined(separator: ",") + "]}"
            try await client.execute(uri: "/recommend", method: .post, body: ByteBuffer(string: large)) { try expectError($0, 413) }
        }
    }
}
