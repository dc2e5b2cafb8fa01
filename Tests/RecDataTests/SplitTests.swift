import RecKernels
import Testing
import RecData

@Suite struct SplitTests {
    /// A random log: `users` users with 1…30 interactions each over `items` items, timestamps
    /// with ties.
    static func randomLog(seed: UInt64, users: Int = 60, items: Int = 80) -> InteractionLog {
        var rng = SeededGenerator(seed: seed)
        var u: [Int32] = [], i: [Int32] = [], t: [Int64] = []
        for user in 0..<users {
            let n = 1 + rng.nextIndex(below: 30)
            for _ in 0..<n {
                u.append(Int32(user))
                i.append(Int32(rng.nextIndex(below: items)))
                t.append(Int64(1_000_000 + rng.nextIndex(below: 500)))
            }
        }
        return InteractionLog(name: "random", users: u, items: i, timestamps: t,
                              userVocabulary: Vocabulary.indices(count: users + 1),  // one user without records
                              itemVocabulary: Vocabulary.indices(count: items))
    }

    /// Every pair is in exactly one part, and the parts add up to the log.
    func expectPartition(_ split: DataSplit, of log: InteractionLog) {
        let parts = [split.train, split.validation ?? .empty(userCount: log.userCount, itemCount: log.itemCount),
                     split.test]
        #expect(parts.map(\.interactionCount).reduce(0, +) == log.count)
        #expect(split.train.overlapCount(with: split.test) == 0)
        #expect(split.train.overlapCount(with: parts[1]) == 0)
        #expect(parts[1].overlapCount(with: split.test) == 0)
        for k in 0..<log.count {
            let (user, item) = (Int(log.users[k]), Int(log.items[k]))
            #expect(parts.filter { $0.contains(user: user, item: item) }.count == 1)
        }
        #expect(parts.allSatisfy { $0.userCount == log.userCount && $0.itemCount == log.itemCount })
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomHoldoutPartitionsAndKeepsATrainingItemPerUser(seed: UInt64) throws {
        let log = Self.randomLog(seed: seed)
        var rng = SeededGenerator(seed: seed)
        let split = try RandomHoldoutSplit(train: 0.8, validation: 0.1, test: 0.1).split(log, using: &rng)
        expectPartition(split, of: log)
        let recordsPerUser = log.interactions().itemsOfUser
        for user in 0..<log.userCount where recordsPerUser.count(ofRow: user) > 0 {
            #expect(split.train.items(ofUser: user).count >= 1)
        }
        // Fractions per user: round(n · 0.1) test items.
        for user in 0..<log.userCount {
            let n = recordsPerUser.count(ofRow: user)
            #expect(split.test.items(ofUser: user).count == min(max(0, n - 1), Int((Double(n) * 0.1).rounded())))
        }
        #expect(split.coldStartTestUsers == 0)
    }

    @Test func randomHoldoutIsDeterministicFromTheSeed() throws {
        let log = Self.randomLog(seed: 9)
        let splitter = RandomHoldoutSplit()
        var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5), c = SeededGenerator(seed: 6)
        let first = try splitter.split(log, using: &a)
        #expect(try splitter.split(log, using: &b) == first)
        #expect(try splitter.split(log, using: &c).parts != first.parts)
    }

    @Test func invalidFractionsAreRejected() {
        var rng = SeededGenerator(seed: 1)
        let log = Self.randomLog(seed: 1)
        for (train, validation, test) in [(0.8, 0.1, 0.2), (0.0, 0.5, 0.5), (1.1, -0.1, 0.0)] {
            #expect(throws: DataError.self) {
                try RandomHoldoutSplit(train: train, validation: validation, test: test).split(log, using: &rng)
            }
        }
        let noValidation = try? RandomHoldoutSplit(train: 0.9, validation: 0, test: 0.1).split(log, using: &rng)
        #expect(noValidation?.validation == nil)
    }

    @Test func leaveLastOutTakesTheLatestInteractions() throws {
        // User 0: items 0 (t=5), 1 (t=9), 2 (t=7), 3 (t=9, later in file: counts as last).
        // User 1: one interaction (train only). User 2: two (train + test, no validation).
        let log = InteractionLog(
            name: "t", users: [0, 0, 0, 1, 0, 2, 2], items: [0, 1, 2, 0, 3, 1, 2], timestamps: [5, 9, 7, 1, 9, 3, 2],
            userVocabulary: .indices(count: 3), itemVocabulary: .indices(count: 4))
        var rng = SeededGenerator(seed: 0)
        let split = try LeaveLastOutSplit(validation: true).split(log, using: &rng)
        expectPartition(split, of: log)
        #expect(Array(split.test.items(ofUser: 0)) == [3])
        #expect(Array(split.validation!.items(ofUser: 0)) == [1])
        #expect(Array(split.train.items(ofUser: 0)) == [0, 2])
        #expect(Array(split.train.items(ofUser: 1)) == [0] && split.test.items(ofUser: 1).isEmpty)
        #expect(Array(split.test.items(ofUser: 2)) == [1] && Array(split.train.items(ofUser: 2)) == [2])
        #expect(split.validation!.items(ofUser: 2).isEmpty)
    }

    @Test func leaveLastOutOnRandomLogs() throws {
        let log = Self.randomLog(seed: 4)
        var rng = SeededGenerator(seed: 0)
        let split = try LeaveLastOutSplit().split(log, using: &rng)
        expectPartition(split, of: log)
        let timestamps = try #require(log.timestamps)
        for k in 0..<log.count where split.parts[k] == .train {
            // No training record of a user is later than that user's test record.
            for j in 0..<log.count where log.users[j] == log.users[k] && split.parts[j] == .test {
                #expect(timestamps[k] <= timestamps[j])
            }
        }
    }

    @Test func timeSplitsNeedTimestamps() {
        let log = InteractionLog(name: "nt", users: [0], items: [0], userVocabulary: .indices(count: 1),
                                 itemVocabulary: .indices(count: 1))
        var rng = SeededGenerator(seed: 0)
        #expect(captureDataError { try LeaveLastOutSplit().split(log, using: &rng) }?.description
            .contains("needs timestamps") == true)
        #expect(throws: DataError.self) { try TemporalSplit(testStart: .quantile(0.5)).split(log, using: &rng) }
    }

    @Test func temporalSplitCutsAtQuantilesAndTimestamps() throws {
        let log = InteractionLog(
            name: "t", users: [0, 1, 2, 0, 1, 2, 3, 3, 0, 1], items: [0, 0, 0, 1, 1, 1, 1, 2, 2, 2],
            timestamps: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            userVocabulary: .indices(count: 4), itemVocabulary: .indices(count: 3))
        var rng = SeededGenerator(seed: 0)
        let split = try TemporalSplit(testStart: .quantile(0.8), validationStart: .quantile(0.6)).split(log, using: &rng)
        expectPartition(split, of: log)
        #expect(split.parts == [.train, .train, .train, .train, .train, .train, .validation, .validation, .test, .test])
        #expect(split.coldStartTestUsers == 0)
        let byTime = try TemporalSplit(testStart: .timestamp(7)).split(log, using: &rng)
        #expect(byTime.validation == nil)
        #expect(byTime.count(of: .test) == 4)
        #expect(byTime.coldStartTestUsers == 1)  // user 3 appears only from t = 7
        #expect(throws: DataError.self) {
            try TemporalSplit(testStart: .quantile(0.5), validationStart: .quantile(0.9)).split(log, using: &rng)
        }
        #expect(throws: DataError.self) { try TemporalSplit(testStart: .quantile(0)).split(log, using: &rng) }
    }

    @Test func datasetFromSplitKeepsCatalog() throws {
        var log = Self.randomLog(seed: 2)
        log.itemTitles = (0..<log.itemCount).map { "title \($0)" }
        var rng = SeededGenerator(seed: 3)
        let split = try RandomHoldoutSplit().split(log, using: &rng)
        let dataset = RecommendationDataset(log: log, split: split)
        #expect(dataset.name == "random")
        #expect(dataset.validation != nil)
        #expect(dataset.trainTestOverlapCount == 0)
        #expect(dataset.catalog?.items.count == log.itemCount)
        #expect(dataset.catalog?.title(ofItem: 3) == "title 3")
        #expect(dataset.train.duplicateCount == log.duplicateCount)
    }
}
