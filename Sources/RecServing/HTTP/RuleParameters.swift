import RecData
import RecKernels
import RecModels
import RecTraining

/// Business rules in a request: the query parameters of `GET /recommend` and `GET /similar`, or
/// the fields of a `POST /recommend` body.
///
/// - `exclude=ID,ID,…` never these items (repeatable; also how to page: list what was shown);
/// - `include=ID,ID,…` only these items;
/// - `filter=COND` item attribute conditions (repeatable, all must hold; grammar in ``ItemFilter``),
///   for example `filter=genre:Comedy&filter=year>=1990`;
/// - `exclude_seen=false` (or `exclude-seen=false`) lets the items a user already has back in
///   (``ServingModel/knownItems``);
/// - `offset=N` skips the first N eligible items (page N/k + 1).
///
/// Every error is a 400 naming the parameter; an unknown item id in `include` or `exclude` too.
enum RuleParameters {
    /// The rules of a query string.
    static func rules(_ query: QueryParameters, allowExcludeSeen: Bool = true) throws(ServingError) -> RecommendationRules {
        var rules = RecommendationRules()
        if allowExcludeSeen {
            rules.excludeSeen = try query.boolean("exclude_seen", default: query.boolean("exclude-seen", default: true))
        }
        rules.exclude = ids(query.all("exclude"))
        let include = query.all("include")
        if !include.isEmpty { rules.include = ids(include) }
        rules.filters = try query.all("filter").map { text throws(ServingError) in try filter(String(text)) }
        if query.value("offset") != nil {
            rules.offset = try query.integer("offset")
            guard rules.offset >= 0 else { throw .badRequest("offset: must be ≥ 0, got \(rules.offset)") }
        }
        return rules
    }

    /// The rules of a `POST /recommend` body (its fields named as the query parameters).
    static func rules(_ body: FoldInRequest) throws(ServingError) -> RecommendationRules {
        var rules = RecommendationRules()
        rules.excludeSeen = body.exclude_seen ?? true
        rules.exclude = (body.exclude ?? []).map(\.text)
        rules.include = body.include?.map(\.text)
        rules.filters = try (body.filter?.values ?? []).map { text throws(ServingError) in try filter(text) }
        rules.offset = body.offset ?? 0
        guard rules.offset >= 0 else { throw .badRequest("offset: must be ≥ 0, got \(rules.offset)") }
        return rules
    }

    /// Comma-separated id lists, flattened.
    static func ids(_ values: [Substring]) -> [String] {
        values.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    /// One `filter=` value, parsed.
    static func filter(_ text: String) throws(ServingError) -> ItemFilter {
        do {
            return try ItemFilter(parsing: text)
        } catch {
            throw .badRequest(error.description)
        }
    }

    /// The candidate policy of `rules` on `model`: a 400 naming the field, or a 404 for unknown ids.
    static func policy(_ rules: RecommendationRules, model: ServingModel) throws(ServingError) -> CandidatePolicy {
        do {
            return try rules.policy(itemCount: model.itemCount, catalog: model.catalog, seen: model.knownItems)
        } catch {
            switch error {
            case .unknownItems: throw .notFound(error.description)
            case .invalid: throw .badRequest(error.description)
            }
        }
    }
}
