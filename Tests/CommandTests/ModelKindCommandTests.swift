import Foundation
import Testing

/// `train --model KIND`, then `evaluate`, `recommend` with business rules on the saved file.
@Suite("Every model kind from the command line")
struct ModelKindCommandTests {
    static let quick = ["--epochs", "4", "--dim", "8", "--batch-size", "64", "--lr", "0.01", "--k", "5"]

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("train, evaluate and recommend with a filter", arguments: ["ease", "itemknn", "gfcf", "ials", "popularity", "mf", "lrgccf"])
    func trainEvaluateRecommend(kind: String) throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let data = try FeatureFixtures.movieLens(in: dir)
        let model = dir.file("\(kind).lgcn")
        let train = try CommandLine.run(["train", "--model", kind, "--data", data, "--output", model, "--json"] + Self.quick)
        #expect(train.status == 0, "\(train.stderr)")
        let trained = try Self.json(train.stdout)
        let trainMetrics = try #require(trained["metrics"] as? [String: Double])

        let evaluate = try CommandLine.run(["evaluate", "--model", model, "--k", "5", "--json"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let reports = try Self.json(evaluate.stdout)
        let kindKey = kind == "mf" ? "mf" : kind
        let metrics = try #require((reports[kindKey] as? [String: Any])?["metrics"] as? [String: Double], "\(reports.keys)")
        #expect(metrics["Recall@5"] == trainMetrics["Recall@5"], "evaluate measures what train measured")

        // Comedies have odd ids; user 2 is a man who rated the dramas.
        let recommend = try CommandLine.run(["recommend", "--model", model, "--user", "2", "-k", "4", "--filter", "genre:Comedy",
                                             "--exclude", "1", "--json"])
        #expect(recommend.status == 0, "\(recommend.stderr)")
        let items = try FeatureFixtures.recommendedItems(recommend.stdout).compactMap { Int($0) }
        #expect(items.count == 4)
        #expect(items.allSatisfy { $0 % 2 == 1 && $0 != 1 }, "\(items)")

        // The batch worker applies the same rules and gives the same list.
        let shard = try runWithInput(["score-shard", "--model", model, "-k", "4", "--filter", "genre:Comedy", "--exclude", "1"],
                                     input: "2\n")
        #expect(shard.status == 0, "\(shard.stderr)")
        let shardItems = shard.stdout.split(separator: "\n").dropFirst().compactMap { Int($0.split(separator: ",")[2]) }
        #expect(shardItems == items)

        // User 2 rated comedy 5 two stars (a known negative, not a training positive): an item
        // they have, so it is left out of every comedy they are offered, and let back in by
        // --include-seen. The other eleven comedies are all offered.
        let allComedies = try CommandLine.run(["recommend", "--model", model, "--user", "2", "-k", "24", "--filter", "genre:Comedy",
                                               "--json"])
        #expect(allComedies.status == 0, "\(allComedies.stderr)")
        let offered = try FeatureFixtures.recommendedItems(allComedies.stdout).compactMap { Int($0) }
        #expect(offered.sorted() == Array(stride(from: 1, through: 23, by: 2)).filter { $0 != 5 }, "\(offered)")
        let again = try CommandLine.run(["recommend", "--model", model, "--user", "2", "-k", "24", "--filter", "genre:Comedy",
                                         "--include-seen", "--json"])
        #expect(try FeatureFixtures.recommendedItems(again.stdout).compactMap { Int($0) }.contains(5))
        let shardAll = try runWithInput(["score-shard", "--model", model, "-k", "24", "--filter", "genre:Comedy"], input: "2\n")
        #expect(shardAll.stdout.split(separator: "\n").dropFirst().compactMap { Int($0.split(separator: ",")[2]) } == offered)

        let bad = try CommandLine.run(["recommend", "--model", model, "--user", "2", "--filter", "genre:Westrn"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("--filter") && bad.stderr.contains("'Westrn'"), "\(bad.stderr)")
    }

    @Test("an unknown kind is a usage error that lists the kinds")
    func unknownKind() throws {
        let run = try CommandLine.run(["train", "--model", "svd", "--data", "nowhere"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("svd"), "\(run.stderr)")
    }
}
