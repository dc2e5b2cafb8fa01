import RecData
import RecKernels
import RecModels

/// The business rules of a recommendation request in the dataset's own ids, as the command line
/// and the server take them; ``policy(for:)`` resolves them against a model into the
/// ``CandidatePolicy`` that recommenders apply inside their top-k.
///
/// - ``excludeSeen`` (default on): never return a user's training items; off for re-consumable
///   items (music, groceries).
/// - ``include``: an allow-list; only these items may be returned.
/// - ``exclude``: a deny-list; never these (also the way to page: list the items already shown).
/// - ``filters``: predicates on item attributes (``ItemFilter``), all of which must hold.
/// - ``offset``: skip the first `offset` eligible items of the ranking (pagination by position).
public struct RecommendationRules: Sendable, Equatable {
    /// Never return a user's training items.
    public var excludeSeen: Bool
    /// Only these item ids, when set.
    public var include: [String]?
    /// Never these item ids.
    public var exclude: [String]
    /// Attribute predicates that every returned item satisfies.
    public var filters: [ItemFilter]
    /// Eligible items skipped at the top of the ranking.
    public var offset: Int

    /// Rules; the defaults exclude the user's training items and nothing else.
    public init(excludeSeen: Bool = true, include: [String]? = nil, exclude: [String] = [], filters: [ItemFilter] = [],
                offset: Int = 0) {
        self.excludeSeen = excludeSeen
        self.include = include
        self.exclude = exclude
        self.filters = filters
        self.offset = offset
    }

    /// Whether the rules restrict anything beyond the user's training items.
    public var restrictsCatalogue: Bool { include != nil || !exclude.isEmpty || !filters.isEmpty }

    /// The candidate policy of these rules on `model`: `seen` is the items its users already have
    /// (``SavedModel/knownItems``: training items, held-out items and known negatives) when
    /// ``excludeSeen`` is on.
    ///
    /// - Throws: ``RecommendationRulesError`` naming the field (`include`, `exclude`, `filter`,
    ///   `offset`) and the id or condition at fault.
    public func policy(for model: SavedModel) throws(RecommendationRulesError) -> CandidatePolicy {
        try policy(itemCount: model.itemCount, catalog: model.catalog, seen: model.knownItems)
    }

    /// The candidate policy of these rules for a model of `itemCount` items named by `catalog`
    /// (nil: items are named by their dense index), whose users' training items are `seen`.
    public func policy(itemCount: Int, catalog: DatasetCatalog?, seen: IndexRows?) throws(RecommendationRulesError) -> CandidatePolicy {
        guard offset >= 0 else { throw .invalid("offset", "must be ≥ 0, got \(offset)") }
        var allowed: CandidateSet?
        if let include {
            allowed = CandidateSet(universe: itemCount, members: try Self.indices(include, field: "include", itemCount: itemCount,
                                                                                catalog: catalog))
        }
        if !filters.isEmpty {
            guard let attributes = catalog?.itemAttributes else {
                throw .invalid("filter", ItemFilterError.noAttributes.description)
            }
            let passing: CandidateSet
            do {
                passing = try ItemFilter(combining: filters).candidates(in: attributes)
            } catch {
                throw .invalid("filter", error.description)
            }
            allowed = allowed.map { $0.intersection(passing) } ?? passing
        }
        let excluded = try Self.indices(exclude, field: "exclude", itemCount: itemCount, catalog: catalog)
        return CandidatePolicy(seen: excludeSeen ? seen : nil, excluded: excluded, allowed: allowed)
    }

    /// The dense indices of item ids `ids`; every unknown id is an error naming `field`.
    static func indices(_ ids: [String], field: String, itemCount: Int,
                        catalog: DatasetCatalog?) throws(RecommendationRulesError) -> [Int] {
        var indices: [Int] = []
        var unknown: [String] = []
        for id in ids {
            let index: Int?
            if let catalog {
                index = catalog.items.index(of: id)
            } else {
                index = Int(id).flatMap { $0 >= 0 && $0 < itemCount && String($0) == id ? $0 : nil }
            }
            if let index { indices.append(index) } else { unknown.append(id) }
        }
        guard unknown.isEmpty else {
            let shown = unknown.prefix(5).map { "'\($0.prefix(60))'" }.joined(separator: ", ")
            throw .unknownItems(field, shown + (unknown.count > 5 ? " and \(unknown.count - 5) more" : ""))
        }
        return indices
    }
}

/// Why business rules cannot be applied; each names the field.
public enum RecommendationRulesError: Error, Equatable, CustomStringConvertible {
    /// The field and what is wrong with it.
    case invalid(String, String)
    /// The field and the item ids the model does not know.
    case unknownItems(String, String)

    /// The field at fault (`include`, `exclude`, `filter` or `offset`).
    public var field: String {
        switch self {
        case .invalid(let field, _), .unknownItems(let field, _): field
        }
    }

    public var description: String {
        switch self {
        case .invalid(let field, let why): field == "filter" ? why : "\(field): \(why)"
        case .unknownItems(let field, let ids): "\(field): unknown item \(ids)"
        }
    }
}
