/// What a dataset knows about its users and items beyond the interactions: the external ids of
/// both (so that results can be shown and requested in the dataset's own ids), item titles
/// where the dataset has them, and attribute tables for feature-aware models.
///
/// Every array is indexed by the dense index of the `users` or `items` vocabulary. Saved with a
/// model (`Codable`).
public struct DatasetCatalog: Codable, Sendable, Equatable {
    /// External user ids ↔ dense user indices.
    public var users: Vocabulary
    /// External item ids ↔ dense item indices.
    public var items: Vocabulary
    /// Display title of each item (`items.count` entries), if the dataset has titles.
    public var itemTitles: [String]?
    /// User attributes, one row per user index (`users.count` rows), if any.
    public var userAttributes: AttributeTable?
    /// Item attributes, one row per item index (`items.count` rows), if any.
    public var itemAttributes: AttributeTable?

    /// A catalog; titles and attribute tables must have one entry per user or item.
    public init(
        users: Vocabulary, items: Vocabulary, itemTitles: [String]? = nil,
        userAttributes: AttributeTable? = nil, itemAttributes: AttributeTable? = nil
    ) {
        precondition(itemTitles.map { $0.count == items.count } ?? true, "one title per item")
        precondition(userAttributes.map { $0.rowCount == users.count } ?? true, "one attribute row per user")
        precondition(itemAttributes.map { $0.rowCount == items.count } ?? true, "one attribute row per item")
        self.users = users
        self.items = items
        self.itemTitles = itemTitles
        self.userAttributes = userAttributes
        self.itemAttributes = itemAttributes
    }

    /// The title of item `index`, or nil when there are no titles or the title is empty.
    public func title(ofItem index: Int) -> String? {
        guard let title = itemTitles?[index], !title.isEmpty else { return nil }
        return title
    }

    /// The item's external id followed by its title when there is one: `"50 (Star Wars (1977))"`.
    public func label(ofItem index: Int) -> String {
        let id = items.id(at: index)
        return title(ofItem: index).map { "\(id) (\($0))" } ?? id
    }
}
