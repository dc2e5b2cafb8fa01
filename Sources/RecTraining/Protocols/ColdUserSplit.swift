import RecData
import RecKernels
import RecModels

/// Whole users held out of training for the cold-start protocol (``ColdStartEvaluation``).
///
/// From the interactions `R` of `U` users and `I` items and a seed:
///
/// - **Cold users** `C`: `round(coldFraction · |E|)` users drawn uniformly from the users `E`
///   with at least two interactions. The model never sees them: they are not among its users,
///   none of their interactions is in ``train`` (so neither in the graph nor in the BPR
///   triples), and their feature rows are not among the training rows (so they do not enter
///   the numeric standardisation, see ``warmRows(of:)``).
/// - Each cold user's items are shuffled; `r = round(revealedFraction · n)` of them (at most
///   `n − 1`, and at most `revealedLimit` when one is given: the few-items case) are
///   ``coldRevealed``, the history given to fold-in at test time, and the other `n − r` are
///   ``coldTest``, the items to find. With `revealedFraction = 0` nothing is revealed: the true
///   cold case, for features only.
/// - **Warm users** (all others, in increasing index order, renumbered `0..<|W|`): each one's
///   items are shuffled and `round(warmTestFraction · n)` (at most `n − 1`) go to ``warmTest``,
///   the rest to ``train``.
///
/// Items keep their indices (the catalogue is known). Deterministic from the seed.
public struct ColdUserSplit: Sendable {
    /// Original index of each warm (model) user: model user `w` is user `warmUsers[w]`.
    public let warmUsers: [Int]
    /// Original index of each cold user: cold user `c` is user `coldUsers[c]`.
    public let coldUsers: [Int]
    /// The warm users' training interactions, `|W| × I`: everything a model may see.
    public let train: InteractionMatrix
    /// The warm users' held-out interactions, `|W| × I`.
    public let warmTest: InteractionMatrix
    /// Row `c`: the revealed items of cold user `c` (its fold-in history), sorted.
    public let coldRevealed: IndexRows
    /// Row `c`: the items of cold user `c` to find, sorted.
    public let coldTest: IndexRows
    /// The share of each cold user's items that was revealed.
    public let revealedFraction: Double
    /// The most items revealed per cold user, nil for no limit.
    public let revealedLimit: Int?

    /// Splits `interactions` as described in the type's documentation.
    ///
    /// - Throws: `DataError.invalidParameter` when a fraction is outside `[0, 1)` (`coldFraction`
    ///   in `(0, 1)`) or `revealedLimit` is below 1.
    public init(interactions: InteractionMatrix, coldFraction: Double = 0.2, revealedFraction: Double = 0.5,
                revealedLimit: Int? = nil, warmTestFraction: Double = 0.2, seed: UInt64) throws {
        if let revealedLimit, revealedLimit < 1 {
            throw DataError.invalidParameter(name: "revealed items", reason: "must be at least 1, got \(revealedLimit)")
        }
        guard coldFraction > 0, coldFraction < 1, (0..<1).contains(revealedFraction),
              (0..<1).contains(warmTestFraction) else {
            throw DataError.invalidParameter(
                name: "cold-start fractions",
                reason: "cold \(coldFraction) must be in (0, 1), revealed \(revealedFraction) and warm test "
                    + "\(warmTestFraction) in [0, 1)")
        }
        var generator = SeededGenerator(seed: seed)
        let rows = interactions.itemsOfUser
        var eligible = (0..<interactions.userCount).filter { rows.count(ofRow: $0) >= 2 }
        Self.shuffle(&eligible, &generator)
        let cold = Array(eligible.prefix(Int((coldFraction * Double(eligible.count)).rounded()))).sorted()
        var isCold = [Bool](repeating: false, count: interactions.userCount)
        for u in cold { isCold[u] = true }
        let warm = (0..<interactions.userCount).filter { !isCold[$0] }

        var revealed: [[Int]] = [], test: [[Int]] = []
        for u in cold {
            let (given, hidden) = Self.divide(rows.row(u), share: revealedFraction, limit: revealedLimit ?? .max, &generator)
            revealed.append(given)
            test.append(hidden)
        }
        var trainPairs: [(user: Int, item: Int)] = [], testPairs: [(user: Int, item: Int)] = []
        for (w, u) in warm.enumerated() {
            let (held, kept) = Self.divide(rows.row(u), share: warmTestFraction, &generator)
            trainPairs += kept.map { (w, $0) }
            testPairs += held.map { (w, $0) }
        }
        warmUsers = warm
        coldUsers = cold
        train = InteractionMatrix(userCount: warm.count, itemCount: interactions.itemCount, pairs: trainPairs)
        warmTest = InteractionMatrix(userCount: warm.count, itemCount: interactions.itemCount, pairs: testPairs)
        coldRevealed = IndexRows(revealed)
        coldTest = IndexRows(test)
        self.revealedFraction = revealedFraction
        self.revealedLimit = revealedLimit
    }

    /// Number of items `I`.
    public var itemCount: Int { train.itemCount }

    /// The training rows of `features` (one row per original user): the warm users', in model
    /// order. Pass these, and only these, to a feature-aware model.
    public func warmRows(of features: NodeFeatures) -> NodeFeatures { features.subset(warmUsers) }

    /// The cold users' rows of `features` (one row per original user), in cold-user order.
    public func coldRows(of features: NodeFeatures) -> NodeFeatures { features.subset(coldUsers) }

    /// `items` shuffled and divided into `round(share · n)` of them (at most `n − 1`, so that the
    /// rest is never empty, and at most `limit`) and the rest, both sorted. The shuffle does not
    /// depend on `limit`, so a limited share is a subset of the unlimited one.
    static func divide(_ items: ArraySlice<Int32>, share: Double, limit: Int = .max,
                       _ generator: inout SeededGenerator) -> (share: [Int], rest: [Int]) {
        var order = items.map(Int.init)
        shuffle(&order, &generator)
        let count = min(max(order.count - 1, 0), Int((share * Double(order.count)).rounded()), limit)
        return (Array(order.prefix(count)).sorted(), Array(order.dropFirst(count)).sorted())
    }

    /// Fisher–Yates with `nextIndex` (the data layer's shuffle, so results do not depend on the
    /// standard library's algorithm).
    static func shuffle<T>(_ array: inout [T], _ generator: inout SeededGenerator) {
        var k = array.count
        while k > 1 {
            let j = generator.nextIndex(below: k)
            k -= 1
            array.swapAt(k, j)
        }
    }
}
