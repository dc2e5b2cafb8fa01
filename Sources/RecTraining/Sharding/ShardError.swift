/// A bad input of a batch worker (`score-shard`, `evaluate-shard`): the message names the
/// input line and what was wrong, so that the task that sent it can be found.
public enum ShardError: Error, CustomStringConvertible, Equatable {
    /// Line `line` (1-based) of the user list names a user the model does not have.
    case unknownUser(id: String, line: Int, source: String, userCount: Int)
    /// Line `line` of the user list is not valid UTF-8.
    case invalidText(line: Int, source: String)

    public var description: String {
        switch self {
        case let .unknownUser(id, line, source, userCount):
            "\(source):\(line): unknown user '\(id)': the model has no user with this id (\(userCount) users); "
                + "user ids are the dataset's own ids, one per line"
        case let .invalidText(line, source):
            "\(source):\(line): the line is not valid UTF-8 text; user ids are the dataset's own ids, one per line"
        }
    }
}
