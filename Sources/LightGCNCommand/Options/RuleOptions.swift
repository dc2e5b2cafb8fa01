import ArgumentParser
import RecData
import RecModels
import RecTraining

/// The business rules of `recommend` and `score-shard` (see ``RecommendationRules``).
struct RuleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Never recommend these items (dataset ids, comma-separated); also a way to page.", valueName: "i1,i2,…"))
    var exclude: String?
    @Option(help: ArgumentHelp("Recommend only among these items (dataset ids, comma-separated).", valueName: "i1,i2,…"))
    var include: String?
    @Option(help: ArgumentHelp("A condition on item attributes, e.g. genre:Comedy, genre!:Horror, year>=1990 (repeatable; all must hold).",
                               valueName: "cond"))
    var filter: [String] = []
    @Flag(name: .customLong("include-seen"), help: "Let the items the user already has (training, held-out and low-rated ones) be recommended again (re-consumable items).")
    var includeSeen = false
    @Option(help: "Skip the first N eligible items (the next page).") var offset = 0

    func validate() throws {
        guard offset >= 0 else { throw ValidationError("--offset must be ≥ 0, got \(offset)") }
        for text in filter {
            do { _ = try ItemFilter(parsing: text) } catch { throw ValidationError("--filter: \(error.description)") }
        }
    }

    /// The rules these options give.
    var rules: RecommendationRules {
        RecommendationRules(excludeSeen: !includeSeen, include: include.map(Self.ids), exclude: exclude.map(Self.ids) ?? [],
                            filters: filter.compactMap { try? ItemFilter(parsing: $0) }, offset: offset)
    }

    /// The candidate policy of the rules on `model`; an error names the option at fault.
    func policy(for model: SavedModel) throws -> CandidatePolicy {
        do {
            return try rules.policy(for: model)
        } catch {
            throw CommandError("--\(error.field): " + error.description.replacingOccurrences(of: "\(error.field): ", with: ""))
        }
    }

    /// A shard scorer of `model` under these rules; an error names the option at fault.
    func scorer(for model: ShardModel) throws -> ShardScorer {
        do {
            return try ShardScorer(model: model, rules: rules)
        } catch {
            throw CommandError("--\(error.field): " + error.description.replacingOccurrences(of: "\(error.field): ", with: ""))
        }
    }

    static func ids(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
