import Foundation
import RecData
import RecKernels
import RecModels
import Testing
@testable import RecTraining

/// ID dropout, feature distillation and the popularity prior of ``FeatureBPRTrainer``, on a
/// small synthetic dataset with planted communities as features.
@Suite("Features: cold-start training (ID dropout, distillation, popularity prior)")
struct ColdStartTrainingTests {
    static let dataset = SyntheticDataset.generate(userCount: 40, itemCount: 30, communities: 4,
                                                   interactionsPerUser: 3...8, seed: 11)
    static let communities = SyntheticDataset.plantedCommunities(userCount: 40, itemCount: 30, communities: 4, seed: 11)

    /// A categorical community column and, for users, a numeric column (so both encoder paths
    /// are exercised).
    static func features(_ groups: [Int], numeric: Bool) -> NodeFeatures {
        var columns = [FeatureColumn(name: "community",
                                     values: .categorical(codes: groups.map { Int32($0) }, cardinality: 4))]
        if numeric {
            columns.append(FeatureColumn(name: "size", values: .numeric(groups.indices.map { Double(($0 * 7) % 5) })))
        }
        return NodeFeatures(columns: columns, rowCount: groups.count)
    }

    static func configuration() -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.layers = 2
        c.dimension = 6
        c.batchSize = 32
        c.learningRate = 0.05
        c.lambda = 0.01
        c.epochs = 3
        return c
    }

    static func trainer(_ training: ColdStartTraining, prior: Bool) throws -> FeatureBPRTrainer {
        try FeatureBPRTrainer(train: dataset.train, configuration: configuration(),
                              userFeatures: features(communities.userCommunity, numeric: true),
                              itemFeatures: features(communities.itemCommunity, numeric: false),
                              coldStartTraining: training, popularityPrior: prior)
    }

    static func triples() -> BPRTriples {
        var g = SeededGenerator(seed: 3)
        return BPRSampler(train: dataset.train, strategy: .userUniform).sampleEpoch(using: &g)
    }

    /// (The distillation term holds its target fixed, so finite differences of the loss, which
    /// move the target too, do not apply to it: it is checked by hand below.)
    @Test("with ID dropout and the prior, every table's gradient matches central finite differences of the loss",
          arguments: [ColdStartTraining(), ColdStartTraining(idDropout: 0.5), ColdStartTraining(idDropout: 0.5, sides: .users)])
    func finiteDifferences(_ training: ColdStartTraining) throws {
        let trainer = try Self.trainer(training, prior: true)
        // Move the tables off their start (the prior weight off 0) so every term is active.
        trainer.fit()
        #expect(trainer.model.popularityPrior!.currentWeight != 0)
        let triples = Self.triples(), range = 0..<24
        let mask = trainer.dropoutGenerator
        func loss() -> Double {
            trainer.dropoutGenerator = mask  // the same dropout mask at every evaluation
            let (bpr, regularization) = trainer.computeGradients(triples, range)
            return bpr + regularization
        }
        _ = loss()
        let analytic = trainer.parameterGradients.map { $0.copy() }
        let tables = trainer.model.parameters
        #expect(tables.count == analytic.count)
        var checked = 0
        for (t, table) in tables.enumerated() {
            var g = SeededGenerator(seed: UInt64(t + 1))
            for _ in 0..<min(6, table.count) {
                let k = g.nextIndex(below: table.count)
                let saved = table[flat: k], h: Float = 1e-2
                table[flat: k] = saved + h
                let plus = loss()
                table[flat: k] = saved - h
                let minus = loss()
                table[flat: k] = saved
                let numeric = (plus - minus) / Double(2 * h), exact = Double(analytic[t][flat: k])
                #expect(abs(numeric - exact) <= 2e-3 + 2e-2 * abs(exact), "table \(t) entry \(k): \(numeric) vs \(exact)")
                checked += 1
            }
        }
        #expect(checked > 20)
    }

    @Test("the distillation term adds 2wα₀(α₀φ(v) − out_v)/|N| to each batch user's φ and nothing elsewhere")
    func distillationByHand() throws {
        let w = 0.7
        let plain = try Self.trainer(ColdStartTraining(), prior: false)
        let distilled = try Self.trainer(ColdStartTraining(featureDistillation: w, sides: .users), prior: false)
        let triples = Self.triples(), range = 0..<24
        let a = plain.computeGradients(triples, range), b = distilled.computeGradients(triples, range)
        let model = plain.model, d = model.dimension, alpha0 = model.layerZeroWeight
        let users = plain.base.batchNodes(triples, range).map(Int.init).filter { $0 < model.userCount }
        let features = model.userFeatures!.subset(users)
        let phi = model.userEncoder!.encode(features)
        let out = model.recommender(graph: plain.graph).userEmbeddings
        let expected = Matrix<Float>(rows: users.count, columns: d)
        var loss = 0.0
        for (r, u) in users.enumerated() {
            for c in 0..<d {
                let residual = alpha0 * phi[r, c] - out[u, c]
                loss += w * Double(residual * residual) / Double(users.count)
                expected[r, c] = 2 * Float(w) * alpha0 * residual / Float(users.count)
            }
        }
        #expect(abs(b.bpr - a.bpr) < 1e-6)
        #expect(abs((b.regularization - a.regularization) - loss) < 1e-4 * max(1, loss), "\(b.regularization - a.regularization) vs \(loss)")
        let encoderTables = model.userEncoder!.tables.map { Matrix<Float>(rows: $0.rows, columns: $0.columns) }
        model.userEncoder!.addGradient(features, layerZeroGradient: expected, into: encoderTables)
        let first = 2  // after P and Q
        for (t, (x, y)) in zip(plain.parameterGradients, distilled.parameterGradients).enumerated() {
            let isUserTable = t >= first && t < first + encoderTables.count
            for k in 0..<x.count {
                let extra = isUserTable ? encoderTables[t - first][flat: k] : 0
                #expect(abs(y[flat: k] - x[flat: k] - extra) < 1e-5, "table \(t) entry \(k)")
            }
        }
    }

    @Test("with a separate cold head, dropout and distillation train the head only: the warm tables' gradients are the plain step's")
    func separateHeadLeavesWarmTables() throws {
        let plain = try Self.trainer(ColdStartTraining(), prior: false)
        let headed = try Self.trainer(ColdStartTraining(idDropout: 0.5, featureDistillation: 0.5, sides: .users,
                                                        separateHead: true), prior: false)
        #expect(headed.model.userColdEncoder != nil)
        let triples = Self.triples(), range = 0..<32
        plain.computeGradients(triples, range)
        let mask = headed.dropoutGenerator
        headed.computeGradients(triples, range)
        let shared = plain.parameterGradients.count
        for (x, y) in zip(plain.parameterGradients, headed.parameterGradients[..<shared]) {
            for k in 0..<x.count { #expect(abs(x[flat: k] - y[flat: k]) < 1e-6) }
        }
        let head = headed.parameterGradients[shared...]
        #expect(head.count == headed.model.userColdEncoder!.tables.count + headed.model.itemColdEncoder!.tables.count)
        #expect(head.prefix(headed.model.userColdEncoder!.tables.count).contains { $0.squaredNorm() > 0 })
        #expect(head.suffix(headed.model.itemColdEncoder!.tables.count).allSatisfy { $0.squaredNorm() == 0 })
        // The head's gradient (dropout term with the other outputs fixed, and distillation) by finite differences.
        let analytic = headed.parameterGradients.map { $0.copy() }
        let tables = headed.model.parameters
        for t in shared..<(shared + headed.model.userColdEncoder!.tables.count) {
            let table = tables[t]
            for k in [0, table.count / 2, table.count - 1] {
                let saved = table[flat: k], h: Float = 1e-2
                func loss() -> Double {
                    headed.dropoutGenerator = mask
                    let (bpr, regularization) = headed.computeGradients(triples, range)
                    return bpr + regularization
                }
                table[flat: k] = saved + h
                let plus = loss()
                table[flat: k] = saved - h
                let minus = loss()
                table[flat: k] = saved
                let numeric = (plus - minus) / Double(2 * h), exact = Double(analytic[t][flat: k])
                #expect(abs(numeric - exact) <= 2e-3 + 2e-2 * abs(exact), "head table \(t) entry \(k): \(numeric) vs \(exact)")
            }
        }
        // New users are served by the head.
        let row = Self.features(Self.communities.userCommunity, numeric: true).subset([3])
        #expect(headed.model.userLayerZero(features: row).values == headed.model.userColdEncoder!.encode(row).values)
        #expect(throws: ConfigurationError.self) { try Self.trainer(ColdStartTraining(separateHead: true), prior: false) }
    }

    @Test("with dropout and distillation off, the prior's step gives the plain step's table gradients")
    func priorStepMatchesPlainStep() throws {
        let plain = try Self.trainer(ColdStartTraining(), prior: false)
        let withPrior = try Self.trainer(ColdStartTraining(), prior: true)
        let triples = Self.triples(), range = 0..<32
        let a = plain.computeGradients(triples, range), b = withPrior.computeGradients(triples, range)
        #expect(abs(a.bpr - b.bpr) < 1e-6 && abs(a.regularization - b.regularization) < 1e-9)
        let shared = plain.parameterGradients.count
        #expect(withPrior.parameterGradients.count == shared + 1)
        for (x, y) in zip(plain.parameterGradients, withPrior.parameterGradients) {
            for k in 0..<x.count { #expect(abs(x[flat: k] - y[flat: k]) < 1e-6) }
        }
        // ∂L/∂w at w = 0: −σ(−x)(p_i − p_j)/B summed, with x the plain scores' difference.
        let recommender = plain.model.recommender(graph: plain.graph)
        let p = withPrior.model.popularityPrior!.itemValues
        var expected = 0.0
        for t in range {
            let u = Int(triples.users[t]), i = Int(triples.positives[t]), j = Int(triples.negatives[t])
            var x = 0.0
            for c in 0..<recommender.dimension {
                let difference = Double(recommender.itemEmbeddings[i, c]) - Double(recommender.itemEmbeddings[j, c])
                x += Double(recommender.userEmbeddings[u, c]) * difference
            }
            let sigmoid: Double = 1 / (1 + Foundation.exp(x))
            expected -= sigmoid * Double(p[i] - p[j]) / Double(range.count)
        }
        let got = Double(withPrior.parameterGradients[shared][flat: 0])
        #expect(abs(got - expected) < 1e-5, "\(got) vs \(expected)")
    }

    @Test("a user with an all-zero feature projection is ranked by popularity, exactly")
    func priorAloneIsPopularity() throws {
        let trainer = try Self.trainer(ColdStartTraining(), prior: true)
        trainer.fit()
        let prior = try #require(trainer.model.popularityPrior)
        prior.weight[flat: 0] = 1
        for table in trainer.model.userEncoder!.tables { table.zero() }
        let coldStart = trainer.coldStartRecommender()
        let row = Self.features(Self.communities.userCommunity, numeric: true).subset([0])
        let ranked = coldStart.recommend(userFeatures: row, k: 10).map(\.item)
        let counts = Self.dataset.train.itemPopularity
        let byPopularity = counts.indices.sorted { (counts[$0], -$0) > (counts[$1], -$1) }
        #expect(ranked == Array(byPopularity.prefix(10)))
        // Without the prior (weight 0) every score is 0: ties, not popularity.
        prior.weight[flat: 0] = 0
        #expect(coldStart.recommend(userFeatures: row, k: 10).allSatisfy { $0.score == 0 })
    }

    @Test("dropout changes training but not the sampled triples; out-of-range settings are refused")
    func dropoutStreamAndValidation() throws {
        let plain = try Self.trainer(ColdStartTraining(), prior: false)
        let dropped = try Self.trainer(ColdStartTraining(idDropout: 0.5), prior: false)
        plain.fit()
        dropped.fit()
        #expect(plain.base.generator.next() == dropped.base.generator.next())
        #expect(plain.model.userIDEmbedding![flat: 0] != dropped.model.userIDEmbedding![flat: 0])
        for bad in [ColdStartTraining(idDropout: 1), ColdStartTraining(idDropout: -0.1),
                    ColdStartTraining(featureDistillation: -1), ColdStartTraining(featureDistillation: .nan)] {
            #expect(throws: ConfigurationError.self) { try Self.trainer(bad, prior: false) }
        }
        #expect(ColdStartTraining(idDropout: 1).problem?.contains("--id-dropout") == true)
    }
}
