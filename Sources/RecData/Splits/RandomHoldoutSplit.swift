import RecKernels

/// Random per-user holdout: each user's interactions are shuffled and divided by the fractions
/// `train / validation / test` (summing to 1).
///
/// For a user with `n` interactions, `round(n·test)` go to test and `round(n·validation)` to
/// validation, reduced (validation first) until at least one stays in training; the rest train.
/// So every user with an interaction keeps at least one training interaction, and users with
/// few interactions may have no held-out ones (with 0.1, a user needs 5 to get one).
///
/// Deterministic: users are taken in index order and shuffled with the generator.
public struct RandomHoldoutSplit: InteractionSplitter {
    /// Fraction of each user's interactions for training.
    public let train: Double
    /// Fraction for validation (0 for no validation split).
    public let validation: Double
    /// Fraction for test.
    public let test: Double

    /// A split with these fractions (each in [0, 1], summing to 1, `train > 0`).
    public init(train: Double = 0.8, validation: Double = 0.1, test: Double = 0.1) {
        self.train = train
        self.validation = validation
        self.test = test
    }

    /// Splits `log` as described above. Throws `DataError.invalidParameter` for bad fractions.
    public func split(_ log: InteractionLog, using generator: inout SeededGenerator) throws -> DataSplit {
        let fractions = [train, validation, test]
        guard fractions.allSatisfy({ $0 >= 0 && $0 <= 1 }), train > 0, abs(fractions.reduce(0, +) - 1) < 1e-9 else {
            throw DataError.invalidParameter(
                name: "split fractions", reason: "\(train)/\(validation)/\(test) must be in [0, 1], sum to 1 "
                    + "and give training a positive share")
        }
        let (offsets, order) = log.recordsByUser()
        var parts = [DataSplit.Part](repeating: .train, count: log.count)
        for u in 0..<log.userCount {
            let n = offsets[u + 1] - offsets[u]
            guard n > 1 else { continue }
            var records = Array(order[offsets[u]..<offsets[u + 1]])
            generator.shuffle(&records)
            var testCount = Int((Double(n) * test).rounded())
            var validationCount = Int((Double(n) * validation).rounded())
            while testCount + validationCount > n - 1 {
                if validationCount > 0 { validationCount -= 1 } else { testCount -= 1 }
            }
            for k in 0..<testCount { parts[records[k]] = .test }
            for k in testCount..<(testCount + validationCount) { parts[records[k]] = .validation }
        }
        return DataSplit(log: log, parts: parts, hasValidation: validation > 0,
                         method: "random per-user holdout \(train)/\(validation)/\(test)")
    }
}
