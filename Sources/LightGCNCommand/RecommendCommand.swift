import ArgumentParser
import Foundation
import RecData
import RecModels
import RecTraining

/// `lightgcn recommend`: the top items of one user from a saved model.
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Top-k items for a user of a saved model; never an item the user already has.",
        discussion: """
            Users and items are named by the dataset's own ids (as in its files) when the model \
            records them, with titles where the dataset has them (MovieLens, Last.fm artists); \
            for paper-format data the ids are the 0-based ids of train.txt.

            Exit codes: 0 success; 1 a runtime error (unreadable model, unknown user); 64 a usage error.
            """)

    @Option(help: "A model file written by 'lightgcn train --output'.") var model: String
    @Option(help: "The user's id, as in the dataset's files.") var user: String
    @Option(name: [.customShort("k"), .customLong("k")], help: "How many items.") var k = 10
    @OptionGroup(title: "Output") var console: ConsoleOptions

    func run() throws {
        guard k >= 1 else { throw ValidationError("-k must be ≥ 1, got \(k)") }
        let progress = console.progress()
        progress.update("reading \(model)…")
        let trained = try ModelFile.read(from: model)
        progress.clear()
        console.detail("\(model): \(trained.datasetName), \(trained.userCount) users, \(trained.itemCount) items, "
                       + "dim \(trained.embedding.columns), \(trained.configuration.layers) layers")
        let index = try userIndex(in: trained)
        let items = trained.recommender().recommend(users: [index], k: k, excluding: trained.train.itemsOfUser)[0]
        let catalog = trained.catalog
        if console.json {
            try printJSON(RecommendationOutput(
                user: user, items: items.map {
                    RecommendedItem(item: catalog?.items.id(at: $0.item) ?? String($0.item),
                                    title: catalog?.title(ofItem: $0.item), score: Double($0.score))
                }))
        } else {
            for (rank, item) in items.enumerated() {
                let label = catalog?.label(ofItem: item.item) ?? String(item.item)
                print(String(format: "%3d  %@  score %.4f", rank + 1, label, item.score))
            }
            if items.count < k { console.note("only \(items.count) items are left that user \(user) does not already have") }
        }
    }

    /// The dense index of `--user`: looked up in the model's ids, or a 0-based index when the
    /// model records none.
    func userIndex(in trained: TrainedModel) throws -> Int {
        if let users = trained.catalog?.users {
            guard let index = users.index(of: user) else {
                throw CommandError("unknown user \(user): the model has no user with this id (\(users.count) users, e.g. "
                                   + (0..<min(3, users.count)).map { users.id(at: $0) }.joined(separator: ", ") + ")")
            }
            return index
        }
        guard let index = Int(user), index >= 0, index < trained.userCount else {
            throw CommandError("unknown user \(user): the model knows users 0..<\(trained.userCount)")
        }
        return index
    }
}

/// The JSON of `recommend --json`.
struct RecommendationOutput: Encodable {
    var user: String
    var items: [RecommendedItem]
}

/// One recommended item: its id as in the dataset, its title when known, its score.
struct RecommendedItem: Encodable {
    var item: String
    var title: String?
    var score: Double
}
