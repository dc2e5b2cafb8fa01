import Foundation

/// How events become training interactions: a weight per event type, the types that are
/// negative feedback, and an optional time decay.
///
/// The weight of a (user, item) pair is the sum over its positive events of
/// `weight(type) · 0.5^(age / halfLife)`, where `age` is measured from the newest event of
/// the snapshot (so retraining on the same snapshot gives the same weights whatever the clock
/// says). Without a half-life the decay factor is 1. A pair with any event of a negative type
/// (`dislike`, `return` by default) is not a positive, whatever its other events, and is put
/// on the user's never-recommend list.
public struct EventWeighting: Sendable, Equatable {
    /// The weight of each positive type; a type missing here weighs `defaultWeight`.
    public var weights: [String: Double]
    /// The weight of types not in `weights`.
    public var defaultWeight: Double
    /// Types that remove the pair from the positives and forbid recommending it.
    public var negativeTypes: Set<String>
    /// The decay, nil for none.
    public var halfLife: HalfLife?
    /// Pairs whose weight is below this are dropped (default: anything above 0 is kept, so a
    /// type weighted 0 contributes nothing and alone makes no positive).
    public var minimumWeight: Double

    /// The default weights: view 1, click 1, rating 2, like 3, cart 3, purchase 5;
    /// negatives: dislike, return.
    public static let standardWeights: [String: Double] = [
        "view": 1, "click": 1, "rating": 2, "like": 3, "cart": 3, "purchase": 5,
    ]

    /// A weighting.
    public init(
        weights: [String: Double] = EventWeighting.standardWeights, defaultWeight: Double = 1,
        negativeTypes: Set<String> = ["dislike", "return"], halfLife: HalfLife? = nil,
        minimumWeight: Double = .leastNonzeroMagnitude
    ) {
        self.weights = weights
        self.defaultWeight = defaultWeight
        self.negativeTypes = negativeTypes
        self.halfLife = halfLife
        self.minimumWeight = minimumWeight
    }

    /// The weighting of the `--event-weights` and `--half-life` options (nil: the default).
    /// Throws `EventWeightingError` naming the bad pair or duration.
    public init(parsingWeights weights: String?, halfLife: String?) throws {
        self.init()
        if let weights { self.weights = try Self.parseWeights(weights) }
        if let halfLife { self.halfLife = try HalfLife(parsing: halfLife) }
    }

    /// Weights from `view=1,cart=3,purchase=5` applied over `base` (types not named keep their
    /// weight). Weights must be finite and ≥ 0. Throws `EventWeightingError` naming the pair.
    public static func parseWeights(_ text: String, over base: [String: Double] = standardWeights) throws -> [String: Double] {
        var weights = base
        let pairs = text.split(separator: ",", omittingEmptySubsequences: false)
        for (k, rawPair) in pairs.enumerated() {
            let pair = rawPair.trimmingCharacters(in: .whitespaces)
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let label = "event weights: pair \(k + 1) '\(pair)'"
            guard parts.count == 2, !parts[0].isEmpty else {
                throw EventWeightingError("\(label): expected type=weight, e.g. view=1,cart=3,purchase=5")
            }
            guard let weight = Double(parts[1]), weight.isFinite, weight >= 0 else {
                throw EventWeightingError("\(label): the weight must be a number ≥ 0, got '\(parts[1])'")
            }
            weights[parts[0]] = weight
        }
        return weights
    }

    /// The weight of one event of `type`, `ageSeconds` older than the newest event; 0 for
    /// negative types.
    public func weight(type: String, ageSeconds: Double) -> Double {
        if negativeTypes.contains(type) { return 0 }
        let base = weights[type] ?? defaultWeight
        return halfLife.map { base * $0.decay(ageSeconds: ageSeconds) } ?? base
    }
}
