/// Reads the small LastFM set shipped with LightGCN-PyTorch (`data/lastfm`): `data1.txt` (train)
/// and `test1.txt` (test), each line `user<TAB>item<TAB>playcount` with **1-based** ids and CRLF
/// line ends.
///
/// As LightGCN-PyTorch does, 1 is subtracted from every id, and the id space is the largest id
/// of either file (1,892 users × 4,489 items for the shipped files). The play counts are checked
/// but not used. The catalog maps dense index `k` back to the file's id `k + 1`.
///
/// Errors name the file and the 1-based line: a wrong field count or separator, an id that is
/// not a positive integer (0 included: the ids are 1-based), a negative play count.
public struct LastFMLightGCNReader: Sendable {
    /// The dataset's name.
    public static let datasetName = "lastfm"

    /// A reader.
    public init() {}

    /// Reads `directory/data1.txt` and `directory/test1.txt`.
    public func load(directory: String, name: String = LastFMLightGCNReader.datasetName) throws -> RecommendationDataset {
        let train = try readPairs(path: FileBytes.join(directory, "data1.txt"))
        let test = try readPairs(path: FileBytes.join(directory, "test1.txt"))
        let userCount = Int(max(train.users.max() ?? -1, test.users.max() ?? -1)) + 1
        let itemCount = Int(max(train.items.max() ?? -1, test.items.max() ?? -1)) + 1
        func matrix(_ pairs: (users: [Int32], items: [Int32])) -> InteractionMatrix {
            let built = RowBuilder.rows(rowCount: userCount, rowIDs: pairs.users, columnIDs: pairs.items)
            return InteractionMatrix(userCount: userCount, itemCount: itemCount, itemsOfUser: built.rows,
                                     duplicateCount: built.duplicateCount)
        }
        let catalog = DatasetCatalog(users: Vocabulary((0..<userCount).map { String($0 + 1) }),
                                     items: Vocabulary((0..<itemCount).map { String($0 + 1) }))
        return RecommendationDataset(name: name, train: matrix(train), test: matrix(test), catalog: catalog)
    }

    /// The 0-based (user, item) pairs of one file, in file order (repeats included).
    public func readPairs(path: String) throws -> (users: [Int32], items: [Int32]) {
        let bytes = try FileBytes.read(path)
        let buffer = bytes.span
        try TextEncoding.utf8.validate(buffer, path: path)
        var fields = RecordFields(path: path, separator: "\t")
        var users: [Int32] = [], items: [Int32] = []
        try TextScan.forEachLine(buffer) { line, start, end in
            try fields.split(buffer, start, end, line: line, count: 3)
            let user = try fields.integer(buffer, 0, "user id (1-based)", in: 1...Int64(Int32.max))
            let item = try fields.integer(buffer, 1, "item id (1-based)", in: 1...Int64(Int32.max))
            _ = try fields.number(buffer, 2, "play count", in: 0...Double.greatestFiniteMagnitude)
            users.append(Int32(user - 1))
            items.append(Int32(item - 1))
        }
        return (users, items)
    }
}
