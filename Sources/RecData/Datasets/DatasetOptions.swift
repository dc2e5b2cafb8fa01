/// Choices made when a dataset is loaded by `DatasetLocator`: the split for datasets without a
/// published one, the rating threshold for explicit ratings, k-core filtering, CSV columns.
public struct DatasetOptions: Sendable, Equatable {
    /// Which ratings count as positive interactions.
    public enum RatingThreshold: Sendable, Equatable {
        /// 4 for MovieLens (ratings 4 and 5 are positives), none for other datasets.
        case datasetDefault
        /// Every record is a positive.
        case none
        /// Records with `rating ≥ value` are positives; the others are known negatives.
        case atLeast(Float)
    }

    /// Seed of the split's random generator.
    public var seed: UInt64
    /// The split of datasets without a published split (random per-user holdout 80/10/10 by default).
    public var split: SplitMethod
    /// Which ratings count as positives.
    public var minRating: RatingThreshold
    /// If set, k-core filtering with this k after thresholding and before splitting.
    public var kCore: Int?
    /// Columns, separator and encoding of a CSV/TSV file.
    public var delimited: DelimitedFileOptions

    /// Options; see each property for the defaults.
    public init(
        seed: UInt64 = 42, split: SplitMethod = .defaultHoldout, minRating: RatingThreshold = .datasetDefault,
        kCore: Int? = nil, delimited: DelimitedFileOptions = DelimitedFileOptions()
    ) {
        self.seed = seed
        self.split = split
        self.minRating = minRating
        self.kCore = kCore
        self.delimited = delimited
    }

    /// The threshold in effect for `format`.
    public func minRating(for format: DatasetFormat) -> Float? {
        switch minRating {
        case .none: return nil
        case .atLeast(let value): return value
        case .datasetDefault: return format == .movieLens100K || format == .movieLens1M ? 4 : nil
        }
    }
}
