import RecData
import RecKernels
import RecModels
import RecTraining
import Testing

/// The library's multi-seed cold-start study and the forward-chaining study: what the command's
/// `evaluate --protocol cold-start|forward-chaining` runs.
@Suite("Protocol studies: cold start over seeds, forward chaining over folds")
struct ProtocolStudyTests {
    static func configuration() -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.layers = 2
        c.dimension = 8
        c.batchSize = 256
        c.learningRate = 0.02
        c.epochs = 2
        c.evaluateEvery = 0
        return c
    }

    @Test("the cold-start study runs each seed once, in order, and its summary is the mean and spread of the seeds")
    func coldStartOverSeeds() throws {
        let all = ColdStartProtocolTests.all
        let study = ColdStartStudy(side: .users, coldFraction: 0.2, revealedFraction: 0.5, seeds: [3, 4],
                                   configuration: Self.configuration())
        var events: [String] = []
        var perSeed: [[ColdStartResult]] = []
        let summary = try study.run(on: all) { event in
            switch event {
            case .seedStarted(let seed): events.append("start \(seed)")
            case .splitDrawn(let seed, let cold, let warm): events.append("split \(seed) \(cold)+\(warm)")
            case .seedFinished(let seed, let results, _):
                events.append("end \(seed)")
                perSeed.append(results)
            }
        }
        #expect(events == ["start 3", "split 3 60+240", "end 3", "start 4", "split 4 60+240", "end 4"])
        #expect(!summary.rows.isEmpty)
        for row in summary.rows {
            let recall = try #require(row.metrics["Recall@20"])
            let values = perSeed.compactMap { results in
                results.first { $0.group.rawValue == row.group && $0.method == row.method }?.report.metrics["Recall@20"]
            }
            #expect(recall.values == values)
            #expect(abs(recall.mean - (values[0] + values[1]) / 2) < 1e-12)
            #expect(abs(recall.standardDeviation - abs(values[0] - values[1]) / 2.0.squareRoot()) < 1e-12)
        }
        // A seed is a whole experiment: the same seed alone gives the same numbers.
        var again = study
        again.seeds = [4]
        let single = try again.run(on: all)
        for row in single.rows {
            let both = try #require(summary.rows.first { $0.group == row.group && $0.method == row.method })
            #expect(row.metrics["Recall@20"]?.values == [both.metrics["Recall@20"]!.values[1]])
        }
    }

    @Test("the forward-chaining study fits LightGCN and popularity per fold, popularity as the protocol ranks it")
    func forwardChainingOverFolds() throws {
        let fold = ForwardChainingEvaluationTests.fold
        var later = fold
        later.year = 2010
        let study = ForwardChainingStudy(configuration: Self.configuration(), ks: [1, 2])
        var fitted: [Int] = []
        let results = try study.run([fold, later]) { event in
            if case .fitting(let year, _) = event { fitted.append(year) }
        }
        #expect(fitted == [2009, 2010])
        #expect(Set(results.keys) == Set(ForwardChainingStudy.modelNames))
        #expect(results["lightgcn"]?.count == 2 && results["popularity"]?.count == 2)
        let direct = study.evaluation.evaluate(fold) { train in
            PopularityRecommender(itemPopularity: train.itemPopularity, userCount: train.userCount)
        }
        #expect(results["popularity"]![0].metrics == direct.metrics)
        #expect(results["lightgcn"]![0].cases == direct.cases)
    }
}
