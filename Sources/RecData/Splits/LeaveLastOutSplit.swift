import RecKernels

/// Leave-last-out by time: each user's latest interaction goes to test and, with `validation`,
/// the one before it to validation; the rest train.
///
/// Every user keeps at least one training interaction: a user with one interaction has only
/// training, with two (and validation) training and test. Equal timestamps are ordered by
/// record (file) order, later records counting as later. Deterministic; the generator is unused.
public struct LeaveLastOutSplit: InteractionSplitter {
    /// Whether the second-to-last interaction goes to validation.
    public let validation: Bool

    /// A leave-last-out split.
    public init(validation: Bool = true) {
        self.validation = validation
    }

    /// Splits `log`, which must have timestamps (else `DataError.invalidParameter`).
    public func split(_ log: InteractionLog, using generator: inout SeededGenerator) throws -> DataSplit {
        guard let timestamps = log.timestamps else {
            throw DataError.invalidParameter(
                name: "split", reason: "leave-last-out needs timestamps and \(log.name) has none; "
                    + "use a random holdout instead")
        }
        let (offsets, order) = log.recordsByUser()
        var parts = [DataSplit.Part](repeating: .train, count: log.count)
        for u in 0..<log.userCount {
            let n = offsets[u + 1] - offsets[u]
            guard n > 1 else { continue }
            // The last two records by (timestamp, record index), without sorting the user's records.
            var last = -1, secondLast = -1
            for k in offsets[u]..<offsets[u + 1] {
                let r = order[k]  // increasing record index within a user
                if last < 0 || timestamps[r] >= timestamps[last] {
                    secondLast = last
                    last = r
                } else if secondLast < 0 || timestamps[r] >= timestamps[secondLast] {
                    secondLast = r
                }
            }
            parts[last] = .test
            if validation && n > 2 { parts[secondLast] = .validation }
        }
        return DataSplit(log: log, parts: parts, hasValidation: validation,
                         method: "leave-last-out by time" + (validation ? " (validation: second to last)" : ""))
    }
}
