import Foundation

/// Serialises XML parsing in the test process.
///
/// Foundation's `XMLParser` runs on libxml2 on Linux, whose global state is not safe for parsers
/// on several threads at once, and Swift Testing runs tests in parallel: two reports parsed at
/// the same moment crashed the whole test process (SIGSEGV, a jump into freed memory). Every test
/// helper that parses XML (`XMLCheck`, `PageCheck`) does it inside ``serialized(_:)``.
public enum XMLParsing {
    private static let lock = NSLock()

    /// Runs `body` while no other XML parse of this process runs.
    public static func serialized<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
