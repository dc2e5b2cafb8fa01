import Foundation
import RecTraining

/// Test data: epoch records (built through `Codable`, as `EpochRecord` has no public
/// memberwise initialiser) and a realistic training history.
enum Fixtures {
    /// One epoch record.
    static func record(epoch: Int, bpr: Double, reg: Double, batches: Int = 10, seconds: Double = 1,
                       metrics: [String: Double] = [:], evaluationSeconds: Double = 0) -> EpochRecord {
        // NaN and infinities are carried as strings, decoded with a matching strategy.
        func number(_ value: Double) -> Any {
            if value.isNaN { return "NaN" }
            if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
            return value
        }
        let object: [String: Any] = [
            "epoch": epoch, "bprLoss": number(bpr), "regularizationLoss": number(reg), "batches": batches,
            "seconds": number(seconds), "metrics": metrics.mapValues(number), "evaluationSeconds": number(evaluationSeconds),
        ]
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let data = try! JSONSerialization.data(withJSONObject: object)
        return try! decoder.decode(EpochRecord.self, from: data)
    }

    /// A deterministic LightGCN-like run: `epochs` epochs, evaluation every `every` epochs on
    /// validation and test at K = 10, 20, 50; BPR falls from 0.69 towards 0.03, Recall@20
    /// rises from about 0.10 to 0.16 by epoch 60, then declines slightly.
    static func history(epochs: Int = 100, every: Int = 10) -> [EpochRecord] {
        var generator = TestGenerator(seed: 7)
        return (1...epochs).map { epoch in
            let t = Double(epoch)
            let noise = generator.uniform() - 0.5
            let bpr = 0.66 * exp(-t / 18) + 0.035 + 0.004 * noise
            let reg = 1.2e-4 + 7e-4 * (1 - exp(-t / 30))
            var metrics: [String: Double] = [:]
            if epoch % every == 0 {
                // Rises, then slowly overfits after epoch 60.
                let progress = 1 - exp(-t / 25) - 0.004 * max(0, t - 60)
                for (split, shift) in [("validation", 0.0), ("test", -0.006)] {
                    for (k, scale) in [(10, 0.68), (20, 1.0), (50, 1.55)] {
                        let recall = (0.10 + 0.07 * progress + shift + 0.002 * (generator.uniform() - 0.5)) * scale
                        metrics["\(split)/Recall@\(k)"] = recall
                        metrics["\(split)/NDCG@\(k)"] = recall * 0.82 / scale.squareRoot()
                        metrics["\(split)/Precision@\(k)"] = recall * 0.55 / Double(k) * 10
                    }
                }
            }
            return record(epoch: epoch, bpr: bpr, reg: reg, batches: 398, seconds: 3.1 + 0.3 * noise,
                          metrics: metrics, evaluationSeconds: metrics.isEmpty ? 0 : 1.4 + 0.1 * noise)
        }
    }
}

/// SplitMix64, for reproducible test data.
struct TestGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
