extension ServingModel {
    /// The dense index of the user named `id`: looked up in the catalog's user ids, or, for a
    /// model without a catalog, `id` read as a dense index `0..<userCount`. Nil when unknown.
    ///
    /// - Complexity: O(1) on average (one hash of `id`).
    public func userIndex(of id: some StringProtocol) -> Int? {
        if let users = catalog?.users { return users.index(of: String(id)) }
        return Self.denseIndex(id, below: userCount)
    }

    /// The dense index of the item named `id` (see ``userIndex(of:)``).
    public func itemIndex(of id: some StringProtocol) -> Int? {
        if let items = catalog?.items { return items.index(of: String(id)) }
        return Self.denseIndex(id, below: itemCount)
    }

    /// The external id of user `index`: the dataset's id, or the index itself in decimal.
    public func userID(at index: Int) -> String {
        catalog?.users.id(at: index) ?? String(index)
    }

    /// The external id of item `index`: the dataset's id, or the index itself in decimal.
    public func itemID(at index: Int) -> String {
        catalog?.items.id(at: index) ?? String(index)
    }

    /// The title of item `index`, when the dataset has one.
    public func itemTitle(at index: Int) -> String? {
        catalog?.title(ofItem: index)
    }

    /// Whether ids are the dataset's own (true) or dense indices (false).
    public var hasDatasetIDs: Bool { catalog != nil }

    /// `text` as a dense index below `bound`, or nil: only the canonical decimal form counts
    /// (`"7"`, not `"07"`, `"+7"` or `" 7"`), so every index has exactly one id, as with a catalog.
    static func denseIndex(_ text: some StringProtocol, below bound: Int) -> Int? {
        guard let index = Int(text), index >= 0, index < bound, String(index) == text else { return nil }
        return index
    }
}
