import Foundation
import RecData
import RecModels
import RecTraining
import Testing

/// `ComparisonRun.run`: the rows of `lightgcn compare`, fitted, saved, reused and failed in the library.
@Suite("Comparison rows: fit, save, reuse, fail")
struct ComparisonRowsTests {
    static let dataset: RecommendationDataset = {
        let generated = SyntheticDataset.generate(userCount: 50, itemCount: 30, seed: 3)
        return RecommendationDataset(name: "tiny", train: generated.train, test: generated.test)
    }()

    static var settings: ModelRegistry.Settings {
        var settings = ModelRegistry.Settings(training: TrainingConfiguration())
        settings.itemKNN.neighbors = 5
        return settings
    }

    @Test("rows are fitted in order and saved; a second run reuses them; a failing row is recorded, not thrown")
    func fitSaveReuseFail() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cmp-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = ComparisonStore(directory: directory)
        var tooBig = Self.settings
        tooBig.ease.memoryLimitBytes = 1  // EASE refuses to allocate its Gram matrix
        let rows = [ComparisonRow(kind: .popularity, settings: Self.settings),
                    ComparisonRow(kind: .itemknn, settings: Self.settings, label: "knn-5"),
                    ComparisonRow(kind: .ease, settings: tooBig)]
        let run = ComparisonRun(protocolName: "holdout", latencyUsers: 5)
        var events: [String] = []
        let first = try run.run(rows, on: .split(Self.dataset, ks: [5]), store: store) { event in
            switch event {
            case .reused(let label, _): events.append("reused \(label)")
            case .fitting(let label, _): events.append("fitting \(label)")
            case .finished(let entry): events.append("\(entry.model) \(entry.status)")
            }
        }
        #expect(events == ["fitting popularity", "popularity ok", "fitting knn-5", "knn-5 ok", "fitting ease", "ease failed"])
        #expect(first.map(\.model) == ["popularity", "knn-5", "ease"])
        #expect(first[2].error?.isEmpty == false)
        // The metrics are the protocol's: the popularity row equals a direct holdout run.
        let direct = try run.holdout(.popularity, settings: Self.settings, dataset: Self.dataset, ks: [5])
        #expect(first[0].metrics["Recall@5"] == direct.metrics["Recall@5"])

        events = []
        let second = try run.run(Array(rows.prefix(2)), on: .split(Self.dataset, ks: [5]), store: store) { event in
            if case .reused(let label, _) = event { events.append("reused \(label)") }
            if case .fitting(let label, _) = event { events.append("fitting \(label)") }
        }
        #expect(events == ["reused popularity", "reused knn-5"])
        #expect(second == Array(first.prefix(2)))
        // With refit the rows are fitted again.
        events = []
        _ = try run.run(Array(rows.prefix(1)), on: .split(Self.dataset, ks: [5]), store: store, refit: true) { event in
            if case .fitting(let label, _) = event { events.append("fitting \(label)") }
        }
        #expect(events == ["fitting popularity"])
    }
}
