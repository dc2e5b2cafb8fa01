import ArgumentParser
import Foundation
import RecServing
import RecTraining

extension BenchmarkCommand {
    /// Times `ModelFile.read`, `ModelFile.write` (to a temporary file next to the model, with its
    /// fsync) and the server's preparation of the model (`ServingModel`: propagation, packing,
    /// fold-in layers), interleaved over `rounds` rounds, then the server's scoring of 256 users
    /// at k = 20 (one per pass, and 8 per pass); prints medians in milliseconds.
    func timeModelFile(_ path: String) throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be ≥ 1, got \(rounds)") }
        let model = try ModelFile.read(from: path)
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        let copy = directory.appendingPathComponent(".lightgcn-bench-\(UUID().uuidString).lgcn").path
        defer { try? FileManager.default.removeItem(atPath: copy) }
        var samples: [String: [Double]] = [:]
        func time(_ name: String, _ body: () throws -> Void) rethrows {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            samples[name, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        let progress = console.progress()
        for round in 0..<rounds {
            progress.update("round \(round + 1) of \(rounds)…")
            try time("read (ModelFile.read)") { _ = try ModelFile.read(from: path) }
            try time("write (ModelFile.write)") { try ModelFile.write(model, to: copy) }
            time("prepare for serving") { _ = ServingModel(model: model, source: path) }
        }
        // Scoring as the server does it: one user per pass, and 8 users per pass (per user).
        let served = ServingModel(model: model, source: path)
        let users = (0..<256).map { $0 * 7919 % served.userCount }
        for round in 0..<rounds {
            progress.update("scoring, round \(round + 1) of \(rounds)…")
            let start = DispatchTime.now().uptimeNanoseconds
            for user in users { _ = served.recommend(user: user, k: 20, excludeSeen: true) }
            let middle = DispatchTime.now().uptimeNanoseconds
            for batch in stride(from: 0, to: users.count, by: 8) {
                _ = served.recommend(users: Array(users[batch..<(batch + 8)]), k: 20, excludeSeen: true)
            }
            let end = DispatchTime.now().uptimeNanoseconds
            samples["top-20 of one user (per user)", default: []].append(Double(middle - start) / 1e6 / Double(users.count))
            samples["top-20, 8 users a pass (per user)", default: []].append(Double(end - middle) / 1e6 / Double(users.count))
        }
        progress.clear()
        var medians: [String: Double] = [:]
        for (name, values) in samples { medians[name] = values.sorted()[values.count / 2] }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if console.json {
            try printJSON(medians.merging(["bytes": Double(bytes)]) { a, _ in a })
        } else {
            print("median milliseconds over \(rounds) rounds (\(path): \(bytes) bytes, \(model.userCount) users, "
                  + "\(model.itemCount) items, dim \(model.embedding.columns), \(model.train.interactionCount) interactions, "
                  + (model.catalog == nil ? "no catalog)" : "with catalog)"))
            for (name, value) in medians.sorted(by: { $0.key < $1.key }) {
                print("  " + pad(name, 34) + String(format: "%9.2f", value))
            }
        }
    }
}
