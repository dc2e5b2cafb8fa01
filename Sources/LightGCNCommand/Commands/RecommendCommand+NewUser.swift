import ArgumentParser
import Foundation
import RecData
import RecModels
import RecTraining

extension RecommendCommand {
    /// The top items of a user the model has never seen, given by `--items` and/or
    /// `--user-features`: folded in through the propagation and/or projected from features
    /// (`TrainedModel.coldStartRecommender()`), the given items excluded.
    func recommendForNewUser(_ trained: TrainedModel, policy: CandidatePolicy) throws {
        let clock = ContinuousClock()
        let given = try items.map { try itemIndices($0, in: trained) } ?? []
        let row = try userFeatures.map { try featureRow($0, in: trained) }
        var setup = Duration.zero, foldIn = Duration.zero, ranking = Duration.zero
        var coldStart: ColdStartRecommender?
        setup = clock.measure { coldStart = trained.coldStartRecommender() }
        guard let coldStart else { return }
        var embedding: [Float] = []
        foldIn = clock.measure { embedding = coldStart.userEmbedding(userFeatures: row?.features, items: given) }
        var ranked: [ScoredItem] = []
        var mask = policy.mask(forUser: -1)
        mask.excluded.append(ArraySlice(given.map { Int32($0) }))
        ranking = clock.measure {
            ranked = Array(coldStart.foldIn.recommend(embedding: embedding, k: k + rules.offset, mask: mask).dropFirst(rules.offset))
        }

        let catalog = trained.catalog
        let names = given.map { catalog?.items.id(at: $0) ?? String($0) }
        var description: [String] = []
        if !given.isEmpty {
            description.append("\(given.count) item\(given.count == 1 ? "" : "s") ("
                               + given.prefix(5).map { catalog?.label(ofItem: $0) ?? String($0) }.joined(separator: ", ")
                               + (given.count > 5 ? ", …" : "") + ") folded in through the propagation")
        }
        if let userFeatures { description.append("features \(userFeatures)") }
        console.note("new user: " + description.joined(separator: "; ")
                     + (given.isEmpty ? "" : "; the given items are never recommended"))
        if embedding.allSatisfy({ $0 == 0 }) {
            console.note("note: no item and no known feature value describe this user: every item scores 0, "
                         + "so the list is in the model's item order")
        }
        let milliseconds = ["setup": Self.milliseconds(setup), "foldIn": Self.milliseconds(foldIn),
                            "ranking": Self.milliseconds(ranking)]
        console.detail(String(format: "fold-in: setup %.2f ms (the trained graph's layers, once per model), new user's "
                              + "embedding %.3f ms, ranking %d items %.3f ms", milliseconds["setup"]!, milliseconds["foldIn"]!,
                              trained.itemCount, milliseconds["ranking"]!))
        let output = NewUserOutput(items: names, features: row.map { _ in userFeatureValues }, unknownValues: row?.notes,
                                   absentColumns: row?.absentColumns, milliseconds: milliseconds)
        try printRecommendations(ranked, catalog: catalog, user: nil, newUser: output)
    }

    /// The parsed `--user-features` pairs (empty when not given).
    var userFeatureValues: [String: String] {
        (try? FeatureSchema.parseAssignments(userFeatures ?? "")) ?? [:]
    }

    /// The dense indices of the comma-separated item ids `text`, in order, repeats dropped;
    /// a `CommandError` names the ids the model does not have.
    func itemIndices(_ text: String, in trained: TrainedModel) throws -> [Int] {
        try itemIndices(text, catalog: trained.catalog, itemCount: trained.itemCount)
    }

    /// The dense indices of the item ids in `text` (comma-separated), each once.
    func itemIndices(_ text: String, catalog: DatasetCatalog?, itemCount: Int) throws -> [Int] {
        let ids = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !ids.isEmpty else { throw ValidationError("--items needs at least one item id, e.g. --items 50,172") }
        let vocabulary = catalog?.items
        var indices: [Int] = [], unknown: [String] = [], seen = Set<Int>()
        for id in ids {
            let index = vocabulary.map { $0.index(of: id) } ?? Int(id).flatMap { (0..<itemCount).contains($0) ? $0 : nil }
            guard let index else { unknown.append(id); continue }
            if seen.insert(index).inserted { indices.append(index) }
        }
        guard unknown.isEmpty else {
            let examples = (0..<min(3, itemCount)).map { vocabulary?.id(at: $0) ?? String($0) }.joined(separator: ", ")
            throw CommandError("unknown item\(unknown.count == 1 ? "" : "s") " + unknown.prefix(5).joined(separator: ", ")
                               + (unknown.count > 5 ? ", … (\(unknown.count))" : "")
                               + ": the model has no item with \(unknown.count == 1 ? "this id" : "these ids") ("
                               + "\(grouped(itemCount)) items, e.g. \(examples)); give items by the dataset's own ids")
        }
        if indices.count < ids.count { console.note("note: repeated items are counted once") }
        return indices
    }

    /// The new user's features read from `text` with the model's user schema; the fallbacks
    /// (unknown values, columns not given) are printed as notes.
    func featureRow(_ text: String, in trained: TrainedModel) throws -> FeatureRow {
        guard let featureModel = trained.featureModel else {
            throw CommandError("\(model) is an ID-only model (trained without features): --user-features needs a model "
                               + "trained with --features or --user-features FILE; describe the new user by --items instead")
        }
        guard let schema = featureModel.userEncoder?.schema else {
            let itemColumns = featureModel.itemEncoder?.schema.columnNames ?? []
            throw CommandError("\(model) has no user features (only item features: \(itemColumns.joined(separator: ", "))): "
                               + "--user-features cannot describe a user of it; describe the new user by --items instead")
        }
        let values: [String: String]
        do {
            values = try FeatureSchema.parseAssignments(text)
        } catch {
            throw ValidationError("--user-features: \(error.description)")
        }
        let row: FeatureRow
        do {
            row = try schema.features(from: values, unknownValues: strictFeatures ? .reject : .treatAsMissing)
        } catch {
            throw CommandError("--user-features: \(error.description)")
        }
        for note in row.notes { console.note("note: \(note)") }
        if !row.absentColumns.isEmpty {
            console.note("note: not given: \(row.absentColumns.joined(separator: ", ")) (missing: no contribution"
                         + (schema.columns.contains { if case .numeric = $0.kind { true } else { false } }
                            ? "; a missing number counts as the training mean" : "") + ")")
        }
        return row
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) * 1e-15
    }
}

/// The new user of `recommend --items/--user-features --json`: what described them, what the
/// model could not use, and where the time went (milliseconds: `setup` of the fold-in over the
/// trained graph, `foldIn` of this user, `ranking` of every item).
struct NewUserOutput: Encodable {
    var items: [String]
    var features: [String: String]?
    var unknownValues: [String]?
    var absentColumns: [String]?
    var milliseconds: [String: Double]
}
