import ArgumentParser
import Foundation
import RecData
import RecTraining

/// `lightgcn evaluate-shard`: the batch worker of `spark/evaluate.py`. User ids on standard
/// input, one CSV row of metrics per evaluated user on standard output.
struct EvaluateShardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate-shard",
        abstract: "Batch worker: read user ids on standard input, write each one's test metrics as a CSV row on standard output.",
        discussion: """
            The split is rebuilt exactly as 'lightgcn evaluate --model M' rebuilds it (the data \
            options recorded in the model, overridden by those given here), and every user is \
            ranked as 'evaluate' ranks it: all items, the user's training and validation items \
            excluded.

            Input (standard input): one user id per line, as for 'score-shard' (the dataset's \
            own ids; blank lines skipped; an unknown id fails with its line before any output).

            Output (standard output): the header 'user,test_items,' then one column per metric \
            and cut-off, named as in 'evaluate --json' (Precision@20, Recall@20, F1@20, MAP@20, \
            NDCG@20, MRR@20, HitRate@20, metric by metric, cut-offs ascending); then one row per \
            input user that has at least one test item, in input order, values printed as \
            shortest round-trip decimals. Users without test items get no row, as 'evaluate' \
            does not count them: the mean of a column over the rows of all the model's users is \
            'evaluate''s value of that metric, and the number of rows its user count.

            Exit codes: 0 success; 1 a runtime error (unreadable model or data, data that does \
            not match the model, unknown user); 64 a usage error.
            """)

    @Option(help: "A model file written by 'lightgcn train --output'.") var model: String
    @OptionGroup(title: "Data (default: as recorded in the model)") var dataOptions: DataOptions
    @Option(name: .customLong("k"), help: "Cut-off(s), comma-separated.") var k = "20"
    @Option(name: .customLong("batch-users"), help: "Users ranked per pass.") var batchUsers = 256

    func validate() throws {
        _ = try parseCutoffs(k)
        guard batchUsers >= 1 else { throw ValidationError("--batch-users must be ≥ 1, got \(batchUsers)") }
    }

    func run() throws {
        let ks = try parseCutoffs(k)
        let shardModel = try ShardModel.load(from: model)
        let options = try DataOptions.merging(saved: shardModel.dataArguments, overrides: dataOptions)
        guard options.data != nil else {
            throw ValidationError("--data is required: \(model) does not record the dataset it was trained on")
        }
        let dataset = try options.load().dataset
        try Self.check(shardModel, matches: dataset)
        try checkCutoffs(ks, itemCount: shardModel.itemCount)
        let users = try UserIDList(parsing: FileHandle.standardInput.readDataToEndOfFile()).resolve(in: shardModel)
        let validation = dataset.validation ?? .empty(userCount: shardModel.userCount, itemCount: shardModel.itemCount)
        var evaluator = RankingEvaluator(known: shardModel.train.union(validation), heldOut: dataset.test, ks: ks)
        evaluator.usersPerBatch = batchUsers
        let rows = evaluator.userMetrics(shardModel.recommender, users: users)
        let names = RankingMetricAccumulator(ks: ks).results.map(\.name)
        var text = "user,test_items," + names.joined(separator: ",") + "\n"
        for row in rows {
            text += CSVField.escape(shardModel.userID(at: row.user)) + "," + String(row.heldOutCount)
            for value in row.values { text += "," + value.value.description }
            text += "\n"
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Checks that `dataset` is the data the model was fitted on (as `evaluate` does).
    static func check(_ model: ShardModel, matches dataset: RecommendationDataset) throws {
        guard dataset.userCount == model.userCount, dataset.itemCount == model.itemCount else {
            throw CommandError("the data has \(dataset.userCount) users and \(dataset.itemCount) items but the model was "
                               + "trained on \(model.userCount) users and \(model.itemCount) items; pass the dataset it was trained on")
        }
        let expected = model.isRefit ? dataset.knownBeforeTest : dataset.train
        guard expected == model.train else {
            throw CommandError("the data's training interactions differ from the model's (another dataset, split seed or "
                               + "validation fraction?); evaluate with the options the model was trained with")
        }
    }
}
