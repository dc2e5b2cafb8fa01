import RecKernels

extension DatasetLocator {
    /// Finds `nameOrPath` (see `locate(_:)`) and loads it with `options`. Throws `DataError`.
    public func load(_ nameOrPath: String, options: DatasetOptions = DatasetOptions()) throws -> ResolvedDataset {
        try load(locate(nameOrPath), options: options)
    }

    /// Loads the dataset at `location` with `options`. Throws `DataError`.
    public func load(_ location: DatasetLocation, options: DatasetOptions = DatasetOptions()) throws -> ResolvedDataset {
        switch location.format {
        case .paper:
            var dataset = try RecommendationDataset.loadPaperFormat(directory: location.path, name: location.name)
            var notes = ["published train/test split of \(location.path) (no validation split)"]
            if let catalog = try paperCatalog(directory: location.path, dataset: dataset) {
                dataset = RecommendationDataset(name: dataset.name, train: dataset.train, test: dataset.test,
                                                validation: dataset.validation, catalog: catalog)
                notes.append("original ids from user_list.txt and item_list.txt")
            }
            return ResolvedDataset(location: location, dataset: dataset, log: nil, knownNegatives: nil,
                                   kCoreReport: nil, warnings: [], notes: notes)
        case .lastFMLightGCN:
            let dataset = try LastFMLightGCNReader().load(directory: location.path, name: location.name)
            return ResolvedDataset(
                location: location, dataset: dataset, log: nil, knownNegatives: nil, kCoreReport: nil, warnings: [],
                notes: ["published train/test split of \(location.path), ids shifted from 1-based to 0-based "
                        + "(no validation split)"])
        case .movieLens100K:
            return try split(MovieLens100KReader().load(directory: location.path), location: location, options: options)
        case .movieLens1M:
            return try split(MovieLens1MReader().load(directory: location.path), location: location, options: options)
        case .hetRecLastFM:
            return try split(HetRecLastFMReader().load(directory: location.path), location: location, options: options)
        case .delimited:
            var delimited = options.delimited
            delimited.name = delimited.name ?? location.name
            return try split(DelimitedInteractionReader(options: delimited).read(path: location.path),
                             location: location, options: options)
        }
    }

    /// Thresholds, filters and splits a log.
    private func split(_ full: InteractionLog, location: DatasetLocation, options: DatasetOptions) throws -> ResolvedDataset {
        var notes: [String] = []
        let minRating = options.minRating(for: location.format)
        var log = full.positives(minRating: minRating)
        log.name = location.name
        if let minRating, full.ratings != nil {
            notes.append("ratings ≥ \(minRating.formatted) are positives: \(grouped(log.count)) of \(grouped(full.count)) "
                         + "records; the \(grouped(full.count - log.count)) below are known negatives")
        }
        var report: KCoreReport?
        if let k = options.kCore {
            let filtered = try KCoreFilter(k: k).apply(to: log)
            log = filtered.log
            report = filtered.report
            notes.append("\(k)-core: \(filtered.report)")
        }
        let usersWithout = log.userCount - Set(log.users).count
        if usersWithout > 0 {
            notes.append("\(grouped(usersWithout)) users have no positive interaction (empty rows)")
        }
        var generator = SeededGenerator(seed: options.seed)
        let split = try options.split.splitter.split(log, using: &generator)
        notes.append("\(split.method), seed \(options.seed)")
        let dataset = RecommendationDataset(log: log, split: split, name: location.name)
        var negatives: InteractionMatrix?
        if let minRating, full.ratings != nil {
            negatives = Self.negatives(of: full, minRating: minRating, in: log)
        }
        return ResolvedDataset(location: location, dataset: dataset, log: log, knownNegatives: negatives,
                               kCoreReport: report, warnings: full.warnings, notes: notes)
    }

    /// The below-threshold records of `full` in `target`'s id space (records of users or items
    /// that `target` lacks are left out).
    private static func negatives(of full: InteractionLog, minRating: Float, in target: InteractionLog) -> InteractionMatrix {
        if full.userVocabulary == target.userVocabulary && full.itemVocabulary == target.itemVocabulary {
            return full.negatives(minRating: minRating)
        }
        let userMap = full.userVocabulary.indices(in: target.userVocabulary)
        let itemMap = full.itemVocabulary.indices(in: target.itemVocabulary)
        var pairs: [(user: Int, item: Int)] = []
        for k in 0..<full.count where !full.isPositive(k, minRating: minRating) {
            let u = userMap[Int(full.users[k])], i = itemMap[Int(full.items[k])]
            if u >= 0 && i >= 0 { pairs.append((u, i)) }
        }
        return InteractionMatrix(userCount: target.userCount, itemCount: target.itemCount, pairs: pairs)
    }

    /// The catalog of a paper-format directory from `user_list.txt` and `item_list.txt`, when
    /// both exist and match the dataset's shape.
    private func paperCatalog(directory: String, dataset: RecommendationDataset) throws -> DatasetCatalog? {
        let userList = FileBytes.join(directory, "user_list.txt"), itemList = FileBytes.join(directory, "item_list.txt")
        guard FileBytes.isFile(userList) && FileBytes.isFile(itemList) else { return nil }
        let users = try IDListReader.read(path: userList)
        let items = try IDListReader.read(path: itemList)
        guard users.count == dataset.userCount && items.count == dataset.itemCount else { return nil }
        return DatasetCatalog(users: users, items: items)
    }
}

extension Float {
    /// `4` for whole numbers, else the shortest decimal: `3.5`.
    fileprivate var formatted: String {
        self == rounded() && abs(self) < 1e9 ? String(Int(self)) : String(self)
    }
}
