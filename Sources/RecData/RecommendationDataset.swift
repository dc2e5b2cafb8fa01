import Foundation

/// A named recommendation dataset: training interactions, test interactions and optionally a
/// validation split, all in one id space of `userCount` users and `itemCount` items.
public struct RecommendationDataset: Sendable, Equatable {
    /// A short name for reports (for example "gowalla").
    public let name: String
    /// Interactions to train on (and the only ones the propagation graph may contain).
    public let train: InteractionMatrix
    /// Held-out interactions to report final metrics on.
    public let test: InteractionMatrix
    /// Held-out interactions for model selection (early stopping), if the dataset has them.
    public let validation: InteractionMatrix?
    /// External ids, titles and attributes of the users and items, when the dataset has them
    /// (loaded from a log, or from `user_list.txt`/`item_list.txt`); nil for bare index data.
    public let catalog: DatasetCatalog?

    /// A dataset from its splits, which must share one shape (and the catalog's, if given).
    public init(
        name: String, train: InteractionMatrix, test: InteractionMatrix, validation: InteractionMatrix? = nil,
        catalog: DatasetCatalog? = nil
    ) {
        for split in [test] + (validation.map { [$0] } ?? []) {
            precondition(split.userCount == train.userCount && split.itemCount == train.itemCount,
                         "all splits of a dataset must have the same shape")
        }
        if let catalog {
            precondition(catalog.users.count == train.userCount && catalog.items.count == train.itemCount,
                         "the catalog must have one id per user and per item")
        }
        self.name = name
        self.train = train
        self.test = test
        self.validation = validation
        self.catalog = catalog
    }

    /// Number of users (rows of every split).
    public var userCount: Int { train.userCount }
    /// Number of items (columns of every split).
    public var itemCount: Int { train.itemCount }

    /// Reads `directory/train.txt` and `directory/test.txt` in the LightGCN paper format (see
    /// `PaperFormatReader`). As in the authors' loaders, `userCount` and `itemCount` are the
    /// largest id seen in train ∪ test, plus one. `name` defaults to the directory's last path
    /// component. Throws `DataError` naming the file and line of the first problem.
    public static func loadPaperFormat(directory: String, name: String? = nil) throws -> RecommendationDataset {
        let reader = PaperFormatReader()
        let base = URL(fileURLWithPath: directory)
        let trainFile = try reader.read(path: base.appendingPathComponent("train.txt").path)
        let testFile = try reader.read(path: base.appendingPathComponent("test.txt").path)
        let userCount = max(trainFile.userIDBound, testFile.userIDBound)
        let itemCount = max(trainFile.itemIDBound, testFile.itemIDBound)
        return RecommendationDataset(
            name: name ?? base.standardizedFileURL.lastPathComponent,
            train: trainFile.interactions(userCount: userCount, itemCount: itemCount),
            test: testFile.interactions(userCount: userCount, itemCount: itemCount))
    }

    /// Number of test pairs that are also training pairs (should be 0: a positive value means
    /// test leakage).
    public var trainTestOverlapCount: Int { train.overlapCount(with: test) }

    /// One line for logs and reports, for example
    /// `gowalla: 29,858 users, 40,981 items, train 810,128, test 217,242 interactions, density 0.000840, 0 duplicates dropped`.
    /// Density = (train + validation + test) / (users · items).
    public var summary: String {
        let validationCount = validation?.interactionCount ?? 0
        let all = train.interactionCount + test.interactionCount + validationCount
        let cells = userCount * itemCount
        let density = cells == 0 ? 0 : Double(all) / Double(cells)
        let duplicates = train.duplicateCount + test.duplicateCount + (validation?.duplicateCount ?? 0)
        var text = "\(name): \(grouped(userCount)) users, \(grouped(itemCount)) items, "
            + "train \(grouped(train.interactionCount)), "
        if validation != nil { text += "validation \(grouped(validationCount)), " }
        text += "test \(grouped(test.interactionCount)) interactions, "
            + "density \(String(format: "%.6f", density)), \(grouped(duplicates)) duplicates dropped"
        return text
    }
}

/// `n` with a comma between groups of three digits (locale-independent), e.g. `810,128`.
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var result = ""
    for (k, ch) in digits.enumerated() {
        if k > 0 && (digits.count - k) % 3 == 0 { result.append(",") }
        result.append(ch)
    }
    return n < 0 ? "-" + result : result
}
