import RecData
import RecKernels
import RecTraining

/// A small explicit-rating log with planted structure, for tests where a factor model must
/// beat the global mean and the biases.
///
///     r_ui = clip(round(3.4 + 0.35·β_u + 0.35·γ_i + p_u·q_i), 1, 5)
///
/// with `β, γ ~ N(0, 1)`, `p_u, q_i ~ N(0, I_k/√k)` (so `p·q` has standard deviation about 1)
/// and every pair observed with probability `density`. The interaction term carries most of
/// the signal; rounding adds noise of about 0.29.
enum PlantedRatings {
    static func log(users: Int = 80, items: Int = 60, rank: Int = 3, density: Double = 0.3,
                    seed: UInt64 = 42) -> InteractionLog {
        var rng = SeededGenerator(seed: seed)
        let scale = 1 / Double(rank).squareRoot().squareRoot()
        func factors(_ n: Int) -> [[Double]] { (0..<n).map { _ in (0..<rank).map { _ in scale * rng.nextGaussian() } } }
        let p = factors(users), q = factors(items)
        let userBias = (0..<users).map { _ in rng.nextGaussian() }, itemBias = (0..<items).map { _ in rng.nextGaussian() }
        var u: [Int32] = [], i: [Int32] = [], r: [Float] = []
        for user in 0..<users {
            for item in 0..<items where Double.random(in: 0..<1, using: &rng) < density {
                let dot = zip(p[user], q[item]).reduce(0) { $0 + $1.0 * $1.1 }
                let value = 3.4 + 0.35 * userBias[user] + 0.35 * itemBias[item] + dot
                u.append(Int32(user))
                i.append(Int32(item))
                r.append(Float(min(5, max(1, value.rounded()))))
            }
        }
        return InteractionLog(name: "planted-ratings", users: u, items: i, ratings: r,
                              userVocabulary: .indices(count: users), itemVocabulary: .indices(count: items))
    }

    /// The planted log split 80/10/10 per user.
    static func split(seed: UInt64 = 42) throws -> RatingSplit {
        var generator = SeededGenerator(seed: seed)
        return try RatingSplit(log: log(seed: seed), using: &generator)
    }

    /// Settings that fit the planted set in about a second (the library defaults are for
    /// MovieLens): D = 8, batches of 128, lr 0.01, λ = 0.02, at most 150 epochs.
    static func configuration(layers: Int) -> RatingTrainingConfiguration {
        var c = RatingTrainingConfiguration()
        c.layers = layers
        c.dimension = 8
        c.batchSize = 128
        c.learningRate = 0.01
        c.lambda = 0.02
        c.biasLambda = 0.01
        c.epochs = 150
        c.patience = 10
        c.seed = 7
        return c
    }
}
