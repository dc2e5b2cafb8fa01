import Foundation
import Testing

@Suite("Refit on training + validation interactions", .serialized)
struct RefitTests {
    static let common = ["--epochs", "4", "--eval-every", "1", "--patience", "0", "--dim", "8", "--layers", "2",
                         "--batch-size", "256", "--no-train-metrics"]

    @Test("--refit-with-validation trains the selected number of epochs on train + validation and keeps that model; evaluate agrees")
    func refitKeepsTheRefittedModel() throws {
        let dir = try CommandLineTests.datasetDirectory()
        defer { dir.remove() }
        let model = dir.file("refit.lgcn")
        let run = try CommandLine.run(["train", "--data", dir.path, "--refit-with-validation", "--output", model, "--json"] + Self.common)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("refit: "))
        let summary = try jsonObject(run.stdout)
        let selected = try #require(summary["selectedEpoch"] as? Int)
        #expect(summary["refitEpochs"] as? Int == selected && summary["epochs"] as? Int == 4)
        let history = try jsonObject(try String(contentsOfFile: model + ".history.json", encoding: .utf8))
        #expect((history["refitEpochs"] as? [[String: Any]])?.count == selected)
        #expect((history["epochs"] as? [[String: Any]])?.filter { ($0["metrics"] as? [String: Double])?.isEmpty == false }.count == 4)
        #expect(try String(contentsOfFile: model + ".config.toml", encoding: .utf8).contains("refit-with-validation = true"))

        // The saved model is the refitted one: evaluating it reproduces the run's test metrics.
        let trained = try #require(summary["metrics"] as? [String: Double])
        let evaluate = try CommandLine.run(["evaluate", "--model", model, "--data", dir.path, "--json"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let evaluated = try #require((try jsonObject(evaluate.stdout)["lightgcn"] as? [String: Any])?["metrics"] as? [String: Double])
        for key in ["Recall@20", "NDCG@20"] {
            #expect(abs((trained[key] ?? -1) - (evaluated[key] ?? -2)) < 1e-9, "\(key)")
        }
        // …and not the selection run's model.
        let plain = try CommandLine.run(["train", "--data", dir.path, "--json"] + Self.common)
        let selection = try #require(try jsonObject(plain.stdout)["metrics"] as? [String: Double])
        #expect(try jsonObject(plain.stdout)["selectedEpoch"] as? Int == selected)
        #expect(selection["Recall@20"] != trained["Recall@20"] || selection["NDCG@20"] != trained["NDCG@20"])

        let page = dir.file("refit.html")
        #expect(try CommandLine.run(["report", model, "--output", page, "--quiet"]).status == 0)
        #expect(try String(contentsOfFile: page, encoding: .utf8).contains("\(selected) epochs on the training and validation interactions"))
    }

    @Test("no refit without a validation split, or when the time budget cannot hold it; each is said")
    func refitSkipped() throws {
        let dir = try CommandLineTests.datasetDirectory()
        defer { dir.remove() }
        let paper = try CommandLine.run(["train", "--data", dir.path, "--paper-protocol", "--refit-with-validation", "--json"] + Self.common)
        #expect(paper.status == 0, "\(paper.stderr)")
        #expect(paper.stderr.contains("no refit: it needs a validation split"))
        #expect(try jsonObject(paper.stdout)["refitEpochs"] == nil)

        let budget = try CommandLine.run(["train", "--data", dir.path, "--refit-with-validation", "--max-minutes", "0.00001", "--json"] + Self.common)
        #expect(budget.status == 0, "\(budget.stderr)")
        #expect(budget.stderr.contains("no refit: "))
        #expect(try jsonObject(budget.stdout)["refitEpochs"] == nil)
    }
}
