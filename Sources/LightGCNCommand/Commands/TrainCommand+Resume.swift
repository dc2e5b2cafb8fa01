import ArgumentParser
import RecData
import RecModels
import RecTraining

extension TrainCommand {
    /// The model of `--resume M`, grown by the feature columns of the given feature files that it
    /// does not have yet: their projections start at zero, so the grown model scores exactly as
    /// M did until training moves them (`FeatureLightGCN.addingUserColumns`). Columns M already
    /// has keep M's values and tables.
    ///
    /// - Throws: `ValidationError` for options that cannot go with `--resume`; `CommandError`
    ///   for a model file that is not a feature model of this data, or no new column.
    func resumedModel(from path: String, dataset: RecommendationDataset, features loaded: LoadedFeatures?,
                      configuration: TrainingConfiguration) throws -> FeatureLightGCN<Float> {
        guard modelKind == .lightgcn else { throw ValidationError("--resume continues a feature LightGCN: leave out --model") }
        guard !configuration.refit else { throw ValidationError("--resume continues one model: leave out --refit") }
        guard let loaded else {
            throw ValidationError("--resume adds feature columns: give them with --user-features FILE or --item-features FILE")
        }
        let model = try ModelFile.read(from: path).featureModel.unwrapped(or: CommandError(
            "\(path) is not a feature model (it was trained without features); --resume needs one"))
        guard model.userColdEncoder == nil && model.itemColdEncoder == nil else {
            throw CommandError("\(path) has separate cold heads (--separate-cold-head), which --resume cannot grow with new "
                               + "columns yet: retrain it with all the columns instead")
        }
        if features.popularityPrior != (model.popularityPrior != nil) {
            console.note("--popularity-prior is taken from \(path), which was saved "
                         + (model.popularityPrior != nil ? "with" : "without") + " a prior")
        }
        guard model.userCount == dataset.train.userCount, model.itemCount == dataset.train.itemCount else {
            throw CommandError("\(path) has \(model.userCount) users and \(model.itemCount) items, the data's training split "
                               + "\(dataset.train.userCount) and \(dataset.train.itemCount): use the data and options it was trained with")
        }
        func newColumns(_ given: NodeFeatures?, _ known: [String]?) -> NodeFeatures? {
            guard let given else { return nil }
            let fresh = given.columns.filter { !(known ?? []).contains($0.name) }
            return fresh.isEmpty ? nil : NodeFeatures(columns: fresh, rowCount: given.rowCount)
        }
        let users = newColumns(loaded.users, model.userEncoder?.columnNames)
        let items = newColumns(loaded.items, model.itemEncoder?.columnNames)
        guard users != nil || items != nil else {
            throw CommandError("the feature files add no column that \(path) does not already have "
                               + "(users: \(model.userEncoder?.columnNames.joined(separator: ", ") ?? "none"); "
                               + "items: \(model.itemEncoder?.columnNames.joined(separator: ", ") ?? "none"))")
        }
        var grown = model
        if let users { grown = grown.addingUserColumns(users) }
        if let items { grown = grown.addingItemColumns(items) }
        let added = (users?.columns.map { "user \($0.name)" } ?? []) + (items?.columns.map { "item \($0.name)" } ?? [])
        console.note("resuming \(path): new feature columns \(added.joined(separator: ", ")) start with zero projections; "
                     + "the other tables continue from the saved model (fresh Adam moments)")
        return grown
    }
}

extension Optional {
    /// The wrapped value, or `error` thrown.
    func unwrapped(or error: @autoclosure () -> some Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}
