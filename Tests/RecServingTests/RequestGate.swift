/// Holds a request in flight until the test lets it go: the request calls `arrive()` then
/// `waitForRelease()`; the test calls `waitForArrival()`, does its work, then `release()`.
actor RequestGate {
    private var hasArrived = false
    private var isReleased = false
    private var arrivalWaiters: [CheckedContinuation<Void, Never>] = []
    private var releaseWaiters: [CheckedContinuation<Void, Never>] = []

    /// Marks the request as arrived (wakes `waitForArrival`).
    func arrive() {
        hasArrived = true
        arrivalWaiters.forEach { $0.resume() }
        arrivalWaiters = []
    }

    /// Returns once a request has arrived.
    func waitForArrival() async {
        if hasArrived { return }
        await withCheckedContinuation { arrivalWaiters.append($0) }
    }

    /// Lets the held request go on.
    func release() {
        isReleased = true
        releaseWaiters.forEach { $0.resume() }
        releaseWaiters = []
    }

    /// Returns once the test has called `release()`.
    func waitForRelease() async {
        if isReleased { return }
        await withCheckedContinuation { releaseWaiters.append($0) }
    }
}
