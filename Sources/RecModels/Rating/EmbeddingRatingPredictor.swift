import RecKernels

/// Predicts ratings from final user and item embeddings plus biases: the serving form of
/// ``RatingLightGCN`` and of biased matrix factorisation.
///
///     r̂_ui = μ + b_u + b_i + ⟨U_u, I_i⟩                  user and item both known
///     r̂_ui = μ + [u known]·b_u + [i known]·b_i           otherwise (the fallback)
///
/// "Known" means having at least one training rating; indices outside the tables are unknown.
/// Predictions are not clipped (`RatingEvaluator` clips to the rating range).
///
/// **Shapes:** users `U × D`, items `I × D`, biases `U` and `I`.
public struct EmbeddingRatingPredictor: RatingPredictor {
    /// `μ`.
    public let globalMean: Float
    /// Final user embeddings `U × D`.
    public let userEmbeddings: Matrix<Float>
    /// Final item embeddings `I × D`.
    public let itemEmbeddings: Matrix<Float>
    /// `b_u`.
    public let userBias: [Float]
    /// `b_i`.
    public let itemBias: [Float]
    /// Whether each user had a training rating.
    public let knownUsers: [Bool]
    /// Whether each item had a training rating.
    public let knownItems: [Bool]

    /// A predictor over these tables (used as given; pass copies if you keep changing them).
    ///
    /// - Precondition: the shapes agree (`U` rows, biases and flags for users; likewise items;
    ///   one dimension `D`).
    public init(globalMean: Float, userEmbeddings: Matrix<Float>, itemEmbeddings: Matrix<Float>, userBias: [Float],
                itemBias: [Float], knownUsers: [Bool], knownItems: [Bool]) {
        precondition(userEmbeddings.columns == itemEmbeddings.columns, "EmbeddingRatingPredictor: dimensions differ")
        precondition(userBias.count == userEmbeddings.rows && knownUsers.count == userEmbeddings.rows,
                     "EmbeddingRatingPredictor: user tables differ in length")
        precondition(itemBias.count == itemEmbeddings.rows && knownItems.count == itemEmbeddings.rows,
                     "EmbeddingRatingPredictor: item tables differ in length")
        self.globalMean = globalMean
        self.userEmbeddings = userEmbeddings
        self.itemEmbeddings = itemEmbeddings
        self.userBias = userBias
        self.itemBias = itemBias
        self.knownUsers = knownUsers
        self.knownItems = knownItems
    }

    /// Number of users `U`.
    public var userCount: Int { userEmbeddings.rows }
    /// Number of items `I`.
    public var itemCount: Int { itemEmbeddings.rows }

    /// The prediction of the type's formula, with the fallback for unknown users or items.
    ///
    /// - Complexity: O(D).
    public func predictRating(user: Int, item: Int) -> Float {
        let userKnown = isKnownUser(user), itemKnown = isKnownItem(item)
        var r = globalMean
        if userKnown { r += userBias[user] }
        if itemKnown { r += itemBias[item] }
        if userKnown && itemKnown {
            r += userEmbeddings.rowDot(user, itemEmbeddings, item)  // summed in column order
        }
        return r
    }

    /// True when the user or the item had no training rating.
    public func usesFallback(user: Int, item: Int) -> Bool { !(isKnownUser(user) && isKnownItem(item)) }

    func isKnownUser(_ u: Int) -> Bool { u >= 0 && u < knownUsers.count && knownUsers[u] }
    func isKnownItem(_ i: Int) -> Bool { i >= 0 && i < knownItems.count && knownItems[i] }
}
