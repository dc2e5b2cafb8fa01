import Foundation
import Testing

/// The options of issue 18: cold-start training, the serving-time blend, and `train --resume`
/// with a new feature column.
@Suite("The lightgcn command: features that stand alone", .serialized)
struct StandAloneFeatureCommandTests {
    static let quick = ["--dim", "8", "--layers", "2", "--batch-size", "64", "--lr", "0.02", "--k", "5"]

    @Test("train --resume adds a zero-initialised feature column and continues; what it cannot do is refused")
    func resumeWithNewColumn() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let files = try FeatureFixtures.csv(in: dir)
        // The first model knows only the users' age; the group column comes later.
        let users = try String(contentsOfFile: files.users, encoding: .utf8).split(separator: "\n").map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return "\(fields[0]),\(fields[2])"
        }
        try dir.write("ages.csv", users.joined(separator: "\n") + "\n")
        let first = dir.file("first.lgcn"), second = dir.file("second.lgcn")
        let base = ["train", "--data", files.log, "--epochs", "4", "--eval-every", "2"] + Self.quick
        let train = try CommandLine.run(base + ["--user-features", dir.file("ages.csv"), "--output", first, "--quiet"])
        #expect(train.status == 0, "\(train.stderr)")

        let resumed = try CommandLine.run(base + ["--user-features", files.users, "--resume", first, "--output", second])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("new feature columns user group start with zero projections"), "\(resumed.stderr)")
        let byGroup = try CommandLine.run(["recommend", "--model", second, "--user-features", "group=B", "-k", "4", "--json"])
        #expect(byGroup.status == 0, "\(byGroup.stderr)")
        #expect(try FeatureFixtures.recommendedItems(byGroup.stdout).count == 4)
        // The first model has no group column: the resumed one does.
        let old = try CommandLine.run(["recommend", "--model", first, "--user-features", "group=B"])
        #expect(old.status == 1 && old.stderr.contains("\"group\" is not a feature column"), "\(old.stderr)")

        let nothingNew = try CommandLine.run(base + ["--user-features", dir.file("ages.csv"), "--resume", first])
        #expect(nothingNew.status == 1 && nothingNew.stderr.contains("add no column"), "\(nothingNew.stderr)")
        let noFeatures = try CommandLine.run(base + ["--resume", first])
        #expect(noFeatures.status == 64 && noFeatures.stderr.contains("--resume adds feature columns"), "\(noFeatures.stderr)")
        let idOnly = dir.file("id.lgcn")
        #expect(try CommandLine.run(base + ["--output", idOnly, "--quiet"]).status == 0)
        let notFeatures = try CommandLine.run(base + ["--user-features", files.users, "--resume", idOnly])
        #expect(notFeatures.status == 1 && notFeatures.stderr.contains("is not a feature model"), "\(notFeatures.stderr)")
    }

    @Test("train saves the popularity prior and the cold head; evaluate, recommend and resume use what was saved")
    func savedPriorAndColdHead() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let files = try FeatureFixtures.csv(in: dir)
        let model = dir.file("prior.lgcn")
        let train = try CommandLine.run(["train", "--data", files.log, "--epochs", "3", "--user-features", files.users,
                                         "--popularity-prior", "--separate-cold-head", "--id-dropout", "0.3",
                                         "--output", model, "--json"] + Self.quick)
        #expect(train.status == 0, "\(train.stderr)")
        let trained = try #require(try JSONSerialization.jsonObject(with: Data(train.stdout.utf8)) as? [String: Any])
        let trainTest = try #require(trained["metrics"] as? [String: Double])
        // evaluate on the saved model scores with the saved prior: the test metrics of train.
        let evaluate = try CommandLine.run(["evaluate", "--model", model, "--k", "5", "--json"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let evaluated = try #require(try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as? [String: Any])
        let metrics = try #require((evaluated["lightgcn"] as? [String: Any])?["metrics"] as? [String: Double])
        for name in ["NDCG@5", "MRR@5"] {
            let trained = try #require(trainTest[name]), read = try #require(metrics[name])
            #expect(abs(trained - read) < 1e-9, "\(name): train \(trained), evaluate \(read)")
        }
        let byFeatures = try CommandLine.run(["recommend", "--model", model, "--user-features", "group=B", "-k", "4", "--json"])
        #expect(byFeatures.status == 0, "\(byFeatures.stderr)")
        #expect(try FeatureFixtures.recommendedItems(byFeatures.stdout).count == 4)
        let config = try String(contentsOfFile: model + ".config.toml", encoding: .utf8)
        #expect(config.contains("popularity-prior = true") && config.contains("separate-cold-head = true"), "\(config)")
        let resumed = try CommandLine.run(["train", "--data", files.log, "--epochs", "1", "--user-features", files.users,
                                           "--resume", model] + Self.quick)
        #expect(resumed.status == 1 && resumed.stderr.contains("has separate cold heads"), "\(resumed.stderr)")
    }

    @Test("cold-start training options: checked ranges, features required")
    func optionChecks() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let files = try FeatureFixtures.csv(in: dir)
        let train = ["train", "--data", files.log, "--epochs", "2"] + Self.quick
        let range = try CommandLine.run(train + ["--user-features", files.users, "--id-dropout", "1.5"])
        #expect(range.status == 64 && range.stderr.contains("--id-dropout must be in [0, 1), got 1.5"), "\(range.stderr)")
        let negative = try CommandLine.run(train + ["--user-features", files.users, "--feature-distillation=-1"])
        #expect(negative.status == 64 && negative.stderr.contains("--feature-distillation must be"), "\(negative.stderr)")
        let noFeatures = try CommandLine.run(train + ["--id-dropout", "0.2"])
        #expect(noFeatures.status == 64 && noFeatures.stderr.contains("--id-dropout needs features"), "\(noFeatures.stderr)")
        let ok = try CommandLine.run(train + ["--user-features", files.users, "--id-dropout", "0.3",
                                              "--feature-distillation", "0.1", "--quiet"])
        #expect(ok.status == 0, "\(ok.stderr)")

        let data = try FeatureFixtures.movieLens(in: dir)
        let coldStart = ["evaluate", "--protocol", "cold-start", "--data", data, "--features", "--seeds", "1", "--epochs", "4",
                         "--dim", "8", "--layers", "2", "--lr", "0.02", "--k", "5"]
        let blendItems = try CommandLine.run(coldStart + ["--cold", "items", "--blend"])
        #expect(blendItems.status == 64 && blendItems.stderr.contains("--blend needs --cold users"), "\(blendItems.stderr)")
        let run = try CommandLine.run(coldStart + ["--id-dropout", "0.2", "--popularity-prior", "--blend", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let methods = (document["rows"] as? [[String: Any]])?.compactMap { $0["method"] as? String } ?? []
        #expect(methods.contains("feature LightGCN (ID dropout 0.2, popularity prior), features"), "\(methods)")
        #expect(methods.contains { $0.hasSuffix("blend n/(n+κ), κ chosen on revealed items") }, "\(methods)")
        #expect(run.stderr.contains("learned popularity-prior weight"), "\(run.stderr)")
    }
}
