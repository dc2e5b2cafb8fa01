import Foundation
import Testing

@Suite("Output conventions and exit codes", .serialized)
struct OutputConventionTests {
    static let commands = ["demo", "train", "evaluate", "recommend", "benchmark", "export", "import", "serve", "report"]

    @Test("every subcommand documents its exit codes and offers --json, --quiet and --verbose", arguments: commands)
    func help(command: String) throws {
        let help = try CommandLine.run([command, "--help"])
        #expect(help.status == 0)
        let text = help.stdout.replacingOccurrences(of: "\n", with: " ")
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        #expect(text.contains("Exit codes: 0"), "\(command)")
        #expect(text.contains("1 a runtime error") && text.contains("64 a usage error"), "\(command)")
        for flag in ["--json", "--quiet", "--verbose"] { #expect(text.contains(flag), "\(command) \(flag)") }
    }

    @Test("usage errors exit 64: an unknown option, a bad value, --quiet with --verbose", arguments: commands)
    func usageErrors(command: String) throws {
        let unknown = try CommandLine.run([command, "--no-such-option"])
        #expect(unknown.status == 64, "\(command): \(unknown.stderr)")
        let both = try CommandLine.run([command, "--quiet", "--verbose"])
        #expect(both.status == 64, "\(command): \(both.stderr)")
    }

    @Test("runtime errors exit 1 with a message naming what is wrong")
    func runtimeErrors() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let nope = dir.file("nope")
        let cases: [[String]] = [
            ["train", "--data", nope, "--epochs", "1"],
            ["evaluate", "--model", nope],
            ["recommend", "--model", nope, "--user", "1"],
            ["benchmark", "--data", nope],
            ["export", "--model", nope, "--format", "npy", "--output", dir.file("out")],
            ["import", "--embeddings", nope + ".npy", "--data", nope, "--output", dir.file("m.lgcn")],
            ["serve", "--model", nope],
            ["report", nope],
            ["evaluate", "--protocol", "forward-chaining", "--data", nope],
        ]
        for arguments in cases {
            let run = try CommandLine.run(arguments + ["--quiet"])
            #expect(run.status == 1, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("nope"), "\(arguments): \(run.stderr)")
        }
        // An output folder that does not exist fails before training, with 1.
        let data = try CommandLineTests.datasetDirectory()
        defer { data.remove() }
        let unwritable = try CommandLine.run(["train", "--data", data.path, "--epochs", "1", "--report", dir.file("missing/r.html")])
        #expect(unwritable.status == 1 && unwritable.stderr.contains("does not exist"), "\(unwritable.stderr)")
        #expect(!unwritable.stderr.contains("epoch 1/1"), "it failed before training")
    }

    @Test("--json prints exactly one JSON document on standard output for every command")
    func json() throws {
        let dir = try CommandLineTests.datasetDirectory()
        defer { dir.remove() }
        let model = dir.file("m.lgcn")
        let small = ["--epochs", "1", "--dim", "8", "--layers", "1", "--batch-size", "256"]
        let runs: [(String, [String])] = [
            ("demo", ["demo", "--users", "120", "--items", "90"] + small),
            ("train", ["train", "--data", dir.path, "--output", model] + small),
            ("evaluate", ["evaluate", "--model", model]),
            ("recommend", ["recommend", "--model", model, "--user", "3", "-k", "4"]),
            ("export", ["export", "--model", model, "--format", "npy", "--output", dir.file("tables")]),
            ("import", ["import", "--embeddings", dir.file("tables") + "/embedding_layer0.npy", "--data", dir.path,
                        "--layers", "1", "--output", dir.file("imported.lgcn")]),
            ("report", ["report", model]),
            ("benchmark", ["benchmark", "--data", dir.path, "--rounds", "1", "--dim", "8", "--layers", "1"]),
        ]
        for (name, arguments) in runs {
            let run = try CommandLine.run(arguments + ["--json"])
            #expect(run.status == 0, "\(name): \(run.stderr)")
            let lines = run.stdout.split(separator: "\n")
            #expect(lines.count == 1, "\(name) printed \(lines.count) lines on standard output")
            #expect((try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) != nil, "\(name): \(run.stdout)")
        }
    }

    @Test("--verbose adds the effective configuration and the time by phase; --quiet prints nothing on standard error")
    func verbosity() throws {
        let dir = try CommandLineTests.datasetDirectory()
        defer { dir.remove() }
        let arguments = ["train", "--data", dir.path, "--epochs", "1", "--dim", "8"]
        let verbose = try CommandLine.run(arguments + ["--verbose"])
        #expect(verbose.status == 0, "\(verbose.stderr)")
        #expect(verbose.stderr.contains("effective configuration") && verbose.stderr.contains("time by phase"), "\(verbose.stderr)")
        #expect(verbose.stdout.contains("Recall@20"))
        let quiet = try CommandLine.run(arguments + ["--quiet"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
        #expect(quiet.stdout.contains("Recall@20"))
    }

    @Test("serve --json prints its startup line as JSON, then serves until stopped")
    func serveStartupLine() throws {
        let dir = try CommandLineTests.datasetDirectory()
        defer { dir.remove() }
        let model = dir.file("m.lgcn")
        let train = try CommandLine.run(["train", "--data", dir.path, "--epochs", "1", "--dim", "8", "--output", model, "--quiet"])
        #expect(train.status == 0, "\(train.stderr)")
        let port = 20_000 + Int.random(in: 0..<20_000)
        let process = Process()
        process.executableURL = CommandLine.executable
        process.arguments = ["serve", "--model", model, "--port", String(port), "--json"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var line = Data()
        let handle = out.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let startup = try jsonObject(String(decoding: line, as: UTF8.self))
        #expect(startup["listening"] as? String == "http://127.0.0.1:\(port)")
        #expect(startup["users"] as? Int == 120)
        process.terminate()
        process.waitUntilExit()
    }
}
