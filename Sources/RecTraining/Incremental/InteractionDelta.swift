/// What arrived after a model was trained: new users, new items and new interactions, for
/// ``IncrementalUpdate``.
///
/// Indices are those of the enlarged model: the `U` trained users keep `0..<U` and new users
/// take `U..<U+newUserCount`; the `I` trained items keep `0..<I` and new items take
/// `I..<I+newItemCount`. A pair may join any two of them (an old user and a new item, …).
public struct InteractionDelta: Sendable {
    /// Number of users added after training.
    public var newUserCount: Int
    /// Number of items added after training.
    public var newItemCount: Int
    /// The new (user, item) interactions; pairs already in training are ignored.
    public var pairs: [(user: Int, item: Int)]

    /// A delta of `pairs` with `newUserCount` new users and `newItemCount` new items.
    public init(newUserCount: Int = 0, newItemCount: Int = 0, pairs: [(user: Int, item: Int)]) {
        self.newUserCount = newUserCount
        self.newItemCount = newItemCount
        self.pairs = pairs
    }
}
