import Foundation
import RecData
import RecKernels
import RecModels
import RecServing
import RecTraining
import Testing

/// The one recommender path, checked for every model kind: a model saved and loaded again
/// recommends exactly what it did; `recommend` gives the top-k that full-ranking evaluation
/// measures; the server answers the same lists; business rules are honoured inside the top-k
/// (exactly k eligible items when k exist); fitting is deterministic.
@Suite("Every model kind on the one recommender path")
struct ModelKindConformanceTests {
    static let k = 10

    @Test("save and load round trip keeps the kind and every ranking", arguments: ModelKind.allCases)
    func roundTrip(kind: ModelKind) throws {
        let model = try ConformanceFixture.saved(kind)
        let path = TestModels.temporaryDirectory() + "/\(kind.rawValue).lgcn"
        try ModelRegistry.save(model, to: path)
        let loaded = try ModelRegistry.load(from: path)
        #expect(loaded.kind == kind)
        #expect(loaded.train == model.train)
        #expect(loaded.catalog == model.catalog)
        let users = Array(0..<model.userCount)
        let seen = model.train.itemsOfUser
        #expect(loaded.recommender.recommend(users: users, k: Self.k, excluding: seen)
                == model.recommender.recommend(users: users, k: Self.k, excluding: seen))
    }

    @Test("recommend equals evaluation's top-k, and the server answers the same", arguments: ModelKind.allCases)
    func oneScoringPath(kind: ModelKind) throws {
        let model = try ConformanceFixture.saved(kind)
        let path = TestModels.temporaryDirectory() + "/\(kind.rawValue).lgcn"
        try ModelRegistry.save(model, to: path)
        let dataset = ConformanceFixture.dataset
        let recording = RecordingRecommender(try ModelRegistry.load(from: path).recommender)
        let evaluator = RankingEvaluator(known: dataset.train, heldOut: dataset.test, ks: [Self.k])
        _ = evaluator.evaluate(recording)
        let evaluated = evaluator.evaluatedUsers
        #expect(!evaluated.isEmpty)
        let served = try ServingModel.load(path: path)
        #expect(served.kind == kind)
        let direct = model.recommender.recommend(users: evaluated, k: Self.k, excluding: dataset.train.itemsOfUser)
        let answered = served.recommend(users: evaluated, k: Self.k, excludeSeen: true)
        for (n, user) in evaluated.enumerated() {
            #expect(recording.rankings[user] == direct[n], "user \(user): evaluation and recommend differ")
            #expect(answered[n] == direct[n], "user \(user): the server and recommend differ")
            #expect(direct[n].count == Self.k)
        }
    }

    @Test("business rules: exactly k eligible items, in the model's order", arguments: ModelKind.allCases)
    func businessRules(kind: ModelKind) throws {
        let model = try ConformanceFixture.saved(kind)
        let filter = try ItemFilter(parsing: "genre:A|D,year>=1985")
        let rules = RecommendationRules(exclude: ["m5", "m20"], filters: [filter])
        let policy = try rules.policy(for: model)
        let attributes = try #require(model.catalog?.itemAttributes)
        let passing = try filter.candidates(in: attributes)
        for user in [0, 7, 33] {
            let seen = Set(model.train.itemsOfUser.row(user).map(Int.init))
            let eligible = (0..<model.itemCount).filter { passing.contains($0) && !seen.contains($0) && $0 != 5 && $0 != 20 }
            for k in [3, eligible.count, eligible.count + 4] {
                let list = model.recommender.recommend(user: user, k: k, candidates: policy)
                #expect(list.count == min(k, eligible.count), "user \(user), k \(k)")
                #expect(list.allSatisfy { eligible.contains($0.item) })
                // The same as ranking everything and keeping the eligible items.
                let everything = model.recommender.recommend(user: user, k: model.itemCount, candidates: .all)
                let expected = everything.filter { eligible.contains($0.item) }.prefix(k).map(\.item)
                #expect(list.map(\.item) == Array(expected), "user \(user), k \(k)")
            }
        }
    }

    @Test("an allow-list and re-consumable items", arguments: ModelKind.allCases)
    func includeAndSeen(kind: ModelKind) throws {
        let model = try ConformanceFixture.saved(kind)
        let user = 4
        let seenItems = model.train.itemsOfUser.row(user).map { "m\($0)" }
        let allowed = Array(seenItems.prefix(2)) + ["m1", "m2", "m3"]
        let withSeen = try RecommendationRules(excludeSeen: false, include: allowed).policy(for: model)
        let list = model.recommender.recommend(user: user, k: 10, candidates: withSeen)
        #expect(Set(list.map { "m\($0.item)" }) == Set(allowed))
        let withoutSeen = try RecommendationRules(include: allowed).policy(for: model)
        let fewer = model.recommender.recommend(user: user, k: 10, candidates: withoutSeen)
        #expect(Set(fewer.map { "m\($0.item)" }) == Set(allowed).subtracting(seenItems))
    }

    @Test("items a user has outside training are kept in the file and left out when serving", arguments: ModelKind.allCases)
    func knownOutsideTraining(kind: ModelKind) throws {
        var model = try ConformanceFixture.saved(kind)
        let heldOut = ConformanceFixture.dataset.test
        model.knownOutsideTraining = heldOut
        let path = TestModels.temporaryDirectory() + "/\(kind.rawValue)-known.lgcn"
        try ModelRegistry.save(model, to: path)
        let loaded = try ModelRegistry.load(from: path)
        #expect(loaded.knownOutsideTraining == heldOut)
        let served = try ServingModel.load(path: path)
        let users = (0..<model.userCount).filter { heldOut.itemsOfUser.count(ofRow: $0) > 0 }.prefix(8)
        #expect(!users.isEmpty)
        let all = model.itemCount
        for user in users {
            let has = Set((model.train.itemsOfUser.row(user) + heldOut.itemsOfUser.row(user)).map(Int.init))
            let answered = served.recommend(user: user, k: all, excludeSeen: true)
            #expect(answered.count == all - has.count, "user \(user)")
            #expect(answered.allSatisfy { !has.contains($0.item) }, "user \(user)")
            // The command line's rules and the batch worker leave out the same items.
            let policy = try RecommendationRules().policy(for: loaded)
            #expect(loaded.recommender.recommend(user: user, k: all, candidates: policy) == answered)
            let shard = ShardScorer(model: ShardModel(loaded))
            #expect(shard.policy.mask(forUser: user).admits(answered[0].item))
            #expect(heldOut.itemsOfUser.row(user).allSatisfy { !shard.policy.mask(forUser: user).admits(Int($0)) })
            // Seen items let back in: every item is ranked.
            #expect(served.recommend(user: user, k: all, excludeSeen: false).count == all)
        }
    }

    @Test("fitting twice gives the same rankings", arguments: ModelKind.allCases)
    func determinism(kind: ModelKind) throws {
        let users = Array(0..<20)
        let a = try ConformanceFixture.saved(kind), b = try ConformanceFixture.saved(kind)
        #expect(a.recommender.recommend(users: users, k: Self.k, excluding: a.train.itemsOfUser)
                == b.recommender.recommend(users: users, k: Self.k, excluding: b.train.itemsOfUser))
    }

    @Test("a file of another kind is refused where a LightGCN model is needed")
    func wrongKind() throws {
        let path = TestModels.temporaryDirectory() + "/ease.lgcn"
        try ModelRegistry.save(try ConformanceFixture.saved(.ease), to: path)
        #expect(throws: ModelFileError.wrongKind(path, found: "EASE", expected: "LightGCN or MF")) {
            try ModelFile.read(from: path)
        }
        let damaged = TestModels.temporaryDirectory() + "/damaged.lgcn"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: damaged))
        #expect(throws: ModelFileError.corrupt(damaged, "the checksum does not match (the file was altered or damaged)")) {
            try ModelRegistry.load(from: damaged)
        }
    }

    @Test("bad rules name their field")
    func badRules() throws {
        let model = try ConformanceFixture.saved(.popularity)
        #expect(throws: RecommendationRulesError.unknownItems("exclude", "'nope'")) {
            try RecommendationRules(exclude: ["nope"]).policy(for: model)
        }
        let colour = RecommendationRules(filters: [try ItemFilter(parsing: "colour:red")])
        #expect(throws: RecommendationRulesError.self) { try colour.policy(for: model) }
        let unknownGenre = RecommendationRules(filters: [try ItemFilter(parsing: "genre:Z")])
        do {
            _ = try unknownGenre.policy(for: model)
            Issue.record("an unknown genre was accepted")
        } catch {
            #expect(error.field == "filter")
            #expect(error.description.contains("'Z'"))
        }
    }
}
