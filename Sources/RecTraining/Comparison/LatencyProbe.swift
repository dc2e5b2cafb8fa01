import Foundation
import RecKernels
import RecModels

/// Measures how long a recommender takes to answer one user, as a server would be asked:
/// `recommend(users: [u], k:, excluding:)` for a seeded sample of users, one at a time.
public struct LatencyProbe: Sendable {
    /// Users timed (a sample when there are more).
    public var sampleSize: Int
    /// The cut-off requested.
    public var k: Int
    /// Seed of the sample.
    public var seed: UInt64

    /// A probe; 500 users at k = 20 by default.
    public init(sampleSize: Int = 500, k: Int = 20, seed: UInt64 = 7) {
        self.sampleSize = sampleSize
        self.k = k
        self.seed = seed
    }

    /// Mean and 95th-percentile milliseconds per request over the sampled `users`.
    public func measure(_ recommender: any Recommender, users: [Int], excluding: IndexRows?) -> (mean: Double, p95: Double) {
        guard !users.isEmpty else { return (0, 0) }
        var pool = users
        var generator = SeededGenerator(seed: seed)
        var k = pool.count
        while k > 1 {
            let j = generator.nextIndex(below: k)
            k -= 1
            pool.swapAt(k, j)
        }
        let sample = pool.prefix(sampleSize)
        var times: [Double] = []
        times.reserveCapacity(sample.count)
        for user in sample {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = recommender.recommend(users: [user], k: min(self.k, recommender.itemCount), excluding: excluding)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        let mean = times.reduce(0, +) / Double(times.count)
        let p95 = times[min(times.count - 1, Int((0.95 * Double(times.count)).rounded(.up)) - 1)]
        return (mean, p95)
    }
}
