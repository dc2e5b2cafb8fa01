import Foundation
import Testing

@Suite("The lightgcn command with side features and cold start", .serialized)
struct FeatureCommandTests {
    static let quick = ["--dim", "8", "--layers", "2", "--batch-size", "64", "--lr", "0.02", "--k", "5"]

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("train --features on MovieLens attributes; recommend for a new user by features or by items")
    func datasetFeaturesAndNewUsers() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let data = try FeatureFixtures.movieLens(in: dir)
        let model = dir.file("m.lgcn")
        let train = try CommandLine.run(["train", "--data", data, "--features", "--no-user-ids", "--epochs", "10",
                                         "--eval-every", "2", "--output", model, "--json"] + Self.quick)
        #expect(train.status == 0, "\(train.stderr)")
        let summary = try Self.json(train.stdout)
        let sides = try #require(summary["features"] as? [[String: Any]])
        #expect(sides.map { $0["side"] as? String } == ["users", "items"])
        let userColumns = (sides[0]["columns"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(userColumns == ["gender", "age", "occupation", "zip"])
        #expect(sides.allSatisfy { $0["withoutValues"] as? Int == 0 })
        #expect(train.stderr.contains("users = projection of 4 features; items = ID embedding + projection of 2 features"),
                "\(train.stderr)")
        #expect(summary["selectedEpoch"] as? Int != nil && (summary["metrics"] as? [String: Double])?["Recall@5"] != nil)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: model))
        #expect(bytes[8] == 3)

        // Women like the comedies (odd ids), men the dramas: features alone say which.
        for (gender, parity) in [("F", 1), ("M", 0)] {
            let run = try CommandLine.run(["recommend", "--model", model, "--user-features", "gender=\(gender)", "-k", "5", "--json"])
            #expect(run.status == 0, "\(run.stderr)")
            let items = try FeatureFixtures.recommendedItems(run.stdout).compactMap { Int($0) }
            #expect(items.count == 5 && items.filter { $0 % 2 == parity }.count >= 4, "\(gender): \(items)")
            #expect(run.stderr.contains("not given: age, occupation, zip"), "\(run.stderr)")
        }
        // By items (and by items and features): the given items are never recommended.
        for extra in [[], ["--user-features", "gender=F,age=25"]] {
            let run = try CommandLine.run(["recommend", "--model", model, "--items", "1,3,3", "-k", "6", "--json"] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            let items = try FeatureFixtures.recommendedItems(run.stdout).compactMap { Int($0) }
            #expect(items.count == 6 && !items.contains(1) && !items.contains(3), "\(items)")
            #expect(items.filter { $0 % 2 == 1 }.count >= 5, "\(items)")
            let newUser = try #require(try Self.json(run.stdout)["newUser"] as? [String: Any])
            #expect(newUser["items"] as? [String] == ["1", "3"])
            #expect((newUser["milliseconds"] as? [String: Double])?["foldIn"] != nil)
        }

        // Unknown values fall back to missing and say so; --strict-features rejects them.
        let unknown = try CommandLine.run(["recommend", "--model", model, "--user-features", "gender=X", "-k", "3"])
        #expect(unknown.status == 0 && unknown.stderr.contains("gender: \"X\" is not a known value; treated as missing"),
                "\(unknown.stderr)")
        let strict = try CommandLine.run(["recommend", "--model", model, "--user-features", "gender=X", "--strict-features"])
        #expect(strict.status == 1 && strict.stderr.contains("known: \"F\", \"M\""), "\(strict.stderr)")
        let column = try CommandLine.run(["recommend", "--model", model, "--user-features", "hobby=chess"])
        #expect(column.status == 1 && column.stderr.contains("\"hobby\" is not a feature column"), "\(column.stderr)")
        let number = try CommandLine.run(["recommend", "--model", model, "--user-features", "gender=F", "--items", "1,999"])
        #expect(number.status == 1 && number.stderr.contains("unknown item 999"), "\(number.stderr)")
        let malformed = try CommandLine.run(["recommend", "--model", model, "--user-features", "gender"])
        #expect(malformed.status == 64, "\(malformed.stderr)")
        let both = try CommandLine.run(["recommend", "--model", model, "--user", "1", "--items", "2"])
        #expect(both.status == 64, "\(both.stderr)")
        let known = try CommandLine.run(["recommend", "--model", model, "--user", "1", "-k", "3"])
        #expect(known.status == 0, "\(known.stderr)")
    }

    @Test("CSV feature files: ids without a row are counted, types are overridable, the run repeats from its configuration")
    func featureFiles() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let files = try FeatureFixtures.csv(in: dir)
        let model = dir.file("m.lgcn")
        let arguments = ["train", "--data", files.log, "--user-features", files.users, "--item-features", files.items,
                         "--feature-type", "age=categorical", "--epochs", "4", "--eval-every", "2"] + Self.quick
        let train = try CommandLine.run(arguments + ["--output", model, "--json"])
        #expect(train.status == 0, "\(train.stderr)")
        let sides = try #require(try Self.json(train.stdout)["features"] as? [[String: Any]])
        #expect(sides[0]["withoutRow"] as? Int == 1 && sides[0]["unusedRows"] as? Int == 1, "\(sides)")
        #expect(sides[1]["withoutRow"] as? Int == 0)
        let types = (sides[0]["columns"] as? [[String: Any]])?.compactMap { $0["type"] as? String }
        #expect(types == ["categorical", "categorical"])
        #expect((sides[1]["columns"] as? [[String: Any]])?.first?["type"] as? String == "multi")
        #expect(train.stderr.contains("1 of 60 users have no row in \(files.users) (\"v29\")"), "\(train.stderr)")
        #expect(train.stderr.contains("1 rows of \(files.users) are for ids not in the data (\"newbie\")"), "\(train.stderr)")

        // The saved configuration records the feature options: the run repeats exactly.
        let again = try CommandLine.run(["train", "--config", model + ".config.toml", "--json"])
        #expect(again.status == 0, "\(again.stderr)")
        let first = try Self.json(train.stdout)["metrics"] as? [String: Double]
        let second = try Self.json(again.stdout)["metrics"] as? [String: Double]
        #expect(first != nil && second == first)

        let recommend = try CommandLine.run(["recommend", "--model", model, "--user-features", "group=B,age=21", "-k", "4",
                                             "--json"])
        #expect(recommend.status == 0, "\(recommend.stderr)")
        #expect(try FeatureFixtures.recommendedItems(recommend.stdout).count == 4)

        let unknownType = try CommandLine.run(arguments.map { $0 == "age=categorical" ? "nope=numeric" : $0 })
        #expect(unknownType.status == 1 && unknownType.stderr.contains("'nope'"), "\(unknownType.stderr)")
        let badType = try CommandLine.run(arguments.map { $0 == "age=categorical" ? "age=weird" : $0 })
        #expect(badType.status == 64 && badType.stderr.contains("age=weird"), "\(badType.stderr)")
        let noFeatures = try CommandLine.run(["train", "--data", files.log, "--no-id-embeddings", "--epochs", "1"])
        #expect(noFeatures.status == 64 && noFeatures.stderr.contains("needs features"), "\(noFeatures.stderr)")
        let noAttributes = try CommandLine.run(["train", "--data", files.log, "--features", "--epochs", "1"])
        #expect(noAttributes.status == 1 && noAttributes.stderr.contains("has no user or item attributes"), "\(noAttributes.stderr)")

        // An ID-only model folds new users in by items, and refuses features.
        let idOnly = dir.file("id.lgcn")
        let plain = try CommandLine.run(["train", "--data", files.log, "--epochs", "4", "--output", idOnly, "--quiet"] + Self.quick)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: idOnly))[8] == 2)
        let byItems = try CommandLine.run(["recommend", "--model", idOnly, "--items", "a1,a2", "-k", "3", "--json"])
        #expect(byItems.status == 0, "\(byItems.stderr)")
        let items = try FeatureFixtures.recommendedItems(byItems.stdout)
        #expect(items.count == 3 && items.allSatisfy { $0.hasPrefix("a") && $0 != "a1" && $0 != "a2" }, "\(items)")
        let refused = try CommandLine.run(["recommend", "--model", idOnly, "--user-features", "group=A"])
        #expect(refused.status == 1 && refused.stderr.contains("ID-only model"), "\(refused.stderr)")
    }

    @Test("evaluate --protocol cold-start: cold and warm groups next to popularity, with the spread over seeds")
    func coldStartProtocol() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let data = try FeatureFixtures.movieLens(in: dir)
        let arguments = ["evaluate", "--protocol", "cold-start", "--data", data, "--features", "--seeds", "1,2",
                         "--epochs", "8", "--dim", "8", "--layers", "2", "--lr", "0.02", "--k", "5"]
        let users = try CommandLine.run(arguments + ["--json"])
        #expect(users.status == 0, "\(users.stderr)")
        let document = try Self.json(users.stdout)
        #expect(document["seeds"] as? [Int] == [1, 2] && document["revealedFraction"] as? Double == 0.5)
        let rows = try #require(document["rows"] as? [[String: Any]])
        let names = rows.map { "\($0["group"] as? String ?? ""): \($0["method"] as? String ?? "")" }
        #expect(names == ["cold users: popularity", "cold users: ID LightGCN, fold-in", "cold users: feature LightGCN, features",
                          "cold users: feature LightGCN, fold-in", "cold users: feature LightGCN, fold-in + features",
                          "warm users: popularity", "warm users: ID LightGCN", "warm users: feature LightGCN"], "\(names)")
        func recall(_ row: [String: Any]) throws -> (mean: Double, sd: Double, values: [Double]) {
            let metric = try #require((row["metrics"] as? [String: Any])?["Recall@5"] as? [String: Any])
            return (metric["mean"] as? Double ?? .nan, metric["standardDeviation"] as? Double ?? .nan,
                    metric["values"] as? [Double] ?? [])
        }
        for row in rows {
            let r = try recall(row)
            #expect(r.values.count == 2)
            #expect(abs(r.mean - (r.values[0] + r.values[1]) / 2) < 1e-12)
            #expect(abs(r.sd - abs(r.values[0] - r.values[1]) / 2.0.squareRoot()) < 1e-12)
        }
        // The planted signal: fold-in and features find the cold users' items, popularity does not.
        let popularity = try recall(rows[0]).mean
        let foldIn = try recall(rows[1]).mean, features = try recall(rows[2]).mean
        #expect(foldIn > popularity + 0.3 && features > popularity + 0.2, "\(popularity) \(foldIn) \(features)")

        let text = try CommandLine.run(arguments)
        #expect(text.status == 0 && text.stdout.contains("cold users  feature LightGCN, fold-in + features"), "\(text.stdout)")
        #expect(text.stdout.contains(" ± "), "\(text.stdout)")

        let items = try CommandLine.run(arguments + ["--cold", "items", "--json"])
        #expect(items.status == 0, "\(items.stderr)")
        let itemRows = try #require(try Self.json(items.stdout)["rows"] as? [[String: Any]])
        #expect(itemRows.map { $0["method"] as? String } == ["popularity (revealed interactions)", "feature LightGCN, features"])

        let nothing = try CommandLine.run(["evaluate", "--protocol", "cold-start", "--data", data, "--revealed", "0"])
        #expect(nothing.status == 64 && nothing.stderr.contains("add --features"), "\(nothing.stderr)")
        let featuresElsewhere = try CommandLine.run(["evaluate", "--model", dir.file("none.lgcn"), "--features"])
        #expect(featuresElsewhere.status == 64, "\(featuresElsewhere.stderr)")
    }
}
