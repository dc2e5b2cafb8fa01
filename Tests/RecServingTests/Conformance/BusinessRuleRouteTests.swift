import Foundation
import Hummingbird
import HummingbirdTesting
import RecData
import RecModels
import RecServing
import RecTraining
import Testing

/// Business rules over HTTP, on models of several kinds: `filter`, `exclude`, `include`,
/// `exclude_seen`, `offset` on `GET /recommend`, `POST /recommend` and `/similar`; bad rules get a
/// 400 (unknown ids a 404) naming the field.
@Suite("Business rules over HTTP")
struct BusinessRuleRouteTests {
    static func router(_ kind: ModelKind) throws -> (Router<BasicRequestContext>, SavedModel) {
        let model = try ConformanceFixture.saved(kind)
        let store = ModelStore(model: ServingModel(model: model, source: kind.rawValue), path: "/nonexistent.lgcn")
        var options = ServerOptions()
        options.maxK = 50
        return (RecommendationServer(store: store, options: options).makeRouter(), model)
    }

    @Test("GET /recommend with a filter returns k items that pass it, as recommend does",
          arguments: [ModelKind.ease, .lightgcn, .itemknn, .popularity])
    func filteredRecommendation(kind: ModelKind) async throws {
        let (router, model) = try Self.router(kind)
        let policy = try RecommendationRules(filters: [ItemFilter(parsing: "genre:B")]).policy(for: model)
        let expected = model.recommender.recommend(user: 3, k: 4, candidates: policy)
        #expect(expected.count == 4)
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/recommend?user=u3&k=4&filter=genre:B", method: .get) { response in
                #expect(response.status == .ok)
                let items = try scoredItems(response)
                #expect(items.map(\.item) == expected.map(\.item))
                #expect(items.allSatisfy { $0.item % 4 == 1 })
            }
        }
    }

    @Test("exclude, include, offset and exclude_seen")
    func listsAndPaging() async throws {
        let (router, model) = try Self.router(.ease)
        let all = model.recommender.recommend(user: 2, k: 12, excluding: model.train.itemsOfUser)
        let first = all.prefix(3).map { "m\($0.item)" }
        let seen = model.train.itemsOfUser.row(2).map { "m\($0)" }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/recommend?user=u2&k=3&offset=3", method: .get) { response in
                let got = try scoredItems(response).map(\.item)
                #expect(got == all[3..<6].map(\.item))
            }
            try await client.execute(uri: "/recommend?user=u2&k=3&exclude=\(first.joined(separator: ","))", method: .get) { response in
                let got = try scoredItems(response).map(\.item)
                #expect(got == all[3..<6].map(\.item))
            }
            try await client.execute(uri: "/recommend?user=u2&k=10&include=m0,m1,\(seen[0])", method: .get) { response in
                let got = try scoredItems(response).map(\.id)
                #expect(Set(got) == Set(["m0", "m1"]).subtracting(seen))
            }
            try await client.execute(uri: "/recommend?user=u2&k=10&include=\(seen[0])&exclude_seen=false", method: .get) { response in
                let got = try scoredItems(response).map(\.id)
                #expect(got == [seen[0]])
            }
        }
    }

    @Test("bad rules: 400 naming the field, 404 for unknown ids")
    func badRules() async throws {
        let (router, _) = try Self.router(.ease)
        try await Application(router: router).test(.router) { client in
            for (query, status, fragment) in [
                ("filter=genre:Z", HTTPResponse.Status.badRequest, "filter 'genre:Z'"),
                ("filter=colour:red", .badRequest, "no item attribute 'colour'"),
                ("filter=year>=x", .badRequest, "is not a number"),
                ("offset=-1", .badRequest, "offset"),
                ("exclude=nope", .notFound, "exclude: unknown item 'nope'"),
                ("include=m1,nope", .notFound, "include: unknown item 'nope'"),
            ] {
                try await client.execute(uri: "/recommend?user=u1&k=3&\(query)", method: .get) { response in
                    #expect(response.status == status, "\(query)")
                    let message = try jsonObject(response)["error"] as? String ?? ""
                    #expect(message.contains(fragment), "\(query): \(message)")
                }
            }
        }
    }

    @Test("POST /recommend and /similar honour the rules", arguments: [ModelKind.ease, .lightgcn, .ials])
    func newUsersAndSimilarItems(kind: ModelKind) async throws {
        let (router, _) = try Self.router(kind)
        try await Application(router: router).test(.router) { client in
            let body = ByteBuffer(string: #"{"items": ["m1", "m2"], "k": 5, "filter": "genre:C", "exclude": ["m6"]}"#)
            try await client.execute(uri: "/recommend", method: .post, body: body) { response in
                #expect(response.status == .ok)
                let items = try scoredItems(response)
                #expect(items.count == 5)
                #expect(items.allSatisfy { $0.item % 4 == 2 && $0.item != 6 })
            }
            try await client.execute(uri: "/similar?item=m8&k=6&filter=year%3E%3D2000", method: .get) { response in
                #expect(response.status == .ok)
                let items = try scoredItems(response)
                #expect(items.count == 6)
                #expect(items.allSatisfy { $0.item >= 20 && $0.item != 8 })
            }
        }
    }
}
