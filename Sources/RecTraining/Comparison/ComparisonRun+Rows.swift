import Foundation
import RecData
import RecModels

/// One row of a comparison: a model kind, its settings and the row's label (`lightgcn`, or
/// `lightgcn-softmax` when several objectives are compared).
public struct ComparisonRow: Sendable {
    /// The label in the table and the key of saved results.
    public var label: String
    /// The model kind fitted.
    public var kind: ModelKind
    /// What the registry fits it with.
    public var settings: ModelRegistry.Settings

    /// A row labelled `label` (default: the kind's name).
    public init(kind: ModelKind, settings: ModelRegistry.Settings, label: String? = nil) {
        self.kind = kind
        self.settings = settings
        self.label = label ?? kind.rawValue
    }

    /// The settings as one line (part of the key under which results are reused).
    public var settingsDescription: String { ModelRegistry.describe(kind, settings: settings) }
}

/// What a comparison measures its rows on.
public enum ComparisonTarget: Sendable {
    /// One split of a dataset (holdout or the paper's protocol), at cut-offs `ks`.
    case split(RecommendationDataset, ks: [Int])
    /// Yearly folds, named `name`.
    case folds([ForwardChainingFold], name: String)

    /// The dataset's name.
    public var name: String {
        switch self {
        case .split(let dataset, _): dataset.name
        case .folds(_, let name): name
        }
    }

    /// The split's fingerprint (the key under which results are reused).
    public var fingerprint: String {
        switch self {
        case .split(let dataset, _): dataset.splitFingerprint
        case .folds(let folds, _): ComparisonRun.foldsFingerprint(folds)
        }
    }
}

extension ComparisonRun {
    /// What a comparison reports while it runs.
    public enum Event: Sendable {
        /// `label`'s result saved on `date` was reused.
        case reused(label: String, date: String)
        /// `label` is being fitted with `settings`.
        case fitting(label: String, settings: String)
        /// A row ended (its `status` says whether it failed, and `error` why).
        case finished(ComparisonEntry)
    }

    /// Fits and measures every row on `target`, in order. A row whose fit or evaluation throws
    /// becomes a `failed` entry (the comparison goes on). With a `store`, every new entry is
    /// saved there, and unless `refit` an entry saved for the same label, settings, protocol and
    /// split is reused instead of fitting again.
    ///
    /// - Throws: ``ComparisonStoreError`` when an entry cannot be saved.
    public func run(_ rows: [ComparisonRow], on target: ComparisonTarget, store: ComparisonStore? = nil, refit: Bool = false,
                    onEvent: (Event) -> Void = { _ in }) throws -> [ComparisonEntry] {
        let fingerprint = target.fingerprint
        var entries: [ComparisonEntry] = []
        for row in rows {
            let settings = row.settingsDescription
            if !refit, let saved = store?.reusable(model: row.label, settings: settings, evaluationProtocol: protocolName,
                                                   splitFingerprint: fingerprint) {
                onEvent(.reused(label: row.label, date: saved.date))
                entries.append(saved)
                continue
            }
            onEvent(.fitting(label: row.label, settings: settings))
            var entry: ComparisonEntry
            do {
                switch target {
                case .split(let dataset, let ks):
                    entry = try holdout(row.kind, settings: row.settings, dataset: dataset, ks: ks)
                case .folds(let folds, let name):
                    entry = try forwardChaining(row.kind, settings: row.settings, folds: folds, name: name, fingerprint: fingerprint)
                }
            } catch {
                entry = ComparisonEntry(model: row.kind.rawValue, settings: settings, dataset: target.name,
                                        evaluationProtocol: protocolName, splitFingerprint: fingerprint,
                                        status: .failed, error: "\(error)")
            }
            entry.model = row.label
            try store?.save(entry)
            onEvent(.finished(entry))
            entries.append(entry)
        }
        return entries
    }
}
