import RecData
import RecKernels
import RecModels

/// Whole items held out of training for the item cold-start protocol (``ColdStartEvaluation``).
///
/// From the interactions `R` of `U` users and `I` items and a seed:
///
/// - **Cold items** `C`: `round(coldFraction · |E|)` items drawn uniformly from the items `E`
///   with at least two users. The model never sees them: they are not among its items, and
///   none of their interactions is in ``train`` (nor in the graph, the triples, or the item
///   feature rows used for standardisation, see ``warmRows(of:)``).
/// - Each cold item's users are shuffled; `r = round(revealedFraction · n)` of them (at most
///   `n − 1`) are ``coldRevealed`` (interactions the new item already has when it is folded
///   in), the other `n − r` are ``coldTest``, the pairs to find. With `revealedFraction = 0`
///   the item has features only.
/// - **Warm items** (all others, in increasing index order, renumbered `0..<|W|`): all their
///   interactions are ``train``.
///
/// Users keep their indices. Deterministic from the seed.
public struct ColdItemSplit: Sendable {
    /// Original index of each warm (model) item: model item `w` is item `warmItems[w]`.
    public let warmItems: [Int]
    /// Original index of each cold item: cold item `c` is item `coldItems[c]`.
    public let coldItems: [Int]
    /// All interactions with warm items, `U × |W|`: everything a model may see.
    public let train: InteractionMatrix
    /// The revealed interactions of the cold items, `U × |C|` (user, cold item `c`).
    public let coldRevealed: InteractionMatrix
    /// The cold items' interactions to find, `U × |C|`.
    public let coldTest: InteractionMatrix
    /// The share of each cold item's users that was revealed.
    public let revealedFraction: Double

    /// Splits `interactions` as described in the type's documentation.
    ///
    /// - Throws: `DataError.invalidParameter` when `coldFraction` is outside `(0, 1)` or
    ///   `revealedFraction` outside `[0, 1)`.
    public init(interactions: InteractionMatrix, coldFraction: Double = 0.2, revealedFraction: Double = 0,
                seed: UInt64) throws {
        guard coldFraction > 0, coldFraction < 1, (0..<1).contains(revealedFraction) else {
            throw DataError.invalidParameter(
                name: "cold-start fractions",
                reason: "cold \(coldFraction) must be in (0, 1) and revealed \(revealedFraction) in [0, 1)")
        }
        var generator = SeededGenerator(seed: seed)
        let usersOfItem = interactions.usersOfItem
        var eligible = (0..<interactions.itemCount).filter { usersOfItem.count(ofRow: $0) >= 2 }
        ColdUserSplit.shuffle(&eligible, &generator)
        let cold = Array(eligible.prefix(Int((coldFraction * Double(eligible.count)).rounded()))).sorted()
        var coldIndex = [Int](repeating: -1, count: interactions.itemCount)
        for (c, item) in cold.enumerated() { coldIndex[item] = c }
        let warm = (0..<interactions.itemCount).filter { coldIndex[$0] < 0 }
        var warmIndex = [Int](repeating: -1, count: interactions.itemCount)
        for (w, item) in warm.enumerated() { warmIndex[item] = w }

        var trainPairs: [(user: Int, item: Int)] = []
        for (user, item) in interactions.pairs where warmIndex[item] >= 0 { trainPairs.append((user, warmIndex[item])) }
        var revealedPairs: [(user: Int, item: Int)] = [], testPairs: [(user: Int, item: Int)] = []
        for (c, item) in cold.enumerated() {
            let (given, hidden) = ColdUserSplit.divide(usersOfItem.row(item), share: revealedFraction, &generator)
            revealedPairs += given.map { ($0, c) }
            testPairs += hidden.map { ($0, c) }
        }
        let users = interactions.userCount
        warmItems = warm
        coldItems = cold
        train = InteractionMatrix(userCount: users, itemCount: warm.count, pairs: trainPairs)
        coldRevealed = InteractionMatrix(userCount: users, itemCount: cold.count, pairs: revealedPairs)
        coldTest = InteractionMatrix(userCount: users, itemCount: cold.count, pairs: testPairs)
        self.revealedFraction = revealedFraction
    }

    /// Number of users `U`.
    public var userCount: Int { train.userCount }

    /// The training rows of `features` (one row per original item): the warm items', in model
    /// order. Pass these, and only these, to a feature-aware model.
    public func warmRows(of features: NodeFeatures) -> NodeFeatures { features.subset(warmItems) }

    /// The cold items' rows of `features` (one row per original item), in cold-item order.
    public func coldRows(of features: NodeFeatures) -> NodeFeatures { features.subset(coldItems) }
}
