import Foundation
import RecData
import Testing

@Suite("The lightgcn command", .serialized)
struct CommandLineTests {
    /// A small generated dataset in the paper format.
    static func datasetDirectory() throws -> ScratchDirectory {
        let dir = try ScratchDirectory()
        try SyntheticDataset.writePaperFormat(SyntheticDataset.generate(userCount: 120, itemCount: 90, seed: 3), to: dir.path)
        return dir
    }

    @Test("train, evaluate and recommend on a saved model")
    func trainEvaluateRecommend() throws {
        let dir = try Self.datasetDirectory()
        defer { dir.remove() }
        let model = dir.file("model.lgcn")
        let train = try CommandLine.run(["train", "--data", dir.path, "--epochs", "2", "--dim", "8", "--layers", "2",
                                         "--batch-size", "256", "--eval-every", "1", "--output", model, "--json"])
        #expect(train.status == 0, "\(train.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(train.stdout.utf8)) as? [String: Any]
        #expect(summary?["epochs"] as? Int == 2)
        #expect((summary?["metrics"] as? [String: Double])?["Recall@20"] != nil)
        #expect((summary?["peakRSSMegabytes"] as? Double ?? 0) > 0)
        #expect(FileManager.default.fileExists(atPath: model))

        let evaluate = try CommandLine.run(["evaluate", "--model", model, "--data", dir.path, "--k", "5,10", "--json"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let reports = try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as? [String: [String: Any]]
        let metrics = reports?["lightgcn"]?["metrics"] as? [String: Double]
        #expect(metrics?["NDCG@10"] != nil && metrics?["Recall@5"] != nil)

        let recommend = try CommandLine.run(["recommend", "--model", model, "--user", "4", "-k", "7", "--json"])
        #expect(recommend.status == 0, "\(recommend.stderr)")
        let output = try JSONSerialization.jsonObject(with: Data(recommend.stdout.utf8)) as? [String: Any]
        let items = (output?["items"] as? [[String: Any]])?.compactMap { ($0["item"] as? String).flatMap(Int.init) } ?? []
        #expect(items.count == 7)
        let dataset = try RecommendationDataset.loadPaperFormat(directory: dir.path)
        #expect(items.allSatisfy { !dataset.train.contains(user: 4, item: $0) })
    }

    @Test("a malformed line is reported with file and line, and no model is written")
    func malformedData() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        try dir.write("train.txt", "0 1 2\n1 2 3\n2 x7 1\n")
        try dir.write("test.txt", "0 3\n")
        let result = try CommandLine.run(["train", "--data", dir.path, "--epochs", "1", "--output", dir.file("m.lgcn")])
        #expect(result.status != 0)
        #expect(result.stderr.contains("train.txt:3"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("m.lgcn")))
    }

    @Test("missing data, too large k, unknown user and a truncated model fail cleanly")
    func badInput() throws {
        let dir = try Self.datasetDirectory()
        defer { dir.remove() }
        let missing = try CommandLine.run(["train", "--data", dir.file("nope"), "--epochs", "1"])
        #expect(missing.status != 0 && missing.stderr.contains("nope"), "\(missing.stderr)")

        let bigK = try CommandLine.run(["train", "--data", dir.path, "--epochs", "1", "--k", "100000"])
        #expect(bigK.status == 1 && bigK.stderr.contains("exceeds the number of items"), "\(bigK.stderr)")

        let model = dir.file("model.lgcn")
        let train = try CommandLine.run(["train", "--data", dir.path, "--epochs", "1", "--dim", "8", "--output", model, "--quiet"])
        #expect(train.status == 0, "\(train.stderr)")
        let unknown = try CommandLine.run(["recommend", "--model", model, "--user", "5000"])
        #expect(unknown.status == 1 && unknown.stderr.contains("unknown user 5000"), "\(unknown.stderr)")
        let usage = try CommandLine.run(["recommend", "--model", model, "--user", "1", "-k", "0"])
        #expect(usage.status == 64, "\(usage.stderr)")

        let bytes = try Data(contentsOf: URL(fileURLWithPath: model))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: model))
        let truncated = try CommandLine.run(["recommend", "--model", model, "--user", "1"])
        #expect(truncated.status != 0 && truncated.stderr.contains("truncated"), "\(truncated.stderr)")
    }

    @Test("a CSV with string ids: trained with a validation split, recommended and evaluated by its own ids")
    func csvWithStringIDs() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        // Two planted groups: users u0…u29 like items a*, users v0…v29 like items b*.
        var lines = ["user_id,item_id,stars"]
        for g in 0..<2 {
            for u in 0..<30 {
                for i in 0..<12 where (u + i) % 3 != 0 {
                    lines.append("\(g == 0 ? "u" : "v")\(u),\(g == 0 ? "a" : "b")\(i),5")
                }
            }
        }
        try dir.write("log.csv", lines.joined(separator: "\n") + "\n")
        let model = dir.file("m.lgcn")
        let train = try CommandLine.run(["train", "--data", dir.file("log.csv"), "--epochs", "6", "--dim", "8", "--layers", "2",
                                         "--batch-size", "128", "--eval-every", "2", "--lr", "0.01", "--output", model, "--k", "5"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stderr.contains("selected epoch"), "\(train.stderr)")
        #expect(train.stderr.contains("random per-user holdout"), "\(train.stderr)")

        let recommend = try CommandLine.run(["recommend", "--model", model, "--user", "u3", "-k", "3", "--json"])
        #expect(recommend.status == 0, "\(recommend.stderr)")
        let output = try JSONSerialization.jsonObject(with: Data(recommend.stdout.utf8)) as? [String: Any]
        let items = (output?["items"] as? [[String: Any]])?.compactMap { $0["item"] as? String } ?? []
        #expect(items.count == 3 && items.allSatisfy { $0.hasPrefix("a") }, "\(items)")
        let unknown = try CommandLine.run(["recommend", "--model", model, "--user", "nobody"])
        #expect(unknown.status == 1 && unknown.stderr.contains("unknown user nobody"), "\(unknown.stderr)")

        // The model records its data options: evaluate rebuilds the same split without them.
        let evaluate = try CommandLine.run(["evaluate", "--model", model, "--k", "5", "--json"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let other = try CommandLine.run(["evaluate", "--model", model, "--k", "5", "--split-seed", "7"])
        #expect(other.status == 1 && other.stderr.contains("differ from the model's"), "\(other.stderr)")
    }

    @Test("--paper-protocol watches the test set and says so; the default does not")
    func paperProtocol() throws {
        let dir = try Self.datasetDirectory()
        defer { dir.remove() }
        let arguments = ["train", "--data", dir.path, "--epochs", "2", "--dim", "8", "--eval-every", "1"]
        let paper = try CommandLine.run(arguments + ["--paper-protocol"])
        #expect(paper.status == 0, "\(paper.stderr)")
        #expect(paper.stderr.contains("the published practice") && paper.stderr.contains("  test ("), "\(paper.stderr)")
        let selected = try CommandLine.run(arguments)
        #expect(selected.status == 0, "\(selected.stderr)")
        #expect(!selected.stderr.contains("  test (") && selected.stderr.contains("  validation ("), "\(selected.stderr)")
    }

    @Test("compare fits every model on one split, keeps a failed model's row, and reuses saved results")
    func compare() throws {
        let dir = try Self.datasetDirectory()
        defer { dir.remove() }
        let arguments = ["compare", "--data", dir.path, "--models", "lightgcn,ease,itemknn,popularity", "--epochs", "3",
                         "--dim", "8", "--eval-every", "1", "--k", "5,10", "--results", dir.file("results"),
                         "--markdown", dir.file("t.md"), "--csv", dir.file("t.csv"), "--latency-users", "20"]
        let first = try CommandLine.run(arguments + ["--memory-limit", "0.000001", "--json", "--report", dir.file("r.html")])
        #expect(first.status == 0, "\(first.stderr)")
        let entries = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(entries.map { $0["model"] as? String } == ["lightgcn", "ease", "itemknn", "popularity"])
        let ease = entries[1]
        #expect(ease["status"] as? String == "failed" && (ease["error"] as? String ?? "").contains("not enough memory"), "\(ease)")
        let knn = entries[2]["metrics"] as? [String: Double]
        #expect((knn?["Recall@10"] ?? -1) >= 0 && (knn?["NDCG@5"] ?? -1) >= 0)
        #expect(entries[0]["selectedEpoch"] as? Int != nil)
        let markdown = try String(contentsOfFile: dir.file("t.md"), encoding: .utf8)
        #expect(markdown.contains("| ease | failed: ease") || markdown.contains("| ease | failed:"), "\(markdown)")
        let page = try String(contentsOfFile: dir.file("r.html"), encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("itemknn") && page.contains("ease (failed)"))
        let csvText = try String(contentsOfFile: dir.file("t.csv"), encoding: .utf8)
        #expect(csvText.split(separator: "\n").count == 5 && csvText.hasPrefix("model,status,Recall@5"))

        // Second run: the successful results are reused, the failed one is fitted again (now with memory).
        let second = try CommandLine.run(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("lightgcn: reusing") && second.stderr.contains("itemknn: reusing"), "\(second.stderr)")
        #expect(!second.stderr.contains("ease: reusing") && second.stdout.contains("ease"), "\(second.stderr)")
    }

    @Test("compare --losses: each BPR-family model once per objective, other models once; an unknown objective is refused")
    func compareLosses() throws {
        let dir = try Self.datasetDirectory()
        defer { dir.remove() }
        let arguments = ["compare", "--data", dir.path, "--models", "mf,lrgccf,popularity", "--epochs", "2", "--dim", "8",
                         "--layers", "1", "--eval-every", "1", "--k", "5", "--results", dir.file("results"), "--latency-users", "5",
                         "--uniform-negatives", "16", "--json"]
        let run = try CommandLine.run(arguments + ["--losses", "bpr,softmax,directau", "--negative-candidates", "4",
                                                   "--negative-temperature", "0.7"])
        #expect(run.status == 0, "\(run.stderr)")
        let entries = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(entries.map { $0["model"] as? String } == ["mf-bpr", "mf-softmax", "mf-directau", "lrgccf-bpr", "lrgccf-softmax",
                                                           "lrgccf-directau", "popularity"])
        #expect(entries.enumerated().allSatisfy { $0.offset == 3 || $0.element["status"] as? String == "ok" }, "\(entries)")
        #expect((entries[1]["settings"] as? String ?? "").contains("softmax loss τ 0.1, 16 uniform negatives"), "\(entries[1])")
        // Hard negatives are BPR's: the mf-bpr row has them, the softmax row does not; LR-GCCF cannot draw them.
        #expect((entries[0]["settings"] as? String ?? "").contains("hardest of 4 negatives"), "\(entries[0])")
        #expect(!(entries[1]["settings"] as? String ?? "").contains("hardest"), "\(entries[1])")
        #expect(entries[3]["status"] as? String == "failed" && (entries[3]["error"] as? String ?? "").contains("hard negatives"),
                "\(entries[3])")
        let bad = try CommandLine.run(arguments + ["--losses", "bpr,hinge"])
        #expect(bad.status != 0 && bad.stderr.contains("unknown objective 'hinge'"), "\(bad.stderr)")
    }

    @Test("tune: trials on validation only, saved and reused, a live claim skipped, the best written as a TOML train replays")
    func tune() throws {
        let dir = try Self.datasetDirectory()
        defer { dir.remove() }
        let arguments = ["tune", "--data", dir.path, "--space", "lr=0.005..0.05:log,loss=bpr|softmax", "--trials", "3", "--epochs", "2",
                         "--dim", "8", "--layers", "1", "--eval-every", "1", "--k", "5", "--uniform-negatives", "16",
                         "--results", dir.file("tune")]
        let first = try CommandLine.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stderr.contains("test (") && !first.stdout.contains("test ("), "\(first.stderr)")
        #expect(first.stdout.contains("3 trials, ranked by validation Recall@5"), "\(first.stdout)")
        let best = try String(contentsOfFile: dir.file("tune/best.toml"), encoding: .utf8)
        #expect(best.hasPrefix("# lightgcn tune: trial ") && best.contains("[training]") && best.contains("loss = "), "\(best)")
        let folder = try FileManager.default.contentsOfDirectory(atPath: dir.file("tune")).first { $0.hasPrefix("lightgcn-") }!
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.file("tune/\(folder)")).sorted()
        #expect(files == ["trial-1.json", "trial-2.json", "trial-3.json"])

        // A fourth trial claimed by a live process (pid 1) is skipped; the first three are reused.
        try "1\n".write(toFile: dir.file("tune/\(folder)/trial-4.lock"), atomically: true, encoding: .utf8)
        let second = try CommandLine.run(arguments.map { $0 == "3" ? "4" : $0 })
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("trial 1: reusing") && second.stderr.contains("trial 4: claimed by another tune process"),
                "\(second.stderr)")

        let replay = try CommandLine.run(["train", "--config", dir.file("tune/best.toml"), "--output", dir.file("best.lgcn")])
        #expect(replay.status == 0, "\(replay.stderr)")
        let bad = try CommandLine.run(arguments + ["--paper-protocol"])
        #expect(bad.status != 0 && bad.stderr.contains("leave out --paper-protocol"), "\(bad.stderr)")
    }

    @Test("ratings: RMSE and MAE of the rating models on held-out stars; data without ratings is refused")
    func ratings() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        // Stars from a planted structure: user group g likes item group g (5) and not the other (1–2).
        var lines = ["user,item,rating"]
        for u in 0..<40 {
            for i in 0..<30 where (u * 7 + i) % 3 != 0 {
                let liked = (u % 2) == (i % 2)
                lines.append("u\(u),i\(i),\(liked ? 5 : 1 + (u + i) % 2)")
            }
        }
        try dir.write("stars.csv", lines.joined(separator: "\n") + "\n")
        let run = try CommandLine.run(["ratings", "--data", dir.file("stars.csv"), "--epochs", "60", "--dim", "8", "--layers", "1",
                                       "--batch-size", "64", "--lr", "0.02", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
        let rmse = Dictionary(uniqueKeysWithValues: rows.compactMap { row in
            (row["model"] as? String).flatMap { name in (row["rmse"] as? Double).map { (name, $0) } }
        })
        #expect(rmse.keys.sorted() == ["biases", "lightgcn", "mean", "mf"])
        #expect((rmse["mf"] ?? 9) < (rmse["mean"] ?? 0) && (rmse["lightgcn"] ?? 9) < (rmse["mean"] ?? 0), "\(rmse)")

        try dir.write("plain.csv", "user,item\na,x\nb,y\n")
        let plain = try CommandLine.run(["ratings", "--data", dir.file("plain.csv")])
        #expect(plain.status == 1 && plain.stderr.contains("no rating values"), "\(plain.stderr)")
    }
}
