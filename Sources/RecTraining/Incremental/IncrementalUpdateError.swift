/// Why an ``IncrementalUpdate`` cannot be applied; each description says what to do.
public enum IncrementalUpdateError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The model does not fit the training interactions or the configuration.
    case shapeMismatch(String)
    /// A pair of the delta names a user or item outside the enlarged model.
    case pairOutOfRange(user: Int, item: Int, userCount: Int, itemCount: Int)
    /// A setting is outside its range.
    case invalidSetting(String)

    /// One sentence: what is wrong and what to do.
    public var description: String {
        switch self {
        case .shapeMismatch(let message):
            return message
        case .pairOutOfRange(let user, let item, let userCount, let itemCount):
            return "the new interaction (user \(user), item \(item)) is outside the \(userCount) users and "
                + "\(itemCount) items of the enlarged model; count new users and items in the delta"
        case .invalidSetting(let message):
            return message
        }
    }
}
