import RecKernels

extension RecommendationDataset {
    /// The dataset with a validation split carved out of its training interactions, for model
    /// selection on datasets that come with only a train/test split (Gowalla, Yelp2018,
    /// Amazon-Book, LastFM): the test set stays untouched and is never used to choose an epoch.
    ///
    /// Each user's training items are shuffled with `generator` and `round(n·fraction)` of them
    /// move to validation, reduced until at least one stays in training (the rule of
    /// `RandomHoldoutSplit`), so a user needs `⌈0.5/fraction⌉` interactions to get a validation
    /// item (5 with 0.1). The propagation graph is then built from the remaining training
    /// interactions only. An existing validation split is kept as it is.
    ///
    /// - Complexity: O(training interactions).
    public func carvingValidation(fraction: Double, using generator: inout SeededGenerator) throws -> RecommendationDataset {
        guard validation == nil else { return self }
        guard fraction > 0 && fraction < 1 else {
            throw DataError.invalidParameter(name: "validation fraction", reason: "\(fraction) must be in (0, 1)")
        }
        var kept: [(user: Int, item: Int)] = [], held: [(user: Int, item: Int)] = []
        kept.reserveCapacity(train.interactionCount)
        for u in 0..<userCount {
            var items = Array(train.items(ofUser: u))
            let n = items.count
            guard n > 1 else {
                kept.append(contentsOf: items.map { (u, Int($0)) })
                continue
            }
            generator.shuffle(&items)
            let count = min(Int((Double(n) * fraction).rounded()), n - 1)
            for (k, item) in items.enumerated() {
                if k < count { held.append((u, Int(item))) } else { kept.append((u, Int(item))) }
            }
        }
        return RecommendationDataset(
            name: name,
            train: InteractionMatrix(userCount: userCount, itemCount: itemCount, pairs: kept),
            test: test,
            validation: InteractionMatrix(userCount: userCount, itemCount: itemCount, pairs: held),
            catalog: catalog)
    }

    /// A fingerprint of the split (shape, then the train, validation and test interactions):
    /// two datasets with the same fingerprint rank and exclude the same items. Saved with
    /// models and comparison results to detect a different split.
    public var splitFingerprint: String {
        var hash = FNV1a64()
        hash.combine(UInt64(userCount))
        hash.combine(UInt64(itemCount))
        for part in [train, validation ?? .empty(userCount: userCount, itemCount: itemCount), test] {
            part.combine(into: &hash)
        }
        return hash.hexDigest
    }
}

extension InteractionMatrix {
    /// A fingerprint of the interactions (shape, row offsets and item ids, in order).
    public var fingerprint: String {
        var hash = FNV1a64()
        combine(into: &hash)
        return hash.hexDigest
    }

    func combine(into hash: inout FNV1a64) {
        hash.combine(UInt64(userCount))
        hash.combine(UInt64(itemCount))
        for offset in itemsOfUser.offsets { hash.combine(UInt64(offset)) }
        for item in itemsOfUser.indices { hash.combine(UInt32(bitPattern: item)) }
    }
}
