import Foundation
import RecData
import RecModels
import RecStore
import RecTraining

/// Trains a candidate from a snapshot of the event store and compares it with the served model
/// on the most recent events held out (``HoldoutComparison``).
///
/// The candidate is the served model's kind with the served model's training configuration
/// (LightGCN family; as many epochs as validation selected for the served model, since the
/// candidate has no validation split) or the registry's default settings (other kinds), fitted
/// on every positive pair of the snapshot except the hold-out. It trains on the store's events only, so a store
/// should hold the whole history (`lightgcn events import` it first). A model trained with side
/// features is not retrained (the events carry no features).
public struct ModelRetrainer: Sendable {
    /// How events become positives (the same weighting as the served profiles).
    public var weighting: EventWeighting
    /// The cutoff of the comparison's Recall and NDCG.
    public var k: Int

    /// A retrainer.
    public init(weighting: EventWeighting, k: Int = 20) {
        self.weighting = weighting
        self.k = k
    }

    /// The candidate and the comparison, or an outcome without a candidate (skipped).
    public struct Result: Sendable {
        /// The decision and metrics (`swapped` means "not worse": the caller swaps).
        public var outcome: RetrainOutcome
        /// The fitted candidate (nil when skipped).
        public var candidate: SavedModel?
        /// The held-out pairs as external ids: the candidate did not train on them.
        public var heldOut: [(user: String, item: String)]
    }

    /// Fits a candidate on `snapshot` and compares it with `served` (synchronous, CPU-bound:
    /// call it off the server's threads).
    public func run(snapshot: EventSnapshot, served: ServingModel, foldIn: any FoldInStrategy) throws -> Result {
        let start = Date()
        let input = TrainingInput(snapshot: snapshot, weighting: weighting, name: "events")
        var outcome = RetrainOutcome(decision: .skipped, reason: "", k: k)
        outcome.events = input.eventCount
        outcome.cursor = input.cursor
        func skipped(_ reason: String) -> Result {
            outcome.reason = reason
            outcome.seconds = Date().timeIntervalSince(start)
            return Result(outcome: outcome, candidate: nil, heldOut: [])
        }
        if served.usesFeatures {
            return skipped("the served model uses side features, which events do not carry; retrain it with 'lightgcn train --resume'")
        }
        let log = input.log
        let comparison = HoldoutComparison(log: log) { user, item in
            guard let u = served.userIndex(of: user), let i = served.itemIndex(of: item) else { return false }
            return served.seenItems.contains(row: u, Int32(i))
        }
        guard !comparison.heldOut.isEmpty else {
            return skipped("no user has a recent positive pair the served model did not train on (with another pair to learn from): "
                           + "nothing to compare on")
        }
        outcome.heldOutUsers = comparison.heldOut.count
        outcome.trainPairs = comparison.train.interactionCount
        var settings = ModelRegistry.Settings(training: served.trainingConfiguration ?? TrainingConfiguration())
        settings.training.refit = false
        // No validation split here: train as many epochs as validation chose for the served model.
        if let selected = served.trainedModel?.selectedEpoch, selected > 0 { settings.training.epochs = selected }
        let fitStart = Date()
        let fitted = try ModelRegistry.fit(served.kind, train: comparison.train, validation: nil, settings: settings)
        outcome.fitSeconds = Date().timeIntervalSince(fitStart)
        var candidate = fitted.saved(kind: served.kind, train: comparison.train, datasetName: "events")
        candidate.catalog = log.catalog
        candidate.trainedModel?.catalog = log.catalog
        let candidateServing = ServingModel(model: candidate, source: "candidate")

        let never = input.neverRecommend
        let heldOut = comparison.heldOut.map { (user: log.userVocabulary.id(at: $0.user), item: log.itemVocabulary.id(at: $0.item)) }
        var candidateRankings: [[Int]?] = []
        var servedRankings: [[Int]?] = []
        for chunk in stride(from: 0, to: heldOut.count, by: 64).map({ $0..<min($0 + 64, heldOut.count) }) {
            var candidateRequests: [ScoringRequest] = []
            var servedRequests: [ScoringRequest?] = []
            for n in chunk {
                let (user, _) = heldOut[n]
                let u = comparison.heldOut[n].user
                let negatives = (never[user] ?? []).compactMap { log.itemVocabulary.index(of: $0) }
                var policy = CandidatePolicy(seen: candidateServing.seenItems, excluded: negatives)
                candidateRequests.append(candidateServing.request(user: u, k: k, candidates: policy))
                var profile = LiveProfiles.Profile()
                profile.positives = comparison.train.itemsOfUser.row(u).map { log.itemVocabulary.id(at: Int($0)) }
                profile.negatives = Set(never[user] ?? [])
                policy = CandidatePolicy(seen: served.seenItems)
                let known = served.userIndex(of: user)
                let request = try? served.liveRequest(userID: user, profile: profile, k: k, rules: RecommendationRules(),
                                                      policy: policy, foldIn: foldIn)
                servedRequests.append(request ?? known.map { served.request(user: $0, k: k, candidates: policy) })
            }
            candidateRankings += ScoringRequest.runGrouped(candidateRequests).map { $0.map(\.item) }
            let answered = servedRequests.compactMap { $0 }
            var results = ScoringRequest.runGrouped(answered).makeIterator()
            for request in servedRequests {
                // Served item indices are translated to the snapshot's vocabulary (-1: an item the snapshot lacks).
                servedRankings.append(request == nil ? nil : results.next()!.map {
                    log.itemVocabulary.index(of: served.itemID(at: $0.item)) ?? -1
                })
            }
        }
        let candidateMetrics = comparison.metrics(candidateRankings, k: k)
        let servedMetrics = comparison.metrics(servedRankings, k: k)
        outcome.candidateRecall = candidateMetrics.recall
        outcome.candidateNDCG = candidateMetrics.ndcg
        outcome.servedRecall = servedMetrics.recall
        outcome.servedNDCG = servedMetrics.ndcg
        if candidateMetrics.recall >= servedMetrics.recall {
            outcome.decision = .swapped
            outcome.reason = "the candidate is not worse on the most recent events held out"
        } else {
            outcome.decision = .kept
            outcome.reason = "the candidate is worse on the most recent events held out"
        }
        outcome.seconds = Date().timeIntervalSince(start)
        return Result(outcome: outcome, candidate: candidate, heldOut: heldOut)
    }
}
