import Foundation
import RecData
import RecModels

/// A hyper-parameter search of one model kind on a validation split: each planned trial is
/// trained once (``ModelRegistry/fit(_:train:validation:settings:)``, epoch selected on
/// validation), scored by its validation metric at the selected epoch, and saved in a
/// ``TuneStore``, so that a search can be resumed and run by several processes at once.
/// The test set is never evaluated.
///
/// What `lightgcn tune` runs; the command parses the search space, prints and writes the best
/// configuration.
public struct TuneSearch {
    /// One planned trial: the searched values by option name and the whole configuration.
    public struct Plan: Sendable {
        /// The searched options' values, by option name.
        public var parameters: [String: String]
        /// The configuration the trial trains with.
        public var configuration: TrainingConfiguration

        /// A planned trial.
        public init(parameters: [String: String], configuration: TrainingConfiguration) {
            self.parameters = parameters
            self.configuration = configuration
        }
    }

    /// What the search reports while it runs.
    public enum Event: Sendable {
        /// Trial `index` was found saved with the same values and configuration.
        case reused(index: Int, path: String)
        /// The time budget would be exceeded: `remaining` trials were not started.
        case budgetReached(remaining: Int)
        /// Another process holds trial `index` (its lock file).
        case claimedElsewhere(index: Int, lock: String)
        /// Trial `index` of `count` starts.
        case started(index: Int, count: Int, parameters: [String: String])
        /// A trial ended (its `value` is nil when it failed, and `error` says why).
        case finished(TuneTrial)
    }

    /// The model kind searched (trained by BPR: LightGCN, MF or LR-GCCF).
    public var kind: ModelKind
    /// The trials, in order.
    public var plans: [Plan]
    /// No trial starts when the elapsed time plus the mean trial time so far would exceed
    /// this many seconds (nil: no budget).
    public var budgetSeconds: Double?

    /// A search of `kind` over `plans`.
    public init(kind: ModelKind, plans: [Plan], budgetSeconds: Double? = nil) {
        self.kind = kind
        self.plans = plans
        self.budgetSeconds = budgetSeconds
    }

    /// Runs the trials not already saved in `store` on `dataset` (which must have a non-empty
    /// validation split), in order, and returns every finished trial (saved ones included).
    ///
    /// - Throws: ``TuneStoreError`` when a trial cannot be saved or claimed.
    public func run(on dataset: RecommendationDataset, store: TuneStore,
                    onEvent: (Event) -> Void = { _ in }) throws -> [TuneTrial] {
        guard let validationSplit = dataset.validation, validationSplit.interactionCount > 0 else {
            preconditionFailure("TuneSearch: \(dataset.name) has no validation split")
        }
        try store.prepare()
        let start = Date()
        var finished: [TuneTrial] = []
        var fitSeconds: [Double] = []
        var evaluators: [[Int]: RankingEvaluator] = [:]  // one per set of cut-offs, not one per trial
        for (index, plan) in plans.enumerated() {
            let configuration = plan.configuration
            if let saved = store.result(index, parameters: plan.parameters, configuration: configuration) {
                onEvent(.reused(index: index, path: store.path(index)))
                finished.append(saved)
                continue
            }
            if let budgetSeconds {
                let typical = fitSeconds.isEmpty ? 0 : fitSeconds.reduce(0, +) / Double(fitSeconds.count)
                if Date().timeIntervalSince(start) + typical > budgetSeconds {
                    onEvent(.budgetReached(remaining: plans.count - index))
                    break
                }
            }
            guard try store.claim(index) else {
                onEvent(.claimedElsewhere(index: index, lock: store.lockPath(index)))
                continue
            }
            defer { store.release(index) }
            onEvent(.started(index: index, count: plans.count, parameters: plan.parameters))
            let validation = evaluators[configuration.ks]
                ?? RankingEvaluator(known: dataset.train, heldOut: validationSplit, ks: configuration.ks)
            evaluators[configuration.ks] = validation
            let trialStart = Date()
            var trial: TuneTrial
            do {
                let fitted = try ModelRegistry.fit(kind, train: dataset.train, validation: validation,
                                                   settings: ModelRegistry.Settings(training: configuration))
                let selected = fitted.selectedEpoch ?? fitted.history.count
                let metrics = fitted.history.first(where: { $0.epoch == selected })?.metrics
                    .reduce(into: [String: Double]()) { result, entry in
                        if entry.key.hasPrefix("validation/") { result[String(entry.key.dropFirst(11))] = entry.value }
                    } ?? [:]
                trial = TuneTrial(index: index, parameters: plan.parameters, configuration: configuration,
                                  metric: configuration.selectionMetric, value: metrics[configuration.selectionMetric],
                                  validationMetrics: metrics, selectedEpoch: selected, seconds: Date().timeIntervalSince(trialStart),
                                  error: nil)
            } catch {
                trial = TuneTrial(index: index, parameters: plan.parameters, configuration: configuration,
                                  metric: configuration.selectionMetric, value: nil, validationMetrics: [:], selectedEpoch: nil,
                                  seconds: Date().timeIntervalSince(trialStart), error: "\(error)")
            }
            try store.save(trial)
            fitSeconds.append(trial.seconds)
            finished.append(trial)
            onEvent(.finished(trial))
        }
        return finished
    }

    /// The finished trials with a value, best first (ties: the earlier trial first).
    public static func ranked(_ trials: [TuneTrial]) -> [TuneTrial] {
        trials.filter { $0.value != nil }.sorted { ($0.value!, -$0.index) > ($1.value!, -$1.index) }
    }
}
