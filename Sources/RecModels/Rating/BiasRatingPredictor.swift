import RecData

/// The bias-only ("baseline estimate") rating predictor of Koren (2010, "Factor in the
/// neighbors", §2.1), fitted in closed form by shrunk means:
///
///     r̂_ui = μ + b_u + b_i
///     b_i = Σ_{u ∈ R(i)} (r_ui − μ) / (λ_item + |R(i)|)
///     b_u = Σ_{i ∈ R(u)} (r_ui − μ − b_i) / (λ_user + |R(u)|)
///
/// with `μ` the mean training rating and `R(·)` the training ratings of an item or user.
/// A user or item without training ratings has bias 0, so unseen pairs fall back to `μ` plus
/// the biases that are known. It is what rating models must beat to show that they learn more
/// than "this user rates high, this film is liked".
public struct BiasRatingPredictor: RatingPredictor {
    /// `μ`.
    public let globalMean: Float
    /// `b_u` for each user of the training id space.
    public let userBias: [Float]
    /// `b_i` for each item of the training id space.
    public let itemBias: [Float]
    /// Whether each user / item had a training rating.
    let knownUsers: [Bool], knownItems: [Bool]

    /// Fits the biases on `train` as above.
    ///
    /// - Parameters:
    ///   - itemShrinkage: `λ_item` (Koren's 25): pulls the biases of rarely rated items to 0.
    ///   - userShrinkage: `λ_user` (Koren's 10).
    /// - Complexity: O(ratings + U + I).
    public init(train: RatingSet, itemShrinkage: Double = 25, userShrinkage: Double = 10) {
        precondition(itemShrinkage >= 0 && userShrinkage >= 0, "BiasRatingPredictor: shrinkage must be ≥ 0")
        let mu = train.meanRating
        var itemSum = [Double](repeating: 0, count: train.itemCount)
        let itemCounts = train.itemRatingCounts, userCounts = train.userRatingCounts
        for k in 0..<train.count { itemSum[Int(train.items[k])] += Double(train.ratings[k]) - mu }
        let bi = (0..<train.itemCount).map { i in
            itemCounts[i] == 0 ? 0 : itemSum[i] / (itemShrinkage + Double(itemCounts[i]))
        }
        var userSum = [Double](repeating: 0, count: train.userCount)
        for k in 0..<train.count {
            userSum[Int(train.users[k])] += Double(train.ratings[k]) - mu - bi[Int(train.items[k])]
        }
        let bu = (0..<train.userCount).map { u in
            userCounts[u] == 0 ? 0 : userSum[u] / (userShrinkage + Double(userCounts[u]))
        }
        globalMean = Float(mu)
        userBias = bu.map { Float($0) }
        itemBias = bi.map { Float($0) }
        knownUsers = userCounts.map { $0 > 0 }
        knownItems = itemCounts.map { $0 > 0 }
    }

    /// `μ + b_u + b_i`, with 0 for a bias that is unknown (user or item outside training).
    public func predictRating(user: Int, item: Int) -> Float {
        let bu = user >= 0 && user < userBias.count ? userBias[user] : 0
        let bi = item >= 0 && item < itemBias.count ? itemBias[item] : 0
        return globalMean + bu + bi
    }

    /// True when the user or the item had no training rating.
    public func usesFallback(user: Int, item: Int) -> Bool {
        !(user >= 0 && user < knownUsers.count && knownUsers[user] && item >= 0 && item < knownItems.count
            && knownItems[item])
    }
}
