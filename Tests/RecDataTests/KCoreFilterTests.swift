import RecKernels
import Testing
import RecData

@Suite struct KCoreFilterTests {
    @Test func dropsCascadingUsersAndItems() throws {
        // Users a, b, c each with items x, y; d has x and z. With k = 2: z has one user, so d
        // drops to one item and leaves; then x and y keep a, b, c.
        let users: [Int32] = [0, 0, 1, 1, 2, 2, 3, 3]
        let items: [Int32] = [0, 1, 0, 1, 0, 1, 0, 2]
        var log = InteractionLog(name: "t", users: users, items: items,
                                 userVocabulary: Vocabulary(["a", "b", "c", "d", "e"]),
                                 itemVocabulary: Vocabulary(["x", "y", "z"]))
        log.itemTitles = ["X", "Y", "Z"]
        let (filtered, report) = try KCoreFilter(k: 2).apply(to: log)
        #expect(filtered.userVocabulary.ids == ["a", "b", "c"])
        #expect(filtered.itemVocabulary.ids == ["x", "y"])
        #expect(filtered.itemTitles == ["X", "Y"])
        #expect(filtered.count == 6)
        #expect(report.droppedUsers == ["d", "e"])
        #expect(report.droppedItems == ["z"])
        #expect(report.droppedInteractions == 2)
        #expect(report.rounds == 3)
        #expect(report.description.hasPrefix("dropped 2 users, 1 items, 2 interactions in 3 rounds"))
    }

    /// The k-core by the textbook peeling algorithm: remove one under-degree node at a time.
    static func referenceCore(_ log: InteractionLog, k: Int) -> Set<[Int32]> {
        var edges = Set(zip(log.users, log.items).map { [$0, $1] })
        while true {
            var userDegree: [Int32: Int] = [:], itemDegree: [Int32: Int] = [:]
            for e in edges {
                userDegree[e[0], default: 0] += 1
                itemDegree[e[1], default: 0] += 1
            }
            guard let weak = edges.first(where: { userDegree[$0[0]]! < k || itemDegree[$0[1]]! < k }) else { return edges }
            if userDegree[weak[0]]! < k {
                edges = edges.filter { $0[0] != weak[0] }
            } else {
                edges = edges.filter { $0[1] != weak[1] }
            }
        }
    }

    @Test(arguments: [(11, 2), (12, 3), (13, 5)] as [(UInt64, Int)])
    func matchesReferenceAndEveryoneHasK(seed: UInt64, k: Int) throws {
        let log = SplitTests.randomLog(seed: seed, users: 40, items: 120)
        let (filtered, report) = try KCoreFilter(k: k).apply(to: log)
        let interactions = filtered.interactions()
        for u in 0..<interactions.userCount { #expect(interactions.items(ofUser: u).count >= k) }
        for i in 0..<interactions.itemCount { #expect(interactions.itemPopularity[i] >= k) }
        let mapped = Set(zip(filtered.users, filtered.items).map {
            [Int32(log.userVocabulary.index(of: filtered.userVocabulary.id(at: Int($0)))!),
             Int32(log.itemVocabulary.index(of: filtered.itemVocabulary.id(at: Int($1)))!)]
        })
        #expect(mapped == Self.referenceCore(log, k: k))
        #expect(report.keptInteractions + report.droppedInteractions == log.count)
        #expect(report.keptUsers + report.droppedUsers.count == log.userCount)
    }

    @Test func rejectsZeroCore() {
        let log = SplitTests.randomLog(seed: 1)
        #expect(throws: DataError.self) { try KCoreFilter(k: 0).apply(to: log) }
    }
}
