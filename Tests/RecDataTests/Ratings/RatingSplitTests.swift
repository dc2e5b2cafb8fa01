import RecData
import RecKernels
import Testing

@Suite struct RatingSplitTests {
    /// 40 users with 5…24 distinct rated items each (of 30), ratings 1…5.
    static func ratedLog(seed: UInt64) -> InteractionLog {
        var rng = SeededGenerator(seed: seed)
        var u: [Int32] = [], i: [Int32] = [], r: [Float] = []
        for user in 0..<40 {
            var items = Array(0..<30)
            for k in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(k, rng.nextIndex(below: k + 1)) }
            for item in items.prefix(5 + rng.nextIndex(below: 20)) {
                u.append(Int32(user))
                i.append(Int32(item))
                r.append(Float(1 + rng.nextIndex(below: 5)))
            }
        }
        return InteractionLog(name: "rated", users: u, items: i, ratings: r,
                              userVocabulary: .indices(count: 40), itemVocabulary: .indices(count: 30))
    }

    /// The (user, item) → rating triples of a set, to compare sets regardless of order.
    static func triples(_ set: RatingSet) -> [String] {
        (0..<set.count).map { "\(set.users[$0]) \(set.items[$0]) \(set.ratings[$0])" }
    }

    @Test func splitKeepsEveryRatingInExactlyOnePart() throws {
        let log = Self.ratedLog(seed: 1)
        var generator = SeededGenerator(seed: 7)
        let split = try RatingSplit(log: log, using: &generator)
        let validation = try #require(split.validation)
        let all = Self.triples(try RatingSet(log: log))
        let parts = Self.triples(split.train) + Self.triples(validation) + Self.triples(split.test)
        #expect(parts.sorted() == all.sorted())
        #expect(Set(parts).count == parts.count)
        // 80/10/10 per user: about a tenth in each held-out part, and every user keeps training ratings.
        #expect(abs(Double(split.test.count) / Double(all.count) - 0.1) < 0.03)
        #expect(abs(Double(validation.count) / Double(all.count) - 0.1) < 0.03)
        #expect(split.train.userRatingCounts.allSatisfy { $0 > 0 })
        #expect([split.train, validation, split.test].allSatisfy { $0.userCount == 40 && $0.itemCount == 30 })
    }

    @Test func splitIsReproducibleFromTheSeedAndChangesWithIt() throws {
        let log = Self.ratedLog(seed: 2)
        var a = SeededGenerator(seed: 11), b = SeededGenerator(seed: 11), c = SeededGenerator(seed: 12)
        let first = try RatingSplit(log: log, using: &a)
        #expect(first == (try RatingSplit(log: log, using: &b)))
        #expect(first.test != (try RatingSplit(log: log, using: &c)).test)
    }

    @Test func splitFollowsTheSplittersDivision() throws {
        let log = Self.ratedLog(seed: 3)
        let splitter = RandomHoldoutSplit(train: 0.7, validation: 0, test: 0.3)
        var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5)
        let ratings = try RatingSplit(log: log, splitter: splitter, using: &a)
        let pairs = try splitter.split(log, using: &b)
        #expect(ratings.validation == nil)
        #expect(ratings.test.ratedPairs == pairs.test)
        #expect(ratings.train.ratedPairs == pairs.train)
    }

    @Test func logWithoutRatingsIsRejected() {
        let log = InteractionLog(name: "implicit", users: [0, 1], items: [1, 0],
                                 userVocabulary: .indices(count: 2), itemVocabulary: .indices(count: 2))
        var generator = SeededGenerator(seed: 1)
        #expect(throws: DataError.self) { try RatingSplit(log: log, using: &generator) }
    }

    @Test func ratingSetStatisticsAndColdCounts() {
        let train = RatingSet(userCount: 3, itemCount: 4, users: [0, 0, 1], items: [0, 1, 1], ratings: [5, 3, 1])
        #expect(train.meanRating == 3)
        #expect(train.userRatingCounts == [2, 1, 0])
        #expect(train.itemRatingCounts == [1, 2, 0, 0])
        #expect(train.ratedPairs.interactionCount == 3)
        let test = RatingSet(userCount: 3, itemCount: 4, users: [0, 2, 1], items: [2, 0, 0], ratings: [4, 4, 4])
        let split = RatingSplit(ratings: train, parts: [.train, .train, .train], hasValidation: false, method: "")
        #expect(split.coldRatingCount(in: test) == 2)  // item 2 unseen, user 2 unseen
    }
}
