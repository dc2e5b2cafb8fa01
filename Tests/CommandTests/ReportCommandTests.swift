import Foundation
import RecData
import Testing

@Suite("Reports and history files of the lightgcn command", .serialized)
struct ReportCommandTests {
    static let quickTraining = ["--epochs", "4", "--eval-every", "2", "--dim", "8", "--layers", "2", "--batch-size", "256"]

    /// The charts every training report of a run with validation and train metrics has.
    static func expectTrainingCharts(_ page: PageCheck, selectedEpoch: Int) {
        #expect(page.wellFormed, "\(page.error ?? "")")
        #expect(page.chartTitles == ["Training loss", "Seconds per epoch", "Recall by epoch", "Recall by epoch, train sample",
                                     "Precision by epoch", "Precision by epoch, train sample",
                                     "NDCG by epoch", "NDCG by epoch, train sample"])
        let texts = page.texts("text")
        for family in ["Recall", "Precision", "NDCG"] {
            #expect(texts.contains("train \(family)@20") && texts.contains("validation \(family)@20"), "\(family)")
        }
        #expect(texts.filter { $0 == "selected epoch \(selectedEpoch)" }.count == 8)
        #expect(page.texts("h2").contains("Reproduce"))
        #expect(page.texts("pre").first?.contains("[training]") == true)
        #expect(page.texts("td").contains("test Recall"))
    }

    @Test("train --output --report writes the model, its history (JSON, CSV), its configuration and the page")
    func trainWritesEverything() throws {
        let dir = try CommandLineTests.datasetDirectory()
        defer { dir.remove() }
        let model = dir.file("m.lgcn"), report = dir.file("r.html")
        let train = try CommandLine.run(["train", "--data", dir.path] + Self.quickTraining
                                        + ["--train-metrics", "--train-metrics-users", "50", "--output", model, "--report", report, "--json"])
        #expect(train.status == 0, "\(train.stderr)")
        let summary = try jsonObject(train.stdout)
        let selected = try #require(summary["selectedEpoch"] as? Int)
        let files = summary["files"] as? [String: String]
        #expect(files?["report"] == report && files?["historyJSON"] == model + ".history.json")

        Self.expectTrainingCharts(try PageCheck(path: report), selectedEpoch: selected)

        let history = try jsonObject(try String(contentsOfFile: model + ".history.json", encoding: .utf8))
        #expect(history["selectedEpoch"] as? Int == selected)
        let epochs = try #require(history["epochs"] as? [[String: Any]])
        #expect(epochs.count == 4)
        let metrics = epochs[1]["metrics"] as? [String: Double]
        #expect(metrics?["train/Recall@20"] != nil && metrics?["validation/NDCG@20"] != nil)
        #expect((history["testMetrics"] as? [String: Double])?["Recall@20"] == (summary["metrics"] as? [String: Double])?["Recall@20"])

        let csv = try String(contentsOfFile: model + ".history.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 5)
        let header = csv[0].split(separator: ",").map(String.init)
        #expect(Array(header.prefix(8)) == ["epoch", "selected", "loss", "bpr_loss", "reg_loss", "batches", "seconds", "eval_seconds"])
        #expect(header.contains("train/Precision@20") && header.contains("validation/Recall@20"))
        let marked = csv.dropFirst().filter { $0.split(separator: ",")[1] == "1" }
        #expect(marked.count == 1 && marked.first?.hasPrefix("\(selected),") == true)

        let configuration = try String(contentsOfFile: model + ".config.toml", encoding: .utf8)
        #expect(configuration.contains("epochs = 4") && configuration.contains("train-metrics = true"))
        #expect(configuration.contains("split-fingerprint = ") && configuration.contains("software = "))
    }

    @Test("report MODEL and report RUN_DIR write the same charts; a folder without one model fails with 1")
    func reportCommand() throws {
        let dir = try CommandLineTests.datasetDirectory()
        defer { dir.remove() }
        let runs = dir.file("run")
        try FileManager.default.createDirectory(atPath: runs, withIntermediateDirectories: true)
        let model = runs + "/m.lgcn"
        let train = try CommandLine.run(["train", "--data", dir.path] + Self.quickTraining
                                        + ["--train-metrics", "--train-metrics-users", "50", "--output", model, "--json", "--quiet"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stderr.isEmpty, "--quiet printed: \(train.stderr)")
        let selected = try #require(try jsonObject(train.stdout)["selectedEpoch"] as? Int)

        let page = dir.file("page.html")
        let report = try CommandLine.run(["report", model, "--output", page, "--json"])
        #expect(report.status == 0, "\(report.stderr)")
        let output = try jsonObject(report.stdout)
        #expect(output["report"] as? String == page && output["selectedEpoch"] as? Int == selected)
        Self.expectTrainingCharts(try PageCheck(path: page), selectedEpoch: selected)

        let fromFolder = try CommandLine.run(["report", runs])
        #expect(fromFolder.status == 0, "\(fromFolder.stderr)")
        Self.expectTrainingCharts(try PageCheck(path: model + ".report.html"), selectedEpoch: selected)

        try FileManager.default.copyItem(atPath: model, toPath: runs + "/other.lgcn")
        let twoModels = try CommandLine.run(["report", runs])
        #expect(twoModels.status == 1 && twoModels.stderr.contains("2 model files"), "\(twoModels.stderr)")
        let noModel = try CommandLine.run(["report", dir.path])
        #expect(noModel.status == 1 && noModel.stderr.contains("no model file"), "\(noModel.stderr)")
        let missing = try CommandLine.run(["report", dir.file("nope.lgcn")])
        #expect(missing.status == 1, "\(missing.stderr)")
    }

    @Test("the published protocol labels the watched test curves as test")
    func paperProtocolReport() throws {
        let dir = try CommandLineTests.datasetDirectory()
        defer { dir.remove() }
        let report = dir.file("r.html")
        let train = try CommandLine.run(["train", "--data", dir.path, "--paper-protocol", "--report", report, "--quiet"] + Self.quickTraining)
        #expect(train.status == 0, "\(train.stderr)")
        let page = try PageCheck(path: report)
        #expect(page.wellFormed, "\(page.error ?? "")")
        #expect(page.texts("text").contains("test Recall@20"))
        #expect(page.texts("td").contains { $0.contains("published practice") })
    }

    @Test("evaluate --report compares LightGCN with popularity on the model's split")
    func evaluateReport() throws {
        let dir = try CommandLineTests.datasetDirectory()
        defer { dir.remove() }
        let model = dir.file("m.lgcn"), report = dir.file("compare.html")
        let train = try CommandLine.run(["train", "--data", dir.path, "--output", model, "--quiet"] + Self.quickTraining)
        #expect(train.status == 0, "\(train.stderr)")
        let evaluate = try CommandLine.run(["evaluate", "--model", model, "--popularity", "--k", "5,20", "--report", report, "--quiet"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let page = try PageCheck(path: report)
        #expect(page.wellFormed, "\(page.error ?? "")")
        #expect(page.chartTitles.contains("Models at K = 20") && page.chartTitles.contains("Recall against K"))
        #expect(page.texts("td").contains("popularity") && page.texts("td").contains("lightgcn"))
    }

    @Test("evaluate --protocol forward-chaining --report charts the per-year results")
    func forwardChainingReport() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        // Two test years over a tiny log: 2008 is trained on 2007, 2009 on 2007–2008.
        var train = ["userID,artistID,timestamp_ms"], rows: [Int: [String]] = [:]
        let start: [Int: Int64] = [2007: 1_170_000_000_000, 2008: 1_201_000_000_000, 2009: 1_232_000_000_000]
        for year in [2007, 2008, 2009] {
            for user in 0..<12 {
                for item in 0..<6 where (user + item + year) % 3 != 0 {
                    rows[year, default: []].append("u\(user),a\((user % 4) * 3 + item),\(start[year]! + Int64(user * 1000 + item))")
                }
            }
        }
        for test in [2008, 2009] {
            train = ["userID,artistID,timestamp_ms"] + (2007..<test).flatMap { rows[$0]! }
            try dir.write("train_\(test).csv", train.joined(separator: "\n") + "\n")
            try dir.write("test_\(test).csv", (["userID,artistID,timestamp_ms"] + rows[test]!).joined(separator: "\n") + "\n")
        }
        let report = dir.file("yearly.html")
        let run = try CommandLine.run(["evaluate", "--protocol", "forward-chaining", "--data", dir.path, "--epochs", "2",
                                       "--dim", "8", "--report", report, "--json", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect((try jsonObject(run.stdout)["lightgcn"] as? [[String: Any]])?.count == 2)
        let page = try PageCheck(path: report)
        #expect(page.wellFormed, "\(page.error ?? "")")
        #expect(page.chartTitles.contains("HitRate@10 by test year") && page.chartTitles.contains("MRR by test year"))
        #expect(page.texts("td").contains("2008") && page.texts("td").contains("2009"))
    }
}
