import Foundation
import RecTraining

extension RecommendCommand {
    /// `recommend --all`: the rows of `score-shard` for every user of the model, in the
    /// model's user order, written atomically to `--output` (or to standard output).
    func recommendAll() throws {
        let shardModel = try ShardModel.load(from: model)
        let scorer = try ruleOptions.scorer(for: shardModel)
        let users = Array(0..<shardModel.userCount)
        guard let output else {
            let handle = FileHandle.standardOutput
            handle.write(Data(ShardScorer.header.utf8))
            scorer.writeRows(users: users, k: k) { handle.write($0) }
            return
        }
        let target = URL(fileURLWithPath: output)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(ShardScorer.header.utf8)),
              let handle = try? FileHandle(forWritingTo: temporary) else {
            throw CommandError("cannot write \(output): cannot create a file in \(target.deletingLastPathComponent().path)")
        }
        do {
            try handle.seekToEnd()
            try scorer.writeRows(users: users, k: k) { try handle.write(contentsOf: $0) }
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            throw CommandError("cannot write \(output): \(error.localizedDescription)")
        }
        if rename(temporary.path, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CommandError("cannot write \(output): \(reason)")
        }
        console.note("\(shardModel.userCount) users' top \(k) written to \(output)")
    }
}
