import ArgumentParser
import Foundation
import RecTraining

/// `lightgcn export-users`: the ids of every user of a model, the input of the batch workers.
struct ExportUsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-users",
        abstract: "Print the id of every user of a model, one per line (the input format of score-shard and evaluate-shard).",
        discussion: """
            The ids are the dataset's own ids (for paper-format data the 0-based ids of \
            train.txt), in the model's user order, one per line, no header.

            Exit codes: 0 success; 1 an unreadable model; 64 a usage error.
            """)

    @Option(help: "A model file written by 'lightgcn train --output'.") var model: String

    func run() throws {
        let shardModel = try ShardModel.load(from: model)
        var text = ""
        text.reserveCapacity(shardModel.userCount * 8)
        for user in 0..<shardModel.userCount {
            text += shardModel.userID(at: user)
            text += "\n"
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
