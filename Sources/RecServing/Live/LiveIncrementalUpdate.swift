import Foundation
import RecData
import RecModels
import RecTraining

/// Folds the live positive pairs into the served LightGCN between retrains, with
/// ``IncrementalUpdate``: the graph gains the pairs (and their new users and items), the new
/// rows start from their neighbours' mean and take a few BPR steps on the enlarged graph; every
/// other row stays as trained.
///
/// Applies to models of kind LightGCN and MF without side features. New users and items are
/// added only when the catalog has no attribute tables (an attribute row could not be made up);
/// otherwise their pairs stay with the live profiles, which fold them in per request.
public struct LiveIncrementalUpdate: Sendable {
    /// The steps and the rows they move.
    public var settings: IncrementalUpdateSettings

    /// An update with `settings` (default: 100 steps of 1024 triples on the new rows and the
    /// rows of users and items with a new pair).
    public init(settings: IncrementalUpdateSettings = IncrementalUpdateSettings(scope: .newNodesAndNeighbours)) {
        self.settings = settings
    }

    /// What an update did.
    public struct Result: Sendable {
        /// The updated model (nil when nothing applied).
        public var model: SavedModel?
        /// Pairs added to the graph.
        public var pairs: Int
        /// Users and items added.
        public var newUsers: Int, newItems: Int
        /// Seconds of fold-in and steps.
        public var seconds: Double
        /// Why nothing was applied, if so.
        public var reason: String?
    }

    /// Whether `served` can be updated in place.
    public static func supports(_ served: ServingModel) -> Bool {
        guard let trained = served.trainedModel, trained.featureModel == nil, trained.catalog != nil else { return false }
        return served.kind == .lightgcn || served.kind == .mf
    }

    /// Adds `pairs` (external ids) to `served` (synchronous, CPU-bound: call it off the
    /// server's threads). Pairs the model has already, or that name an unknown user or item the
    /// catalog cannot take, are skipped.
    public func run(served: ServingModel, pairs: [(user: String, item: String)]) throws -> Result {
        let start = Date()
        guard Self.supports(served), let trained = served.trainedModel, var catalog = trained.catalog else {
            return Result(model: nil, pairs: 0, newUsers: 0, newItems: 0, seconds: 0,
                          reason: "a \(served.kind.displayName) model (or one with side features) is not updated incrementally")
        }
        let growable = catalog.userAttributes == nil && catalog.itemAttributes == nil
        var users = catalog.users, items = catalog.items
        var delta: [(user: Int, item: Int)] = []
        var added = Set<Int64>()
        for (user, item) in pairs {
            guard growable || (users.contains(user) && items.contains(item)) else { continue }
            let u = users.insert(user), i = items.insert(item)
            if u < trained.userCount && i < trained.itemCount && trained.train.itemsOfUser.contains(row: u, Int32(i)) { continue }
            guard added.insert(Int64(u) << 32 | Int64(i)).inserted else { continue }
            delta.append((u, i))
        }
        let newUsers = users.count - trained.userCount, newItems = items.count - trained.itemCount
        guard !delta.isEmpty else {
            return Result(model: nil, pairs: 0, newUsers: 0, newItems: 0, seconds: Date().timeIntervalSince(start),
                          reason: "no pair is new to the model")
        }
        let result = try IncrementalUpdate(settings: settings).apply(
            InteractionDelta(newUserCount: newUsers, newItemCount: newItems, pairs: delta),
            to: trained.lightGCN(), train: trained.train, configuration: trained.configuration)
        catalog.users = users
        catalog.items = items
        if let titles = catalog.itemTitles { catalog.itemTitles = titles + Array(repeating: "", count: newItems) }
        var model = trained
        model.embedding = result.model.embedding
        model.train = result.train
        model.knownOutsideTraining = trained.knownOutsideTraining?.grown(toUserCount: model.userCount,
                                                                         itemCount: model.itemCount)
        model.catalog = catalog
        var saved = SavedModel(trainedModel: model, kind: served.kind)
        saved.catalog = catalog
        return Result(model: saved, pairs: delta.count, newUsers: newUsers, newItems: newItems,
                      seconds: Date().timeIntervalSince(start), reason: nil)
    }
}
