import RecKernels

/// A point in time at which a temporal split cuts.
public enum TemporalCut: Sendable, Equatable {
    /// The timestamp below which a fraction `q` (in (0, 1]) of all records lie: the record at
    /// position `⌊q·n⌋` (clamped to `n − 1`) of the records sorted by time.
    case quantile(Double)
    /// A Unix time in seconds.
    case timestamp(Int64)
}

/// Global temporal split: records before `validationStart` train, those from `validationStart`
/// up to `testStart` validate, those at or after `testStart` test (no validation split when
/// `validationStart` is nil). All records with the same timestamp fall in the same part.
///
/// Unlike per-user splits, users and items first seen after a cut have no training interaction
/// (see `DataSplit.coldStartTestUsers`): this is what deployment looks like. Deterministic; the
/// generator is unused.
public struct TemporalSplit: InteractionSplitter {
    /// Where the test period starts.
    public let testStart: TemporalCut
    /// Where the validation period starts (before `testStart`), if there is one.
    public let validationStart: TemporalCut?

    /// A temporal split, for example `TemporalSplit(testStart: .quantile(0.9), validationStart: .quantile(0.8))`.
    public init(testStart: TemporalCut, validationStart: TemporalCut? = nil) {
        self.testStart = testStart
        self.validationStart = validationStart
    }

    /// Splits `log`, which must have timestamps. Throws `DataError.invalidParameter` without
    /// timestamps, for a quantile outside (0, 1], or when validation would start after test.
    public func split(_ log: InteractionLog, using generator: inout SeededGenerator) throws -> DataSplit {
        guard let timestamps = log.timestamps else {
            throw DataError.invalidParameter(
                name: "split", reason: "a temporal split needs timestamps and \(log.name) has none")
        }
        let sorted = timestamps.sorted()
        let testTime = try time(of: testStart, sorted: sorted)
        let validationTime = try validationStart.map { try time(of: $0, sorted: sorted) } ?? testTime
        guard validationTime <= testTime else {
            throw DataError.invalidParameter(
                name: "split", reason: "validation would start (\(validationTime)) after test (\(testTime))")
        }
        let parts = timestamps.map { t -> DataSplit.Part in
            t >= testTime ? .test : (t >= validationTime ? .validation : .train)
        }
        return DataSplit(log: log, parts: parts, hasValidation: validationStart != nil,
                         method: "global temporal split, validation from \(validationTime), test from \(testTime)")
    }

    /// The Unix time of `cut` over the sorted timestamps.
    func time(of cut: TemporalCut, sorted: [Int64]) throws -> Int64 {
        switch cut {
        case .timestamp(let t):
            return t
        case .quantile(let q):
            guard q > 0 && q <= 1 else {
                throw DataError.invalidParameter(name: "quantile", reason: "\(q) is not in (0, 1]")
            }
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))]
        }
    }
}
