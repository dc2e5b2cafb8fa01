import Foundation
import Testing

/// Runs the `lightgcn` binary with `input` on its standard input.
func runWithInput(_ arguments: [String], input: String) throws -> CommandLine.Result {
    let process = Process()
    process.executableURL = CommandLine.executable
    process.arguments = arguments
    let inPipe = Pipe(), out = Pipe(), err = Pipe()
    process.standardInput = inPipe
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Write from another thread so that a large output cannot block the writer.
    let writer = Thread {
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try? inPipe.fileHandleForWriting.close()
    }
    writer.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandLine.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                              stderr: String(decoding: errData, as: UTF8.self))
}

@Suite("The batch-worker commands: score-shard, recommend --all, evaluate-shard, export-users", .serialized)
struct ShardCommandTests {
    /// A CSV with string ids (two planted groups) and a model trained on it.
    static func trainedModel() throws -> (ScratchDirectory, String) {
        let dir = try ScratchDirectory()
        var lines = ["user_id,item_id,timestamp"]
        for g in 0..<2 {
            for u in 0..<40 {
                for i in 0..<15 where (u * 7 + i) % 3 != 0 {
                    lines.append("\(g == 0 ? "u" : "v")\(u),\(g == 0 ? "a" : "b")\(i),\(1_600_000_000 + u * 100 + i)")
                }
            }
        }
        try dir.write("log.csv", lines.joined(separator: "\n") + "\n")
        let model = dir.file("m.lgcn")
        let train = try CommandLine.run(["train", "--data", dir.file("log.csv"), "--epochs", "3", "--dim", "8", "--layers", "2",
                                         "--batch-size", "128", "--eval-every", "0", "--output", model, "--quiet"])
        #expect(train.status == 0, "\(train.stderr)")
        return (dir, model)
    }

    /// `(user, rank, item, score)` of CSV text with the header `user,rank,item,score`.
    static func rows(_ csv: String) -> [[String]] {
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "user,rank,item,score")
        return lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
    }

    @Test("score-shard rows equal recommend's, recommend --all covers every user, --include-seen ranks seen items")
    func scoreShardMatchesRecommend() throws {
        let (dir, model) = try Self.trainedModel()
        defer { dir.remove() }
        let shard = try runWithInput(["score-shard", "--model", model, "-k", "5", "--batch-users", "3"], input: "u3\nv7\r\n\n u0\nu3\n")
        #expect(shard.status == 0, "\(shard.stderr)")
        let rows = Self.rows(shard.stdout)
        #expect(rows.map(\.[0]) == Array(repeating: "u3", count: 5) + Array(repeating: "v7", count: 5)
                + Array(repeating: "u0", count: 5) + Array(repeating: "u3", count: 5))
        for user in ["u3", "v7", "u0"] {
            let single = try CommandLine.run(["recommend", "--model", model, "--user", user, "-k", "5", "--json"])
            #expect(single.status == 0, "\(single.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any]
            let expected = (json?["items"] as? [[String: Any]] ?? []).map { ($0["item"] as? String ?? "", Float($0["score"] as? Double ?? .nan)) }
            let got = rows.filter { $0[0] == user }.prefix(5).map { ($0[2], Float($0[3]) ?? .nan) }
            #expect(got.map(\.0) == expected.map(\.0), "\(user)")
            #expect(got.map(\.1) == expected.map(\.1), "\(user)")
            #expect(rows.filter { $0[0] == user }.prefix(5).map(\.[1]) == ["1", "2", "3", "4", "5"])
        }

        // recommend --all: the same rows as score-shard fed every user that export-users lists.
        let users = try CommandLine.run(["export-users", "--model", model])
        #expect(users.status == 0, "\(users.stderr)")
        let ids = users.stdout.split(separator: "\n").map(String.init)
        #expect(ids.count == 80 && Set(ids).count == 80 && ids.contains("u3") && ids.contains("v39"))
        let all = try CommandLine.run(["recommend", "--model", model, "--all", "-k", "5", "--output", dir.file("top.csv"), "--quiet"])
        #expect(all.status == 0, "\(all.stderr)")
        let written = try String(contentsOfFile: dir.file("top.csv"), encoding: .utf8)
        let everyone = try runWithInput(["score-shard", "--model", model, "-k", "5"], input: users.stdout)
        #expect(everyone.status == 0 && written == everyone.stdout)
        #expect(Self.rows(written).count == 80 * 5)
        #expect(try !FileManager.default.contentsOfDirectory(atPath: dir.path).contains { $0.hasSuffix(".tmp") })

        // Seen items: excluded by default, ranked with --include-seen (k = every item).
        let seen = try runWithInput(["score-shard", "--model", model, "-k", "1000", "--include-seen"], input: "u3\n")
        let unseen = try runWithInput(["score-shard", "--model", model, "-k", "1000"], input: "u3\n")
        #expect(Self.rows(seen.stdout).count == 30)
        #expect(Self.rows(unseen.stdout).count < 30 && Self.rows(unseen.stdout).count > 0)
    }

    @Test("an unknown user fails with its id and line, before any output")
    func unknownUser() throws {
        let (dir, model) = try Self.trainedModel()
        defer { dir.remove() }
        for command in ["score-shard", "evaluate-shard"] {
            let result = try runWithInput([command, "--model", model], input: "u1\nu2\nnobody\nu3\n")
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("stdin:3") && result.stderr.contains("unknown user 'nobody'"), "\(result.stderr)")
            #expect(result.stdout.isEmpty, "\(command): \(result.stdout)")
        }
        let badModel = try runWithInput(["score-shard", "--model", dir.file("missing.lgcn")], input: "u1\n")
        #expect(badModel.status == 1 && badModel.stderr.contains("missing.lgcn"), "\(badModel.stderr)")
    }

    @Test("evaluate-shard rows average to evaluate's metrics over its users")
    func evaluateShardAverages() throws {
        let (dir, model) = try Self.trainedModel()
        defer { dir.remove() }
        let evaluate = try CommandLine.run(["evaluate", "--model", model, "--k", "5,10", "--json"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as? [String: [String: Any]]
        let metrics = report?["lightgcn"]?["metrics"] as? [String: Double] ?? [:]
        let userCount = report?["lightgcn"]?["userCount"] as? Int ?? -1
        #expect(!metrics.isEmpty)

        let users = try CommandLine.run(["export-users", "--model", model]).stdout
        // Two shards, as two tasks would run them.
        let lines = users.split(separator: "\n")
        let halves = [lines[..<37], lines[37...]].map { $0.joined(separator: "\n") + "\n" }
        var header: [String] = []
        var rows: [[String]] = []
        for half in halves {
            let shard = try runWithInput(["evaluate-shard", "--model", model, "--k", "10,5"], input: half)
            #expect(shard.status == 0, "\(shard.stderr)")
            let shardLines = shard.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
            header = shardLines.first ?? []
            rows += shardLines.dropFirst()
        }
        #expect(header.prefix(2) == ["user", "test_items"])
        #expect(Set(header.dropFirst(2)) == Set(metrics.keys))
        #expect(rows.count == userCount)
        #expect(rows.allSatisfy { (Int($0[1]) ?? 0) >= 1 })
        for (column, name) in header.enumerated().dropFirst(2) {
            let mean = rows.map { Double($0[column])! }.reduce(0, +) / Double(rows.count)
            #expect(abs(mean - (metrics[name] ?? .nan)) < 1e-12, "\(name): \(mean) vs \(metrics[name] ?? .nan)")
        }
    }
}
