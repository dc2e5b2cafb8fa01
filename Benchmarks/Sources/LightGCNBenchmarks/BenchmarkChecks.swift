import Foundation

/// The checks a benchmark makes on what it read or computed (the sizes of a data set, a
/// latency bound): a failed one is printed and makes the run exit with status 1.
enum BenchmarkChecks {
    nonisolated(unsafe) static var failures = 0
}

/// Records a failed check with its message and location.
func check(_ condition: Bool, _ message: @autoclosure () -> String = "", file: StaticString = #fileID, line: UInt = #line) {
    guard !condition else { return }
    BenchmarkChecks.failures += 1
    FileHandle.standardError.write(Data("check failed at \(file):\(line) \(message())\n".utf8))
}

/// A value that must be there.
struct MissingValue: Error, CustomStringConvertible {
    var description: String
}

/// `value`, or an error naming where it was missing.
func required<T>(_ value: T?, file: StaticString = #fileID, line: UInt = #line) throws -> T {
    guard let value else { throw MissingValue(description: "a required value is missing at \(file):\(line)") }
    return value
}
