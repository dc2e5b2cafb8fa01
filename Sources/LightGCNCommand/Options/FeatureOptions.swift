import ArgumentParser
import Foundation
import RecTraining

/// The side-feature options of `train` and `evaluate --protocol cold-start`: where the user and
/// item features come from, their column types, and whether nodes keep an ID embedding.
///
/// With any of them, the model is a feature-aware LightGCN (`FeatureLightGCN`): a node's
/// layer 0 is its ID embedding (unless switched off) plus a learned projection of its
/// features; propagation, scoring, training and evaluation are unchanged.
struct FeatureOptions: ParsableArguments {
    @Flag(name: .customLong("features"), help: ArgumentHelp(
        "Use the dataset's own attributes as features: MovieLens users (age, gender, occupation, zip) and movies "
            + "(year, release date, genres); HetRec Last.fm artists (tags). Text columns (titles, URLs) are left out."))
    var datasetFeatures = false

    @Option(name: .customLong("user-features"), help: ArgumentHelp(
        "A CSV/TSV file of user features with a header: an id column (id, user_id, … or the first) and one column "
            + "per feature; types are inferred (numbers; values with | are sets; few distinct values are "
            + "categories) unless --feature-type says otherwise. Replaces the dataset's user attributes.",
        valueName: "users.csv"))
    var userFeatureFile: String?

    @Option(name: .customLong("item-features"), help: ArgumentHelp(
        "A CSV/TSV file of item features, as --user-features. Replaces the dataset's item attributes.",
        valueName: "items.csv"))
    var itemFeatureFile: String?

    @Option(name: .customLong("feature-type"), help: ArgumentHelp(
        "Column types that replace the inferred (or the dataset's) ones, e.g. genres=multi,age=numeric,zip=ignore; "
            + "types: numeric, categorical, multi (values joined by |; multi:SEP for another separator, e.g. multi:;), text, ignore.",
        valueName: "col=type,…"))
    var featureTypes: String?

    @Flag(name: .customLong("no-id-embeddings"), help: ArgumentHelp(
        "Features only: no ID embedding for users or items, so layer 0 is the feature projection (a side without "
            + "features starts from zero and is represented by its neighbourhood)."))
    var noIDEmbeddings = false

    @Flag(name: .customLong("no-user-ids"), help: "No user ID embedding: users' layer 0 is their feature projection.")
    var noUserIDs = false

    @Flag(name: .customLong("no-item-ids"), help: "No item ID embedding: items' layer 0 is their feature projection.")
    var noItemIDs = false

    @Option(name: .customLong("id-dropout"), help: ArgumentHelp(
        "Training for the cold case (DropoutNet): in each batch, score this share of the nodes from their features "
            + "only, as a new node is served (default 0: off). In the cold-start protocol it applies to the cold side.",
        valueName: "p"))
    var idDropout: Double = 0

    @Option(name: .customLong("feature-distillation"), help: ArgumentHelp(
        "Weight of a term that pulls each batch node's feature-only embedding towards its propagated one "
            + "(default 0: off).", valueName: "w"))
    var featureDistillation: Double = 0

    @Flag(name: .customLong("popularity-prior"), help: ArgumentHelp(
        "Add a learned multiple of each item's log popularity to every score, so that weak features fall back on "
            + "popularity inside the model (saved with the model; served and evaluated with it)."))
    var popularityPrior = false

    @Flag(name: .customLong("separate-cold-head"), help: ArgumentHelp(
        "Serve new nodes by a feature projection of their own, trained by --id-dropout/--feature-distillation, so that "
            + "training it leaves the warm model alone (saved with the model; serves POST /recommend with features)."))
    var separateColdHead = false

    /// ID dropout and feature distillation as given (both sides; the cold-start protocol
    /// narrows them to its cold side).
    var coldStartTraining: ColdStartTraining {
        ColdStartTraining(idDropout: idDropout, featureDistillation: featureDistillation, separateHead: separateColdHead)
    }

    /// Whether any feature source is given (the model is then feature-aware).
    var isEnabled: Bool { datasetFeatures || userFeatureFile != nil || itemFeatureFile != nil }
    /// Whether users keep an ID embedding.
    var useUserIDs: Bool { !(noIDEmbeddings || noUserIDs) }
    /// Whether items keep an ID embedding.
    var useItemIDs: Bool { !(noIDEmbeddings || noItemIDs) }

    func validate() throws {
        if !isEnabled {
            for (given, name) in [(featureTypes != nil, "--feature-type"), (noIDEmbeddings, "--no-id-embeddings"),
                                  (noUserIDs, "--no-user-ids"), (noItemIDs, "--no-item-ids"),
                                  (idDropout != 0, "--id-dropout"), (featureDistillation != 0, "--feature-distillation"),
                                  (popularityPrior, "--popularity-prior"), (separateColdHead, "--separate-cold-head")] where given {
                throw ValidationError("\(name) needs features: add --features, --user-features FILE or --item-features FILE")
            }
        }
        if let problem = coldStartTraining.problem { throw ValidationError(problem) }
        _ = try typeList()
    }

    /// The parsed `--feature-type` (empty when not given).
    func typeList() throws -> FeatureTypeList {
        try FeatureTypeList(featureTypes ?? "")
    }

    /// The `[features]` table of a run's effective configuration (paths made absolute).
    var configurationEntries: [RunConfiguration.Entry] {
        typealias Entry = RunConfiguration.Entry
        func file(_ key: String, _ path: String?) -> Entry {
            path.map { .set(key, .string(DataOptions.absolutePath($0))) } ?? .unset(key, "not set")
        }
        return [
            .set("features", .boolean(datasetFeatures)),
            file("user-features", userFeatureFile),
            file("item-features", itemFeatureFile),
            featureTypes.map { _ in .set("feature-type", .string((try? typeList().text) ?? "")) }
                ?? .unset("feature-type", "not set (types inferred)"),
            .set("no-id-embeddings", .boolean(noIDEmbeddings)),
            .set("no-user-ids", .boolean(noUserIDs)),
            .set("no-item-ids", .boolean(noItemIDs)),
            .set("id-dropout", .float(idDropout)),
            .set("feature-distillation", .float(featureDistillation)),
            .set("popularity-prior", .boolean(popularityPrior)),
            .set("separate-cold-head", .boolean(separateColdHead)),
        ]
    }
}
