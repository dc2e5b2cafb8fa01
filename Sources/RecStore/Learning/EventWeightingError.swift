/// A weighting specification that cannot be used (a bad `type=weight` pair, a bad half-life).
public struct EventWeightingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong and what is expected.
    public let description: String

    /// An error with its message.
    public init(_ description: String) { self.description = description }
}
