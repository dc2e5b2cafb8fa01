import Foundation

/// The event types a store accepts. Events of any other type are rejected by `EventParser`.
public struct EventTypes: Sendable, Equatable {
    /// The accepted type names (case-sensitive, as sent).
    public var names: Set<String>

    /// The default set: `view`, `click`, `cart`, `purchase`, `rating`, `like`, `dislike`, `return`.
    public static let standard = EventTypes(["view", "click", "cart", "purchase", "rating", "like", "dislike", "return"])

    /// A set of type names.
    public init<S: Sequence>(_ names: S) where S.Element == String {
        self.names = Set(names)
    }

    /// A set from a comma-separated list (`view,purchase`); throws `EventWeightingError`
    /// naming the empty entry when there is one.
    public init(parsing list: String) throws {
        let parts = list.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if let empty = parts.firstIndex(where: \.isEmpty) {
            throw EventWeightingError("event types: entry \(empty + 1) of '\(list)' is empty")
        }
        self.init(parts)
    }

    /// Whether `type` is accepted.
    public func contains(_ type: String) -> Bool { names.contains(type) }

    /// The names sorted, comma-separated, for messages.
    public var listed: String { names.sorted().joined(separator: ", ") }
}
