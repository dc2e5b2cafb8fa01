import RecData
import RecKernels
import RecModels
import RecTraining
import Testing

/// The cold-start protocol on the planted synthetic dataset, whose features are the planted
/// communities (plus a number that held-out nodes make extreme, to catch leaks).
@Suite("Cold-start protocol: held-out users and items")
struct ColdStartProtocolTests {
    static let userCount = 300, itemCount = 200
    static let dataset = SyntheticDataset.generate(userCount: userCount, itemCount: itemCount, seed: 5)
    static let communities = SyntheticDataset.plantedCommunities(userCount: userCount, itemCount: itemCount,
                                                                 communities: 8, seed: 5)
    static let all = InteractionMatrix(userCount: userCount, itemCount: itemCount,
                                       pairs: dataset.train.pairs + dataset.test.pairs)

    /// The community of each node, and a number: `base + index`, or 1000 for `extreme` nodes.
    static func features(_ groups: [Int], extreme: Set<Int> = []) -> NodeFeatures {
        NodeFeatures(columns: [
            FeatureColumn(name: "community", values: .categorical(codes: groups.map { Int32($0) }, cardinality: 8)),
            FeatureColumn(name: "size", values: .numeric(groups.indices.map { extreme.contains($0) ? 1000 : Double($0 % 10) })),
        ], rowCount: groups.count)
    }

    static func configuration() -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.layers = 2
        c.dimension = 16
        c.batchSize = 512
        c.learningRate = 0.02
        c.epochs = 6
        return c
    }

    static func recall(_ results: [ColdStartResult], _ group: ColdStartResult.Group, _ method: String) -> Double {
        results.first { $0.group == group && $0.method == method }!.report.metrics["Recall@20"]!
    }

    @Test("held-out users are in no training pair, not in the graph and not in the feature statistics")
    func coldUsersDoNotLeak() throws {
        let split = try ColdUserSplit(interactions: Self.all, coldFraction: 0.2, revealedFraction: 0.5, seed: 7)
        #expect(split.coldUsers.count == 60 && split.warmUsers.count == 240)
        #expect(Set(split.coldUsers).isDisjoint(with: split.warmUsers))
        #expect(split.train.userCount == split.warmUsers.count)
        // The four parts are disjoint and together are every interaction.
        var seen = Set<[Int]>()
        for (w, i) in split.train.pairs + split.warmTest.pairs { #expect(seen.insert([split.warmUsers[w], i]).inserted) }
        for c in split.coldUsers.indices {
            let n = Self.all.items(ofUser: split.coldUsers[c]).count
            #expect(split.coldRevealed.count(ofRow: c) == min(n - 1, Int((0.5 * Double(n)).rounded())))
            for i in split.coldRevealed.row(c) + split.coldTest.row(c) {
                #expect(seen.insert([split.coldUsers[c], Int(i)]).inserted)
            }
        }
        #expect(seen == Set(Self.all.pairs.map { [$0.user, $0.item] }))

        // The model only has warm users: its graph holds the training pairs and nothing else, and
        // its numeric statistics ignore the held-out users' extreme values.
        let features = Self.features(Self.communities.userCommunity, extreme: Set(split.coldUsers))
        let trainer = try FeatureBPRTrainer(train: split.train, configuration: Self.configuration(),
                                            userFeatures: split.warmRows(of: features), itemFeatures: nil)
        #expect(trainer.graph.nodeCount == split.warmUsers.count + Self.itemCount)
        #expect(trainer.graph.adjacency.nonZeroCount == 2 * split.train.interactionCount)
        let itemDegrees = (0..<Self.itemCount).map { trainer.graph.adjacency.rowLength(split.warmUsers.count + $0) }
        #expect(itemDegrees == split.train.itemPopularity)
        let warmMean = split.warmUsers.map { Double($0 % 10) }.reduce(0, +) / Double(split.warmUsers.count)
        #expect(abs(trainer.model.userEncoder!.means[1] - warmMean) < 1e-12)
        #expect(trainer.model.userEncoder!.means[1] < 10)

        let again = try ColdUserSplit(interactions: Self.all, coldFraction: 0.2, revealedFraction: 0.5, seed: 7)
        let other = try ColdUserSplit(interactions: Self.all, coldFraction: 0.2, revealedFraction: 0.5, seed: 8)
        #expect(again.coldUsers == split.coldUsers && again.coldTest == split.coldTest && again.train == split.train)
        #expect(other.coldUsers != split.coldUsers)
        #expect(throws: DataError.self) { try ColdUserSplit(interactions: Self.all, coldFraction: 1, seed: 1) }
    }

    @Test("held-out items are in no training pair, not in the graph and not in the item statistics")
    func coldItemsDoNotLeak() throws {
        let split = try ColdItemSplit(interactions: Self.all, coldFraction: 0.2, revealedFraction: 0.25, seed: 3)
        #expect(split.coldItems.count == 40 && split.train.itemCount == 160)
        #expect(Set(split.coldItems).isDisjoint(with: split.warmItems))
        var seen = Set<[Int]>()
        for (u, w) in split.train.pairs { #expect(seen.insert([u, split.warmItems[w]]).inserted) }
        for (u, c) in split.coldRevealed.pairs + split.coldTest.pairs {
            #expect(seen.insert([u, split.coldItems[c]]).inserted)
        }
        #expect(seen == Set(Self.all.pairs.map { [$0.user, $0.item] }))
        for c in split.coldItems.indices {
            let n = Self.all.usersOfItem.count(ofRow: split.coldItems[c])
            #expect(split.coldRevealed.itemPopularity[c] == min(n - 1, Int((0.25 * Double(n)).rounded())))
        }
        let features = Self.features(Self.communities.itemCommunity, extreme: Set(split.coldItems))
        let trainer = try FeatureBPRTrainer(train: split.train, configuration: Self.configuration(),
                                            userFeatures: nil, itemFeatures: split.warmRows(of: features))
        #expect(trainer.graph.nodeCount == Self.userCount + split.warmItems.count)
        #expect(trainer.graph.adjacency.nonZeroCount == 2 * split.train.interactionCount)
        #expect(trainer.model.itemEncoder!.means[1] < 10)
    }

    @Test("cold users: fold-in and features beat popularity; warm users are reported next to them")
    func coldUsersBeatPopularity() throws {
        let split = try ColdUserSplit(interactions: Self.all, coldFraction: 0.2, revealedFraction: 0.5, seed: 7)
        let results = try ColdStartEvaluation(ks: [20]).runUserProtocol(
            split, userFeatures: Self.features(Self.communities.userCommunity), itemFeatures: nil,
            configuration: Self.configuration())
        for result in results {
            print("\(result.group.rawValue), \(result.method): Recall@20 \(result.report.metrics["Recall@20"]!), "
                  + "NDCG@20 \(result.report.metrics["NDCG@20"]!) over \(result.report.userCount) users")
        }
        #expect(Set(results.map(\.method)) == ["popularity", "ID LightGCN", "ID LightGCN, fold-in", "feature LightGCN",
                                               "feature LightGCN, features", "feature LightGCN, fold-in",
                                               "feature LightGCN, fold-in + features"])
        let popular = Self.recall(results, .coldUsers, "popularity")
        #expect(Self.recall(results, .coldUsers, "ID LightGCN, fold-in") > 1.5 * popular)
        #expect(Self.recall(results, .coldUsers, "feature LightGCN, features") > 1.3 * popular)
        #expect(Self.recall(results, .coldUsers, "feature LightGCN, fold-in + features") > 1.5 * popular)
        #expect(Self.recall(results, .warmUsers, "ID LightGCN") > 1.5 * Self.recall(results, .warmUsers, "popularity"))
        #expect(results.allSatisfy { $0.report.userCount > 0 })
        #expect(results.first { $0.group == .coldUsers }!.report.userCount == 60)
    }

    @Test("cold items with features only rank above chance for the users who had them")
    func coldItemsFromFeatures() throws {
        let split = try ColdItemSplit(interactions: Self.all, coldFraction: 0.2, seed: 3)
        let results = try ColdStartEvaluation(ks: [20]).runItemProtocol(
            split, userFeatures: nil, itemFeatures: Self.features(Self.communities.itemCommunity),
            configuration: Self.configuration())
        for result in results {
            print("\(result.group.rawValue), \(result.method): Recall@20 \(result.report.metrics["Recall@20"]!)")
        }
        #expect(results.map(\.method) == ["popularity (revealed interactions)", "feature LightGCN, features"])
        // With nothing revealed every cold item ties: the baseline breaks ties at random, not by index.
        let evaluation = ColdStartEvaluation(ks: [20])
        #expect(evaluation.popularity(split, seed: 1).metrics != evaluation.popularity(split, seed: 2).metrics)
        #expect(Self.recall(results, .coldItems, "feature LightGCN, features")
                > 1.5 * Self.recall(results, .coldItems, "popularity (revealed interactions)"))
    }
}
