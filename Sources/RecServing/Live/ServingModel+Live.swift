import RecModels
import RecTraining

extension ServingModel {
    /// The ranking for user `id` once their live events (``LiveProfiles/Profile``) are taken
    /// into account, or nil when the profile changes nothing (the model's own path applies).
    ///
    /// - Negative items are excluded from the candidates.
    /// - Positive items the user did not have in training make the user's item set
    ///   `S = training items ∪ live items` (items the model does not know are skipped), ranked as
    ///   a new user with those items: LightGCN's propagation fold-in (`foldIn`) for the LightGCN
    ///   family, the model's scoring of `S` for EASE, ItemKNN, GF-CF, iALS and popularity.
    ///   `S` is excluded too unless `rules.excludeSeen` is false. A model that cannot rank new
    ///   users (LR-GCCF) keeps its own ranking of a known user and excludes the live items.
    ///
    /// - Throws: ``ServingError/notFound(_:)`` for a user the model does not know whose events
    ///   name no item it knows, or who has events and a model that cannot rank new users.
    func liveRequest(userID id: String, profile: LiveProfiles.Profile, k: Int, rules: RecommendationRules,
                     policy: CandidatePolicy, foldIn: any FoldInStrategy) throws(ServingError) -> ScoringRequest? {
        let known = userIndex(of: id)
        var policy = policy
        policy.excluded.append(contentsOf: profile.negatives.compactMap { itemIndex(of: $0).map(Int32.init) })
        let trained = known.map { Array(seenItems.row($0)) } ?? []
        let trainedSet = Set(trained)
        let fresh = profile.positives.compactMap { itemIndex(of: $0) }.filter { !trainedSet.contains(Int32($0)) }
        if fresh.isEmpty {
            guard let known else {
                throw .notFound(ServingRequests.unknown("user", [id], model: self)
                                + (profile.positives.isEmpty ? "" : "; their events name no item this model knows (a retrain adds them)"))
            }
            return profile.negatives.isEmpty ? nil : request(user: known, k: k, candidates: policy)
        }
        guard acceptsNewUsers else {
            guard let known else {
                throw .notFound(ServingRequests.unknown("user", [id], model: self)
                                + "; a \(kind.displayName) model cannot rank users it was not trained on (a retrain adds them)")
            }
            if rules.excludeSeen { policy.excluded.append(contentsOf: fresh.map(Int32.init)) }
            return request(user: known, k: k, candidates: policy)
        }
        var items = trained.map(Int.init)
        var listed = Set(items)
        for item in fresh where listed.insert(item).inserted { items.append(item) }
        let embedding = try foldIn.userEmbedding(for: NewUserProfile(items: items), model: self)
        return try request(newUserItems: items, embedding: embedding, k: k, mask: policy.mask(forUser: known ?? -1),
                           excludeItems: rules.excludeSeen)
    }
}
