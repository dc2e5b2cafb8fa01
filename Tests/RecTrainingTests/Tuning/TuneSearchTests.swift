import Foundation
import RecData
import RecModels
import RecTraining
import Testing

/// `TuneSearch`: the trials of `lightgcn tune`, trained, saved, reused and budgeted in the library.
@Suite("Hyper-parameter search: trials saved, reused, ranked on validation")
struct TuneSearchTests {
    /// 60 users, 40 items; the generated test split serves as validation (the search never
    /// looks at a test set), and an empty test split.
    static let dataset: RecommendationDataset = {
        let generated = SyntheticDataset.generate(userCount: 60, itemCount: 40, interactionsPerUser: 6...14, seed: 4)
        return RecommendationDataset(name: "tiny", train: generated.train,
                                     test: .empty(userCount: 60, itemCount: 40), validation: generated.test)
    }()

    static func plan(_ learningRate: Double) -> TuneSearch.Plan {
        var c = TrainingConfiguration()
        c.epochs = 2
        c.dimension = 8
        c.layers = 1
        c.batchSize = 128
        c.evaluateEvery = 1
        c.refit = false
        c.learningRate = learningRate
        return TuneSearch.Plan(parameters: ["lr": String(learningRate)], configuration: c)
    }

    @Test("every trial is trained once and scored on validation; a second search reuses them; the ranking is by value")
    func trialsSavedAndReused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tune-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = TuneStore(directory: directory, splitFingerprint: Self.dataset.splitFingerprint, model: "lightgcn")
        let search = TuneSearch(kind: .lightgcn, plans: [Self.plan(0.05), Self.plan(1e-9)])
        var started: [Int] = []
        let trials = try search.run(on: Self.dataset, store: store) { event in
            if case .started(let index, _, _) = event { started.append(index) }
        }
        #expect(started == [0, 1])
        #expect(trials.count == 2 && trials.allSatisfy { $0.value != nil && $0.error == nil })
        #expect(trials.allSatisfy { $0.metric == "Recall@20" && $0.validationMetrics["Recall@20"] == $0.value })
        #expect(FileManager.default.fileExists(atPath: store.path(0)) && FileManager.default.fileExists(atPath: store.path(1)))
        #expect(!FileManager.default.fileExists(atPath: store.lockPath(0)))
        let ranked = TuneSearch.ranked(trials)
        #expect(ranked[0].value! >= ranked[1].value!)

        var reused: [Int] = []
        let again = try search.run(on: Self.dataset, store: store) { event in
            if case .reused(let index, _) = event { reused.append(index) }
            if case .started = event { Issue.record("a saved trial was trained again") }
        }
        #expect(reused == [0, 1])
        #expect(again == trials)
    }

    @Test("a search out of budget starts no trial and says how many were left")
    func budget() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tune-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = TuneStore(directory: directory, splitFingerprint: Self.dataset.splitFingerprint, model: "lightgcn")
        var remaining: Int?
        let trials = try TuneSearch(kind: .lightgcn, plans: [Self.plan(0.05), Self.plan(0.01)], budgetSeconds: 0)
            .run(on: Self.dataset, store: store) { event in
                if case .budgetReached(let left) = event { remaining = left }
            }
        #expect(trials.isEmpty && remaining == 2)
    }
}
