import ArgumentParser
import Foundation
import RecModels
import RecTraining

/// `lightgcn score-shard`: the batch worker of `spark/recommend_all.py`. User ids on standard
/// input, top-K CSV rows on standard output.
struct ScoreShardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score-shard",
        abstract: "Batch worker: read user ids on standard input, write their top-k items as CSV rows on standard output.",
        discussion: """
            Input (standard input): one user id per line, the dataset's own ids exactly as in \
            its files (for paper-format data the 0-based ids of train.txt), plain UTF-8 text; \
            \\n or \\r\\n line ends, spaces and tabs around an id are removed, blank lines are \
            skipped, no header. The same ids 'lightgcn export-users' prints.

            Output (standard output): the header 'user,rank,item,score', then per user, in \
            input order, k rows best first: rank is 1-based, score the model's 32-bit float \
            score printed as its shortest round-trip decimal (parse it back and it is the same \
            float). Fields with a comma or a quote are CSV-quoted. The items a user already has \
            (training interactions) are excluded, as in 'lightgcn recommend', and the same \
            business rules apply (--exclude, --include, --filter, --include-seen, --offset: see \
            'lightgcn recommend --help'). A user with fewer than k eligible items gets fewer rows.

            Every id is checked before anything is written: an unknown id prints \
            'Error: stdin:LINE: unknown user ID …' on standard error, writes nothing on standard \
            output and exits with status 1, so that the task that sent it fails. Users are \
            scored --batch-users at a time.

            Exit codes: 0 success; 1 a runtime error (unreadable model, unknown user); 64 a \
            usage error.
            """)

    @Option(help: "A model file written by 'lightgcn train --output'.") var model: String
    @Option(name: [.customShort("k"), .customLong("k")], help: "How many items per user.") var k = 20
    @OptionGroup(title: "Business rules") var ruleOptions: RuleOptions
    @Option(name: .customLong("batch-users"), help: "Users scored per pass.") var batchUsers = 256

    func validate() throws {
        guard k >= 1 else { throw ValidationError("-k must be ≥ 1, got \(k)") }
        guard batchUsers >= 1 else { throw ValidationError("--batch-users must be ≥ 1, got \(batchUsers)") }
    }

    func run() throws {
        let shardModel = try ShardModel.load(from: model)
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let users = try UserIDList(parsing: input).resolve(in: shardModel)
        var scorer = try ruleOptions.scorer(for: shardModel)
        scorer.usersPerBatch = batchUsers
        let output = FileHandle.standardOutput
        output.write(Data(ShardScorer.header.utf8))
        scorer.writeRows(users: users, k: k) { output.write($0) }
    }
}
