import Foundation
import RecTraining

/// Holds the model being served and swaps in a new one atomically.
///
/// A request reads ``current`` once and uses that model to the end, so a reload never changes
/// the model under a request in flight: requests that started before the swap finish on the old
/// model, which is freed when the last of them ends.
public final class ModelStore: @unchecked Sendable {
    /// The model file reloads read.
    public let path: String
    private let lock = NSLock()
    private let reloadLock = NSLock()
    private var model: ServingModel
    private var reloadCount = 0

    /// A store serving `model`; reloads read `path`.
    public init(model: ServingModel, path: String) {
        self.model = model
        self.path = path
    }

    /// A store serving the model file at `path`.
    public convenience init(path: String) throws(ModelFileError) {
        self.init(model: try ServingModel.load(path: path), path: path)
    }

    /// The model to answer a request with (read once per request).
    public var current: ServingModel { lock.withLock { model } }

    /// How many times a new model has been swapped in.
    public var reloads: Int { lock.withLock { reloadCount } }

    /// Swaps in `newModel`.
    public func replace(with newModel: ServingModel) {
        lock.withLock {
            model = newModel
            reloadCount += 1
        }
    }

    /// Reads ``path`` again and swaps the new model in; on any error the old model stays.
    /// Concurrent reloads run one after the other.
    @discardableResult
    public func reload() throws(ModelFileError) -> ServingModel {
        reloadLock.lock()
        defer { reloadLock.unlock() }
        let fresh = try ServingModel.load(path: path)
        replace(with: fresh)
        return fresh
    }
}
