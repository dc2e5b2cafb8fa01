import Foundation
import RecData
import RecKernels
import RecModels
import Testing
@testable import RecTraining

@Suite("Batch-worker building blocks: per-user metrics, user id lists, shard scoring")
struct ShardingTests {
    /// A generated dataset and a recommender with random fixed scores over it.
    static func fixture() -> (RecommendationDataset, FixedScores) {
        let dataset = SyntheticDataset.generate(userCount: 70, itemCount: 45, seed: 9)
        var generator = SeededGenerator(seed: 5)
        let scores = (0..<dataset.userCount).map { _ in
            (0..<dataset.itemCount).map { _ in Float.random(in: -1...1, using: &generator) }
        }
        return (dataset, FixedScores(scores: scores))
    }

    @Test("per-user metrics average to evaluate's metrics, users without test items get no row")
    func perUserAverages() {
        let (dataset, recommender) = Self.fixture()
        // One user loses its test items, so the skipping rule is exercised.
        let testPairs = (0..<dataset.userCount).filter { $0 != 3 }.flatMap { u in
            dataset.test.items(ofUser: u).map { (user: u, item: Int($0)) }
        }
        let test = InteractionMatrix(userCount: dataset.userCount, itemCount: dataset.itemCount, pairs: testPairs)
        var evaluator = RankingEvaluator(known: dataset.train, heldOut: test, ks: [5, 10])
        evaluator.usersPerBatch = 16
        let report = evaluator.evaluate(recommender)
        // Shuffled order and several calls: the rows do not depend on how users are grouped.
        let users = Array((0..<dataset.userCount).reversed())
        let rows = evaluator.userMetrics(recommender, users: Array(users[..<30]))
            + evaluator.userMetrics(recommender, users: Array(users[30...]))
        #expect(rows.count == report.userCount)
        #expect(!rows.contains { $0.user == 3 })
        #expect(rows.allSatisfy { $0.heldOutCount == test.items(ofUser: $0.user).count })
        for (name, value) in report.metrics {
            let values = rows.map { row in row.values.first { $0.name == name }!.value }
            let mean = values.reduce(0, +) / Double(values.count)
            #expect(abs(mean - value) < 1e-12, "\(name): \(mean) vs \(value)")
        }
        #expect(Set(rows[0].values.map(\.name)) == Set(report.metrics.keys))
    }

    @Test("user id lists: trimmed, blank lines skipped, unknown ids named with their line")
    func userIDList() throws {
        let list = try UserIDList(parsing: Data(" u1 \r\n\nu2\n\tu1".utf8))
        #expect(list.entries.map(\.id) == ["u1", "u2", "u1"])
        #expect(list.entries.map(\.line) == [1, 3, 4])
        let catalog = DatasetCatalog(users: Vocabulary(["u1", "u2"]), items: Vocabulary(["a", "b", "c"]))
        let recommender = FixedScores(scores: [[1, 2, 3], [3, 2, 1]])
        let train = InteractionMatrix(userCount: 2, itemCount: 3, pairs: [(0, 2)])
        let model = ShardModel(recommender: recommender, train: train, catalog: catalog)
        #expect(try list.resolve(in: model) == [0, 1, 0])
        #expect(throws: ShardError.unknownUser(id: "zed", line: 2, source: "stdin", userCount: 2)) {
            try UserIDList(parsing: Data("u1\nzed\n".utf8)).resolve(in: model)
        }
        // Without a catalog, users are their 0-based indices written canonically.
        let plain = ShardModel(recommender: recommender, train: train, catalog: nil)
        #expect(plain.userIndex(of: "1") == 1 && plain.userIndex(of: "01") == nil && plain.userIndex(of: "2") == nil)
    }

    @Test("shard rows: seen items excluded unless asked, ids quoted, scores exact")
    func shardRows() throws {
        let catalog = DatasetCatalog(users: Vocabulary(["u1", "u,2"]), items: Vocabulary(["a", "b", "c\"d"]))
        let recommender = FixedScores(scores: [[0.1, 0.2, 1 / 3], [3, 2, 1]])
        let train = InteractionMatrix(userCount: 2, itemCount: 3, pairs: [(0, 2)])
        var scorer = ShardScorer(model: ShardModel(recommender: recommender, train: train, catalog: catalog))
        scorer.usersPerBatch = 1
        var text = ""
        scorer.writeRows(users: [0, 1], k: 2) { text += String(decoding: $0, as: UTF8.self) }
        #expect(text == "u1,1,b,0.2\nu1,2,a,0.1\n\"u,2\",1,a,3.0\n\"u,2\",2,b,2.0\n")
        scorer = ShardScorer(model: ShardModel(recommender: recommender, train: train, catalog: catalog), includeSeen: true)
        text = ""
        scorer.writeRows(users: [0], k: 1) { text += String(decoding: $0, as: UTF8.self) }
        #expect(text == "u1,1,\"c\"\"d\",0.33333334\n")
        #expect(Float("0.33333334") == Float(1) / 3)
    }
}
