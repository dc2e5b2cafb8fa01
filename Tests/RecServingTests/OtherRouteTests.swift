import Foundation
import Hummingbird
import HummingbirdTesting
import RecModels
import Testing
@testable import RecServing

@Suite struct OtherRouteTests {
    let fixture = ServerFixture()

    @Test func similarExcludesTheItemAndRanksByCosine() async throws {
        let itemEmbeddings = try #require(fixture.store.current.itemEmbeddings)
        @Sendable func cosine(_ a: Int, _ b: Int) -> Float {
            var dot: Float = 0, na: Float = 0, nb: Float = 0
            for c in 0..<itemEmbeddings.columns {
                let x = itemEmbeddings[a, c], y = itemEmbeddings[b, c]
                dot += x * y; na += x * x; nb += y * y
            }
            return dot / (na.squareRoot() * nb.squareRoot())
        }
        let expected = (0..<6).filter { $0 != 2 }.sorted { cosine(2, $0) > cosine(2, $1) }
        try await fixture.test { client in
            try await client.execute(uri: "/similar?item=2&k=5", method: .get) { response in
                #expect(response.status == .ok)
                let items = try scoredItems(response)
                #expect(items.map(\.item) == expected)
                for item in items { #expect(abs(item.score - cosine(2, item.item)) < 1e-5) }
            }
            try await client.execute(uri: "/similar?item=2&k=5&metric=inner", method: .get) { response in
                let items = try scoredItems(response)
                #expect(items.count == 5 && !items.contains { $0.item == 2 })
            }
        }
    }

    @Test func similarErrors() async throws {
        try await fixture.test { client in
            for uri in ["/similar", "/similar?item=", "/similar?item=1&k=0", "/similar?item=1&k=6", "/similar?item=1&metric=l2"] {
                try await client.execute(uri: uri, method: .get) { try expectError($0, 400) }
            }
            for uri in ["/similar?item=6", "/similar?item=-1", "/similar?item=x"] {
                try await client.execute(uri: uri, method: .get) { try expectError($0, 404) }
            }
        }
    }

    @Test func similarTakesAndGivesDatasetIds() async throws {
        let fixture = ServerFixture(model: TestModels.withCatalog())
        try await fixture.test { client in
            try await client.execute(uri: "/similar?item=i2&k=3", method: .get) { response in
                #expect(response.status == .ok)
                let object = try jsonObject(response)
                #expect(object["item"] as? String == "i2")
                #expect(object["index"] as? Int == 2)
                #expect(object["title"] as? String == "Title \"2\"")
                let items = try scoredItems(response)
                #expect(items.count == 3 && !items.contains { $0.item == 2 })
                #expect(items.allSatisfy { $0.id == "i\($0.item)" })
            }
            try await client.execute(uri: "/similar?item=2", method: .get) { response in
                try expectError(response, 404)
                let message = try jsonObject(response)["error"] as? String
                #expect(message?.contains(#"unknown item "2""#) == true)
            }
        }
    }

    @Test func healthDescribesTheModel() async throws {
        try await fixture.test { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                let object = try jsonObject(response)
                #expect(object["status"] as? String == "ok")
                #expect(object["users"] as? Int == 4)
                #expect(object["items"] as? Int == 6)
                #expect(object["dimension"] as? Int == 3)
                #expect(object["ids"] as? String == "index")
                #expect(object["features"] as? Bool == false)
            }
            try await client.execute(uri: "/no-such-route", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func metricsCountRequestsByRouteAndStatus() async throws {
        try await fixture.test { client in
            try await client.execute(uri: "/recommend?user=0", method: .get) { _ in }
            try await client.execute(uri: "/recommend?user=0", method: .get) { _ in }
            try await client.execute(uri: "/recommend?user=77", method: .get) { _ in }
            try await client.execute(uri: "/nowhere", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = String(buffer: response.body)
                #expect(text.contains("# TYPE lightgcn_http_requests_total counter"))
                #expect(text.contains(#"lightgcn_http_requests_total{route="/recommend",method="GET",status="200"} 2"#))
                #expect(text.contains(#"lightgcn_http_requests_total{route="/recommend",method="GET",status="404"} 1"#))
                #expect(text.contains(#"lightgcn_http_requests_total{route="other",method="GET",status="404"} 1"#))
                #expect(text.contains("# TYPE lightgcn_http_request_duration_seconds histogram"))
                #expect(text.contains(#"lightgcn_http_request_duration_seconds_bucket{route="/recommend",le="+Inf"} 3"#))
                #expect(text.contains(#"lightgcn_http_request_duration_seconds_count{route="/recommend"} 3"#))
                #expect(text.contains("lightgcn_model_items 6"))
            }
        }
    }

    @Test func metricsTextHasCumulativeBuckets() {
        let metrics = ServerMetrics()
        metrics.record(route: "/health", method: "GET", status: 200, seconds: 0.0002)
        metrics.record(route: "/health", method: "GET", status: 200, seconds: 0.003)
        metrics.record(route: "/health", method: "GET", status: 200, seconds: 10)
        let text = metrics.prometheusText()
        #expect(text.contains(#"lightgcn_http_request_duration_seconds_bucket{route="/health",le="0.0001"} 0"#))
        #expect(text.contains(#"lightgcn_http_request_duration_seconds_bucket{route="/health",le="0.00025"} 1"#))
        #expect(text.contains(#"lightgcn_http_request_duration_seconds_bucket{route="/health",le="0.005"} 2"#))
        #expect(text.contains(#"lightgcn_http_request_duration_seconds_bucket{route="/health",le="2.5"} 2"#))
        #expect(text.contains(#"lightgcn_http_request_duration_seconds_bucket{route="/health",le="+Inf"} 3"#))
        #expect(metrics.count(route: "/health", status: 200) == 3)
    }
}
