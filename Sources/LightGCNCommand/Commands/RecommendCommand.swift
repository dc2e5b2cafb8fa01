import ArgumentParser
import Foundation
import RecData
import RecModels
import RecTraining

/// `lightgcn recommend`: the top items of one user of a saved model, or of a new user given by
/// items and/or features.
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Top-k items for a user of a saved model, or for a new user given by items or features; never an item the user already has.",
        discussion: """
            Users and items are named by the dataset's own ids (as in its files) when the model \
            records them, with titles where the dataset has them (MovieLens, Last.fm artists); \
            for paper-format data the ids are the 0-based ids of train.txt.

            A new user (no retraining): --items i1,i2,… gives the items they have; they are \
            folded in through the propagation from the trained embeddings of these items and \
            their neighbourhood, and never recommended. --user-features col=value,… (a model \
            trained with user features) describes them by features, alone or with --items. \
            Columns not given count as missing (no contribution); a value the model never saw \
            in training is treated as missing too, and said so (--strict-features makes it an \
            error instead). Values of a multi-valued column are joined by |.

            Business rules (inside the top-k: the list holds -k items whenever that many are \
            eligible): --exclude i1,i2,… never these items (also a way to page: list what was \
            shown), --include i1,i2,… only these, --filter COND (repeatable, all must hold) a \
            condition on item attributes, --include-seen lets the items the user already has back in \
            (re-consumable items), --offset N skips the first N eligible items. Filter grammar: \
            column:value|value (has one of the values), column!:value (has none), column>=number \
            (also <=, >, <, =, !=); conditions may be joined by commas. Columns are the dataset's \
            item attributes, case-insensitive, a singular name finding a plural column: for \
            MovieLens genre:Comedy, year>=1990. Every model kind works: train with --model.

            Exit codes: 0 success; 1 a runtime error (unreadable model, unknown user, item or \
            feature column, --user-features on a model without user features); 64 a usage error.
            """)

    @Option(help: "A model file written by 'lightgcn train --output'.") var model: String
    @Option(help: "The user's id, as in the dataset's files.") var user: String?
    @Option(help: ArgumentHelp("A new user's items, by the dataset's ids, comma-separated: folded in, never recommended.",
                               valueName: "i1,i2,…"))
    var items: String?
    @Option(name: .customLong("user-features"), help: ArgumentHelp(
        "A new user's features, column=value pairs separated by commas, e.g. gender=F,age=25 (multi-valued: a|b).",
        valueName: "k=v,…"))
    var userFeatures: String?
    @Flag(name: .customLong("strict-features"), help: "Reject a feature value unknown to the model instead of treating it as missing.")
    var strictFeatures = false
    @Option(name: [.customShort("k"), .customLong("k")], help: "How many items.") var k = 10
    @OptionGroup(title: "Business rules") var ruleOptions: RuleOptions
    @Flag(help: "Every user of the model: CSV rows user,rank,item,score (as 'score-shard' writes them) to --output or standard output.")
    var all = false
    @Option(help: ArgumentHelp("With --all: the CSV file to write (atomically).", valueName: "file.csv")) var output: String?
    @OptionGroup(title: "Output") var console: ConsoleOptions

    func validate() throws {
        guard k >= 1 else { throw ValidationError("-k must be ≥ 1, got \(k)") }
        let describesNewUser = items != nil || userFeatures != nil
        if all && (user != nil || describesNewUser) { throw ValidationError("--all recommends for every user of the model: give no --user, --items or --user-features") }
        if !all && output != nil { throw ValidationError("--output applies to --all") }
        if user == nil && !describesNewUser && !all {
            throw ValidationError("give --user ID for a user of the model, or a new user with --items and/or --user-features")
        }
        if user != nil && describesNewUser {
            throw ValidationError("--user names a user of the model; --items and --user-features describe a new one: give one or the other")
        }
        if strictFeatures && userFeatures == nil { throw ValidationError("--strict-features applies to --user-features") }
    }

    func run() throws {
        if all { return try recommendAll() }
        let progress = console.progress()
        progress.update("reading \(model)…")
        let saved = try ModelRegistry.load(from: model)
        progress.clear()
        console.detail("\(model): \(saved.kind.displayName), \(saved.datasetName), \(saved.userCount) users, "
                       + "\(saved.itemCount) items (\(saved.settings))")
        let policy = try ruleOptions.policy(for: saved)
        guard let user else {
            if let trained = saved.trainedModel { return try recommendForNewUser(trained, policy: policy) }
            return try recommendForNewUser(saved, policy: policy)
        }
        let index = try userIndex(in: saved, user: user)
        let items = Array(saved.recommender.recommend(user: index, k: k + rules.offset, candidates: policy).dropFirst(rules.offset))
        try printRecommendations(items, catalog: saved.catalog, user: user)
    }

    /// The rules of the command line.
    var rules: RecommendationRules { ruleOptions.rules }

    /// A new user of a model outside the LightGCN family, given by items: ranked by the model's
    /// own scoring of those items (``ItemHistoryScorer``).
    func recommendForNewUser(_ saved: SavedModel, policy: CandidatePolicy) throws {
        if userFeatures != nil {
            throw CommandError("\(model) is a \(saved.kind.displayName) model: --user-features needs a LightGCN model trained with user features")
        }
        guard let scorer = saved.recommender as? any ItemHistoryScorer else {
            throw CommandError("a \(saved.kind.displayName) model cannot rank for a new user; give --user ID")
        }
        let given = try itemIndices(items ?? "", catalog: saved.catalog, itemCount: saved.itemCount)
        var mask = policy.mask(forUser: -1)
        mask.excluded.append(ArraySlice(given.map { Int32($0) }))
        let ranked = Array(scorer.recommend(forItems: given, k: k + rules.offset, mask: mask).dropFirst(rules.offset))
        console.note("new user: \(given.count) item\(given.count == 1 ? "" : "s") scored by the \(saved.kind.displayName) model; "
                     + "the given items are never recommended")
        let names = given.map { saved.catalog?.items.id(at: $0) ?? String($0) }
        try printRecommendations(ranked, catalog: saved.catalog, user: nil,
                                 newUser: NewUserOutput(items: names, features: nil, unknownValues: nil, absentColumns: nil,
                                                        milliseconds: [:]))
    }

    /// Prints `items` (or the JSON document, with `user` or `newUser`).
    func printRecommendations(_ items: [ScoredItem], catalog: DatasetCatalog?, user: String?,
                              newUser: NewUserOutput? = nil) throws {
        if console.json {
            try printJSON(RecommendationOutput(
                user: user, items: items.map {
                    RecommendedItem(item: catalog?.items.id(at: $0.item) ?? String($0.item),
                                    title: catalog?.title(ofItem: $0.item), score: Double($0.score))
                }, newUser: newUser))
        } else {
            for (rank, item) in items.enumerated() {
                let label = catalog?.label(ofItem: item.item) ?? String(item.item)
                print(String(format: "%3d  %@  score %.4f", rank + 1, label, item.score))
            }
            if items.count < k {
                console.note("only \(items.count) items are eligible for " + (user.map { "user \($0)" } ?? "the new user")
                             + (rules.restrictsCatalogue ? " under the business rules" : " (items the user does not already have)"))
            }
        }
    }

    /// The dense index of `--user`: looked up in the model's ids, or a 0-based index when the
    /// model records none.
    func userIndex(in trained: SavedModel, user: String) throws -> Int {
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

/// The JSON of `recommend --json`: `user` for a user of the model, `newUser` for one given by
/// items or features.
struct RecommendationOutput: Encodable {
    var user: String?
    var items: [RecommendedItem]
    var newUser: NewUserOutput? = nil
}

/// One recommended item: its id as in the dataset, its title when known, its score.
struct RecommendedItem: Encodable {
    var item: String
    var title: String?
    var score: Double
}
