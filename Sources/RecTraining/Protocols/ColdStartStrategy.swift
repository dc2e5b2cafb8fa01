/// How a cold user or a cold item is given an embedding by a trained model in
/// ``ColdStartEvaluation`` (for an item, "revealed" means its revealed users).
public enum ColdStartStrategy: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// Fold-in of the revealed interactions through the propagation, layer 0 from the
    /// neighbours' mean (``FoldInRecommender``); no features.
    case foldIn = "fold-in"
    /// Features only, nothing revealed used: `out = α₀ · φ(features)`.
    case features
    /// Fold-in of the revealed interactions with layer 0 `φ(features)`.
    case foldInWithFeatures = "fold-in + features"
}
