/// How `/similar` compares two items' final embeddings.
public enum SimilarityMetric: String, Sendable, CaseIterable {
    /// `cos(a, b) = ⟨a, b⟩ / (‖a‖ ‖b‖)` (0 for a zero vector).
    case cosine
    /// `⟨a, b⟩`, the model's own score between two nodes.
    case inner
}
