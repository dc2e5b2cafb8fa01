import Foundation
import RecTraining

/// Holds the model being served and swaps in a new one atomically.
///
/// A request reads ``current`` once and uses that model to the end, so a reload never changes
/// the model under a request in flight: requests that started before the swap finish on the old
/// model, which is freed when the last of them ends.
public final class ModelStore: @unchecked Sendable {
    private let lock = NSLock()
    private let reloadLock = NSLock()
    private var model: ServingModel
    private var modelPath: String
    private var reloadCount = 0

    /// A store serving `model`; reloads read `path`.
    public init(model: ServingModel, path: String) {
        self.model = model
        modelPath = path
    }

    /// A store serving the model file at `path`.
    public convenience init(path: String) throws(ModelFileError) {
        self.init(model: try ServingModel.load(path: path), path: path)
    }

    /// The model to answer a request with (read once per request).
    public var current: ServingModel { lock.withLock { model } }

    /// The model file that a reload without a path reads: the one given at start, or the last
    /// one loaded by ``reload(from:)``.
    public var path: String { lock.withLock { modelPath } }

    /// How many times a new model has been swapped in.
    public var reloads: Int { lock.withLock { reloadCount } }

    /// Swaps in `newModel`; reloads without a path then read `path` (when given).
    public func replace(with newModel: ServingModel, path: String? = nil) {
        lock.withLock {
            model = newModel
            if let path { modelPath = path }
            reloadCount += 1
        }
    }

    /// Reads the model file at `newPath` (default: ``path`` again) and swaps it in; on any
    /// error the old model and path stay. Concurrent reloads run one after the other; requests
    /// are never blocked by a reload (the file is read before the swap, which takes one lock).
    @discardableResult
    public func reload(from newPath: String? = nil) throws(ModelFileError) -> ServingModel {
        reloadLock.lock()
        defer { reloadLock.unlock() }
        let target = newPath ?? path
        let fresh = try ServingModel.load(path: target)
        replace(with: fresh, path: target)
        return fresh
    }
}
