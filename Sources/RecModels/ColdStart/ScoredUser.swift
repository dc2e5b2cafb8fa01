/// One user ranked for an item (for example a new item's likely audience): the dense user index
/// and the model's score (higher is better).
public struct ScoredUser: Sendable, Equatable, Hashable, Codable {
    /// Dense user index, `0..<userCount`.
    public var user: Int
    /// The model's score; comparable only within one model.
    public var score: Float

    /// A user with its score.
    public init(user: Int, score: Float) {
        self.user = user
        self.score = score
    }
}
