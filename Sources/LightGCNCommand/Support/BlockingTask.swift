import Foundation

/// Runs async work from a synchronous command (the commands are `ParsableCommand`s) and waits
/// for its result. Must not be called from inside the concurrency pool's threads: the commands
/// call it from the main thread.
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = BlockingResult<T>()
    Task {
        do { box.finish(.success(try await body())) } catch { box.finish(.failure(error)) }
    }
    return try box.wait().get()
}

/// The result of a task, handed to the waiting thread.
///
/// `@unchecked Sendable`: `result` is written once by the task and read by the waiter only after
/// the semaphore is signalled, both under `lock`. (`Synchronization.Mutex` would make this
/// checked, but needs macOS 15 and the package supports macOS 14.)
private final class BlockingResult<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<T, any Error>?

    func finish(_ result: Result<T, any Error>) {
        lock.withLock { self.result = result }
        done.signal()
    }

    func wait() -> Result<T, any Error> {
        done.wait()
        return lock.withLock { result! }
    }
}
