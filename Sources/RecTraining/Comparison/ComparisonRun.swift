import Foundation
import RecData
import RecModels

/// The evaluation protocols of `lightgcn compare`: how one model kind is fitted and measured so
/// that every row of the table is comparable.
public struct ComparisonRun: Sendable {
    /// The protocol's name, recorded in every entry (`holdout`, `paper`, `forward-chaining`).
    public var protocolName: String
    /// Single-user requests timed per model for the latency columns.
    public var latencyUsers: Int

    /// A run of protocol `protocolName`.
    public init(protocolName: String, latencyUsers: Int = 500) {
        self.protocolName = protocolName
        self.latencyUsers = latencyUsers
    }

    /// Holdout: fits `kind` on the training split, selects epochs on validation (when there is
    /// one), evaluates the test set once (items known before the test excluded), and times
    /// single-user requests. The metrics include ``BeyondAccuracyMetrics`` of the test lists.
    public func holdout(_ kind: ModelKind, settings: ModelRegistry.Settings, dataset: RecommendationDataset,
                        ks: [Int]) throws -> ComparisonEntry {
        let validation = dataset.validation.flatMap { $0.interactionCount > 0 ? $0 : nil }.map {
            RankingEvaluator(known: dataset.train, heldOut: $0, ks: ks)
        }
        let start = Date()
        let fitted = try ModelRegistry.fit(kind, train: dataset.train, validation: validation, settings: settings)
        let fitSeconds = Date().timeIntervalSince(start)
        let known = dataset.knownBeforeTest
        let report = RankingEvaluator(known: known, heldOut: dataset.test, ks: ks).evaluate(fitted.recommender, beyondAccuracy: true)
        let latency = LatencyProbe(sampleSize: latencyUsers, k: ks.last ?? 20).measure(
            fitted.recommender, users: dataset.test.usersWithInteractions, excluding: known.itemsOfUser)
        return ComparisonEntry(
            model: kind.rawValue, settings: fitted.settings, dataset: dataset.name, evaluationProtocol: protocolName,
            splitFingerprint: dataset.splitFingerprint, status: .ok, metrics: report.metrics, evaluatedCount: report.userCount,
            fitSeconds: fitSeconds, latencyMeanMilliseconds: latency.mean, latencyP95Milliseconds: latency.p95,
            selectedEpoch: fitted.selectedEpoch)
    }

    /// Forward chaining: fits `kind` per year; metrics are the means over years (per-year values
    /// kept as `YEAR/metric`).
    public func forwardChaining(_ kind: ModelKind, settings: ModelRegistry.Settings, folds: [ForwardChainingFold],
                                name: String, fingerprint: String) throws -> ComparisonEntry {
        let evaluation = ForwardChainingEvaluation()
        var metrics: [String: Double] = [:]
        var fitSeconds = 0.0, cases = 0
        var latencies: [(mean: Double, p95: Double)] = []
        for fold in folds {
            var fitted: (any Recommender)?
            var fittedTrain: InteractionMatrix?
            let result = try evaluation.evaluate(fold) { train in
                let recommender = try ModelRegistry.fit(kind, train: train, validation: nil, settings: settings).recommender
                fitted = recommender
                fittedTrain = train
                return recommender
            }
            fitSeconds += result.fitSeconds
            cases += result.cases
            for (key, value) in result.metrics {
                metrics["\(fold.year)/\(key)"] = value
                metrics[key, default: 0] += value / Double(folds.count)
            }
            if let fitted, let fittedTrain {
                latencies.append(LatencyProbe(sampleSize: latencyUsers, k: 500).measure(
                    fitted, users: fittedTrain.usersWithInteractions, excluding: fittedTrain.itemsOfUser))
            }
        }
        let count = Double(max(1, latencies.count))
        return ComparisonEntry(
            model: kind.rawValue, settings: ModelRegistry.describe(kind, settings: settings), dataset: name,
            evaluationProtocol: protocolName, splitFingerprint: fingerprint, status: .ok, metrics: metrics,
            evaluatedCount: cases, fitSeconds: fitSeconds,
            latencyMeanMilliseconds: latencies.map(\.mean).reduce(0, +) / count,
            latencyP95Milliseconds: latencies.map(\.p95).reduce(0, +) / count)
    }

    /// A fingerprint of the folds' rows (the split key of forward-chaining entries).
    public static func foldsFingerprint(_ folds: [ForwardChainingFold]) -> String {
        var hash = FNV1a64()
        for fold in folds {
            hash.combine(Int64(fold.year))
            for row in fold.train + fold.test {
                for byte in row.user.utf8 { hash.combine(byte) }
                hash.combine(UInt8(0))
                for byte in row.item.utf8 { hash.combine(byte) }
                hash.combine(row.timestampMilliseconds)
            }
        }
        return hash.hexDigest
    }
}
