import RecKernels

/// A way to divide an interaction log into train, validation and test (see `DataSplit`).
///
/// Splitters that draw at random use only `generator`, so a split is reproducible from the
/// generator's seed; deterministic splitters leave it untouched.
public protocol InteractionSplitter: Sendable {
    /// Splits `log`. Throws `DataError.invalidParameter` when the log cannot be split this way
    /// (for example a time-based split of a log without timestamps).
    func split(_ log: InteractionLog, using generator: inout SeededGenerator) throws -> DataSplit
}

/// A split method as a value, for options and command lines.
public enum SplitMethod: Sendable, Equatable {
    /// `RandomHoldoutSplit` with these fractions.
    case randomHoldout(train: Double, validation: Double, test: Double)
    /// `LeaveLastOutSplit`, with a validation interaction per user or not.
    case leaveLastOut(validation: Bool)
    /// `TemporalSplit` with these cut points.
    case temporal(test: TemporalCut, validation: TemporalCut?)

    /// Random per-user holdout 80/10/10, the default for datasets without a published split.
    public static let defaultHoldout = SplitMethod.randomHoldout(train: 0.8, validation: 0.1, test: 0.1)

    /// The splitter for this method.
    public var splitter: any InteractionSplitter {
        switch self {
        case .randomHoldout(let train, let validation, let test):
            return RandomHoldoutSplit(train: train, validation: validation, test: test)
        case .leaveLastOut(let validation):
            return LeaveLastOutSplit(validation: validation)
        case .temporal(let test, let validation):
            return TemporalSplit(testStart: test, validationStart: validation)
        }
    }
}
