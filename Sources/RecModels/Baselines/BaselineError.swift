/// Why fitting a baseline recommender failed. Every case says what to do about it.
public enum BaselineError: Error, Equatable, CustomStringConvertible {
    /// The model would need about `requiredBytes` of memory but only `availableBytes` are
    /// available (`source` says where that figure comes from). Nothing was allocated.
    case insufficientMemory(model: String, requiredBytes: Int, availableBytes: Int, source: String, detail: String)
    /// A linear system that must be positive definite was not (numerically).
    case numericalFailure(model: String, detail: String)
    /// An option is out of range.
    case invalidOption(model: String, detail: String)

    public var description: String {
        switch self {
        case let .insufficientMemory(model, required, available, source, detail):
            return "\(model): not enough memory: needs about \(Self.gigabytes(required)) (\(detail)), "
                + "but only \(Self.gigabytes(available)) is available (\(source)). "
                + "Free memory, use a machine with more RAM, or prune rarely used items first."
        case let .numericalFailure(model, detail):
            return "\(model): numerical failure: \(detail). Increase the regularisation."
        case let .invalidOption(model, detail):
            return "\(model): invalid option: \(detail)"
        }
    }

    /// `bytes` as gigabytes with two decimals, e.g. "6.72 GB".
    static func gigabytes(_ bytes: Int) -> String {
        let tenths = (Double(bytes) / 1e9 * 100).rounded() / 100
        return "\(tenths) GB"
    }
}
