import ArgumentParser
import Foundation
import RecData
import RecKernels
import RecStore

extension DataOptions {
    /// The event store `data` names explicitly (`sqlite:PATH` or `postgres://…`), nil for a
    /// dataset name or path. (`events import --store` also takes a bare `PATH.sqlite`; `--data`
    /// does not, so that existing file paths keep their meaning.)
    static func eventStore(_ data: String) -> EventStoreLocation? {
        guard let location = EventStoreLocation(recognizing: data) else { return nil }
        if case .sqlite = location, !data.lowercased().hasPrefix("sqlite:") { return nil }
        return location
    }

    /// The weighting of `--event-weights`, `--half-life`.
    func eventWeighting() throws -> EventWeighting {
        do { return try EventWeighting(parsingWeights: eventWeights, halfLife: halfLife) } catch { throw ValidationError("\(error)") }
    }

    /// The store's snapshot as a dataset: events → weighted positive pairs (`TrainingInput`),
    /// then `--min-rating` on the weight, `--k-core` and the split, as for a CSV log.
    ///
    /// The location is reported with the `.delimited` format: like a CSV log, the data has no
    /// published split (the format only decides defaults such as MovieLens' rating threshold).
    func loadFromStore(_ location: EventStoreLocation, options: DatasetOptions) throws -> ResolvedDataset {
        let weighting = try eventWeighting()
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw CommandError("\(path): no such event store (create it with 'lightgcn events import FILE --store sqlite:\(path)')")
        }
        let snapshot = try runBlocking { () async throws -> EventSnapshot in
            let store = try await location.open()
            do {
                let snapshot = try await store.snapshot()
                try await store.close()
                return snapshot
            } catch {
                try? await store.close()
                throw error
            }
        }
        let input = TrainingInput(snapshot: snapshot, weighting: weighting, name: "events")
        var notes = ["event store \(location.displayName), snapshot at sequence \(input.cursor): \(input.summary)",
                     "weights: " + weighting.weights.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.formatted())" }
                         .joined(separator: ",") + "; negatives: " + weighting.negativeTypes.sorted().joined(separator: ",")
                         + "; half-life: " + (weighting.halfLife?.description ?? "none")
                         + " (weights select the positives; the trainers use them as binary interactions)"]
        var log = input.log
        guard log.count > 0 else {
            throw CommandError("\(location.displayName): the store holds no positive interactions to train on "
                               + "(\(input.eventCount) events)")
        }
        if let minimum = options.minRating(for: .delimited) {
            let before = log.count
            log = log.positives(minRating: minimum)
            notes.append("weights ≥ \(minimum) are positives: \(grouped(log.count)) of \(grouped(before)) pairs")
        }
        var report: KCoreReport?
        if let k = options.kCore {
            let filtered = try KCoreFilter(k: k).apply(to: log)
            log = filtered.log
            report = filtered.report
            notes.append("\(k)-core: \(filtered.report)")
        }
        var generator = SeededGenerator(seed: options.seed)
        let split = try options.split.splitter.split(log, using: &generator)
        notes.append("\(split.method), seed \(options.seed)")
        return ResolvedDataset(
            DatasetLocation(name: "events", path: location.displayName, format: .delimited),
            dataset: RecommendationDataset(log: log, split: split, name: "events"), log: log, knownNegatives: nil,
            kCoreReport: report, warnings: [], notes: notes)
    }
}

extension Double {
    /// `3` for whole numbers, else the shortest decimal.
    fileprivate func formatted() -> String {
        self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
