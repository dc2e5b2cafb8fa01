/// The on-disk layouts `DatasetLocator` can read.
public enum DatasetFormat: String, Sendable, Equatable, CaseIterable {
    /// LightGCN paper split: `train.txt`, `test.txt` (`user item item …`), optionally
    /// `user_list.txt` and `item_list.txt` (Gowalla, Yelp2018, Amazon-Book).
    case paper
    /// LightGCN-PyTorch's small LastFM: `data1.txt`, `test1.txt`, 1-based ids.
    case lastFMLightGCN
    /// MovieLens 100K: `u.data`, `u.user`, `u.item`, `u.genre`.
    case movieLens100K
    /// MovieLens 1M: `ratings.dat`, `users.dat`, `movies.dat`.
    case movieLens1M
    /// HetRec 2011 Last.fm 2K: `user_artists.dat`, `artists.dat`, `tags.dat`, `user_taggedartists.dat`.
    case hetRecLastFM
    /// One CSV/TSV file with a header (see `DelimitedInteractionReader`).
    case delimited

    /// Whether the files come with a train/test split (so no split is made).
    public var hasPublishedSplit: Bool { self == .paper || self == .lastFMLightGCN }
}

/// Where a dataset was found and how it is laid out.
public struct DatasetLocation: Sendable, Equatable {
    /// The dataset's name for reports: the known name (`ml-100k`), else the directory's or
    /// file's name.
    public let name: String
    /// The directory (or, for `.delimited`, the file).
    public let path: String
    /// The layout.
    public let format: DatasetFormat

    /// A location.
    public init(name: String, path: String, format: DatasetFormat) {
        self.name = name
        self.path = path
        self.format = format
    }
}
