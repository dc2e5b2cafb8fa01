import Foundation
import Testing

@Suite("Configuration files (--config)", .serialized)
struct ConfigFileTests {
    static let quickTraining = ["--epochs", "3", "--eval-every", "1", "--dim", "8", "--layers", "2", "--batch-size", "256"]

    @Test("train --config M.config.toml repeats the run exactly, twice, and writes the same configuration")
    func savedConfigurationReproducesTheRun() throws {
        let dir = try CommandLineTests.datasetDirectory()
        defer { dir.remove() }
        let first = dir.file("first.lgcn")
        let original = try CommandLine.run(["train", "--data", dir.path, "--lr", "0.005", "--k", "5,20", "--seed", "7",
                                            "--train-metrics", "--train-metrics-users", "40", "--output", first, "--json"]
                                           + Self.quickTraining)
        #expect(original.status == 0, "\(original.stderr)")
        let configuration = first + ".config.toml"
        let reference = try jsonObject(original.stdout)
        let referenceHistory = try jsonObject(try String(contentsOfFile: first + ".history.json", encoding: .utf8))
        for name in ["second.lgcn", "third.lgcn"] {
            let run = try CommandLine.run(["train", "--config", configuration, "--output", dir.file(name), "--json"])
            #expect(run.status == 0, "\(run.stderr)")
            let summary = try jsonObject(run.stdout)
            #expect(summary["metrics"] as? [String: Double] == reference["metrics"] as? [String: Double])
            #expect(summary["validationMetrics"] as? [String: Double] == reference["validationMetrics"] as? [String: Double])
            #expect(summary["selectedEpoch"] as? Int == reference["selectedEpoch"] as? Int)
            #expect((summary["metrics"] as? [String: Double])?["Recall@5"] != nil)
            let history = try jsonObject(try String(contentsOfFile: dir.file(name) + ".history.json", encoding: .utf8))
            let losses = { (h: [String: Any]) in (h["epochs"] as? [[String: Any]])?.map { $0["loss"] as? Double } }
            let metrics = { (h: [String: Any]) in (h["epochs"] as? [[String: Any]])?.map { $0["metrics"] as? [String: Double] } }
            #expect(losses(history) == losses(referenceHistory))
            #expect(metrics(history) == metrics(referenceHistory))
            #expect(try String(contentsOfFile: dir.file(name) + ".config.toml", encoding: .utf8)
                    == String(contentsOfFile: configuration, encoding: .utf8))
        }
    }

    @Test("options on the command line win over the file; keys may be grouped in [data] and [training]")
    func commandLineWins() throws {
        let dir = try CommandLineTests.datasetDirectory()
        defer { dir.remove() }
        try dir.write("run.toml", """
            # a hand-written configuration
            [data]
            data = "\(dir.path)"
            paper-protocol = true

            [training]
            epochs = 3
            dim = 8
            k = [5, 10]
            batch-size = 256
            eval-every = 1
            train-metrics = false
            """)
        func trainKeys(_ model: String) throws -> Int {
            let history = try jsonObject(try String(contentsOfFile: model + ".history.json", encoding: .utf8))
            return ((history["epochs"] as? [[String: Any]]) ?? []).flatMap { (($0["metrics"] as? [String: Double]) ?? [:]).keys }
                .filter { $0.hasPrefix("train/") }.count
        }
        let fromFile = try CommandLine.run(["train", "--config", dir.file("run.toml"), "--json", "--quiet", "--output", dir.file("a.lgcn")])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        let summary = try jsonObject(fromFile.stdout)
        #expect(summary["epochs"] as? Int == 3)
        #expect((summary["metrics"] as? [String: Double])?["Recall@10"] != nil)
        #expect((summary["validationMetrics"] as? [String: Double])?.isEmpty == true, "paper-protocol = true was applied")
        #expect(try trainKeys(dir.file("a.lgcn")) == 0, "train-metrics = false turned the default off")

        let overridden = try CommandLine.run(["train", "--config", dir.file("run.toml"), "--epochs", "2", "--k", "20", "--train-metrics",
                                              "--json", "--quiet", "--output", dir.file("b.lgcn")])
        #expect(overridden.status == 0, "\(overridden.stderr)")
        let changed = try jsonObject(overridden.stdout)
        #expect(changed["epochs"] as? Int == 2)
        #expect((changed["metrics"] as? [String: Double])?["Recall@20"] != nil)
        #expect((changed["metrics"] as? [String: Double])?["Recall@10"] == nil)
        #expect(try trainKeys(dir.file("b.lgcn")) > 0, "--train-metrics on the command line won")
    }

    @Test("bad files exit 64, name the file, the key and the line, and write nothing",
          arguments: [
            ("epoch = 3\n", "unknown.toml:1: key 'epoch'", "did you mean 'epochs'"),
            ("dim = 8\nepochs = \n", "malformed.toml:2", "not valid TOML"),
            ("[data]\npaper-protocol = \"yes\"\n", "flag.toml:2: key 'paper-protocol'", "is a flag"),
            ("epochs = true\n", "boolean.toml:1: key 'epochs'", "not a flag"),
            ("[model]\nlayers = 2\n", "table.toml:1: key 'model'", "unknown table [model]"),
            ("epochs = 2\n[training]\nepochs = 3\n", "twice.toml:3: key 'epochs'", "set twice"),
            ("epochs = \"ten\"\n", "The value 'ten' is invalid for '--epochs", "set by "),
            ("epochs = -3\n", "--epochs must be ≥ 0, got -3", "key 'epochs'"),
            ("[recorded]\nauthor = \"me\"\n", "recorded.toml:2: key 'author'", "unknown key in [recorded]"),
          ])
    func badFiles(text: String, location: String, message: String) throws {
        let dir = try CommandLineTests.datasetDirectory()
        defer { dir.remove() }
        let name = location.hasPrefix("The value") ? "type.toml" : location.hasPrefix("--epochs") ? "negative.toml"
            : String(location.prefix { $0 != ":" })
        try dir.write(name, text)
        let model = dir.file("m.lgcn")
        let run = try CommandLine.run(["train", "--config", dir.file(name), "--data", dir.path, "--output", model])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains(location) && run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stderr.contains(name), "the message names the file: \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: model))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test("a missing file, a repeated --config and --config on a command without it are usage errors")
    func usage() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let missing = try CommandLine.run(["train", "--config", dir.file("none.toml")])
        #expect(missing.status == 64 && missing.stderr.contains("none.toml: no such configuration file"), "\(missing.stderr)")
        try dir.write("a.toml", "epochs = 1\n")
        let twice = try CommandLine.run(["train", "--config", dir.file("a.toml"), "--config", dir.file("a.toml")])
        #expect(twice.status == 64 && twice.stderr.contains("given 2 times"), "\(twice.stderr)")
        let elsewhere = try CommandLine.run(["recommend", "--config", dir.file("a.toml"), "--model", "m", "--user", "1"])
        #expect(elsewhere.status == 64, "\(elsewhere.stderr)")
    }

    @Test("a changed split is reported against the fingerprint the file recorded")
    func fingerprintWarning() throws {
        let dir = try CommandLineTests.datasetDirectory()
        defer { dir.remove() }
        let model = dir.file("m.lgcn")
        let train = try CommandLine.run(["train", "--data", dir.path, "--output", model, "--quiet"] + Self.quickTraining)
        #expect(train.status == 0, "\(train.stderr)")
        let changed = try CommandLine.run(["train", "--config", model + ".config.toml", "--validation-fraction", "0.2", "--epochs", "1"])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stderr.contains("differs from the one"), "\(changed.stderr)")
        let same = try CommandLine.run(["train", "--config", model + ".config.toml", "--epochs", "1"])
        #expect(!same.stderr.contains("differs from the one"), "\(same.stderr)")
    }
}
