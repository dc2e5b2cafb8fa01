/// A user the model was not trained on, as `POST /recommend` describes them: the items they
/// have and, for models trained with features, their features.
public struct NewUserProfile: Sendable, Equatable {
    /// Dense indices of the user's items, each listed once.
    public var items: [Int]
    /// The user's features by column name, as the request gave them; nil when the request gave
    /// none. Read only by models that accept features (see ``ServingModel/acceptsFeatures``).
    public var features: [String: JSONValue]?

    /// A profile from items (dense indices) and optional features.
    public init(items: [Int], features: [String: JSONValue]? = nil) {
        self.items = items
        self.features = features
    }
}
