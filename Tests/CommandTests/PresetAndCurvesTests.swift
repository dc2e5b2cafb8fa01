import Foundation
import Testing

@Suite("Training presets and the curves command", .serialized)
struct PresetAndCurvesTests {
    @Test("--preset fast trains with its settings, written out in the run's configuration; options override them")
    func fastPreset() throws {
        let dir = try CommandLineTests.datasetDirectory()
        defer { dir.remove() }
        let model = dir.file("fast.lgcn")
        let run = try CommandLine.run(["train", "--data", dir.path, "--preset", "fast", "--epochs", "6", "--dim", "8", "--layers", "2",
                                       "--batch-size", "512", "--no-train-metrics", "--output", model, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let configuration = try String(contentsOfFile: model + ".config.toml", encoding: .utf8)
        for line in ["init = \"spectral\"", "spectral-exponent = 4.0", "spectral-scale = 0.3", "negative-candidates = 64",
                     "lr = 0.008", "eval-every = 2", "patience = 4", "max-minutes = 27.0", "batch-size = 512",
                     "cosine-decay-epochs = 20", "refit-with-validation = true", "epochs = 6"] {
            #expect(configuration.contains(line), "\(line) in\n\(configuration)")
        }
        let history = try jsonObject(try String(contentsOfFile: model + ".history.json", encoding: .utf8))
        let epochs = try #require(history["epochs"] as? [[String: Any]])
        #expect(epochs.compactMap { ($0["metrics"] as? [String: Double])?["validation/Recall@20"] }.count == 3)  // epochs 2, 4 and 6

        let repeated = try CommandLine.run(["train", "--config", model + ".config.toml", "--output", dir.file("again.lgcn"), "--json"])
        #expect(repeated.status == 0, "\(repeated.stderr)")
        let first = try jsonObject(run.stdout)["metrics"] as? [String: Double]
        let second = try jsonObject(repeated.stdout)["metrics"] as? [String: Double]
        #expect(first != nil && first == second)

        // Without --epochs the preset runs its own 20 (its learning rate reaches 0 at the last).
        let own = try CommandLine.run(["train", "--data", dir.path, "--preset", "fast", "--dim", "8", "--layers", "2",
                                       "--batch-size", "512", "--no-train-metrics", "--output", dir.file("own.lgcn"), "--json"])
        #expect(own.status == 0, "\(own.stderr)")
        #expect(try String(contentsOfFile: dir.file("own.lgcn") + ".config.toml", encoding: .utf8).contains("epochs = 20\n"))
        #expect((try jsonObject(own.stdout)["epochs"] as? Int ?? 0) <= 20)

        let clash = try CommandLine.run(["train", "--data", dir.path, "--preset", "fast", "--pyg-example", "--epochs", "1"])
        #expect(clash.status == 64 && clash.stderr.contains("--pyg-example and --preset fast"))
    }

    @Test("curves draws one line per run against minutes or epochs; bad runs and references fail clearly")
    func curves() throws {
        let dir = try CommandLineTests.datasetDirectory()
        defer { dir.remove() }
        let common = ["train", "--data", dir.path, "--epochs", "4", "--eval-every", "2", "--dim", "8", "--layers", "2",
                      "--batch-size", "256", "--no-train-metrics", "--quiet"]
        #expect(try CommandLine.run(common + ["--output", dir.file("a.lgcn")]).status == 0)
        #expect(try CommandLine.run(common + ["--paper-protocol", "--output", dir.file("b.lgcn")]).status == 0)
        let chart = dir.file("time.svg")
        let run = try CommandLine.run(["curves", dir.file("a.lgcn"), dir.file("b.lgcn.history.json"), "--reference", "published=0.3",
                                       "--output", chart, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let runs = try #require(try jsonObject(run.stdout)["runs"] as? [[String: Any]])
        #expect(runs.map { $0["name"] as? String } == ["a", "b.lgcn"])
        #expect(runs.map { $0["key"] as? String } == ["validation/Recall@20", "Recall@20"])
        #expect(runs.map { $0["points"] as? Int } == [2, 2])
        let svg = try String(contentsOfFile: chart, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") && svg.contains("a (validation)") && svg.contains("b.lgcn (test)") && svg.contains("published"))

        let epochs = try CommandLine.run(["curves", dir.file("a.lgcn"), "--x", "epoch", "--names", "mine", "--output", chart, "--json"])
        #expect(epochs.status == 0, "\(epochs.stderr)")
        let best = (try jsonObject(epochs.stdout)["runs"] as? [[String: Any]])?.first?["best"] as? [Double]
        #expect(best?.first == 2 || best?.first == 4)

        let missing = try CommandLine.run(["curves", dir.file("nothing.lgcn"), "--output", chart])
        #expect(missing.status == 1 && missing.stderr.contains("nothing.lgcn"))
        try dir.write("bad.json", "{ not json")
        let bad = try CommandLine.run(["curves", dir.file("bad.json"), "--output", chart])
        #expect(bad.status == 1 && bad.stderr.contains("bad.json"))
        let reference = try CommandLine.run(["curves", dir.file("a.lgcn"), "--reference", "published", "--output", chart])
        #expect(reference.status == 64 && reference.stderr.contains("label=value"))
        let names = try CommandLine.run(["curves", dir.file("a.lgcn"), "--names", "x,y", "--output", chart])
        #expect(names.status == 64 && names.stderr.contains("2 names for 1 runs"))
    }
}
