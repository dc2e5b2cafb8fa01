import RecTraining

extension TrainingOptions {
    /// The `[training]` table of a run's effective configuration: the value of every option as
    /// the run used it (`effective` is `configuration()`'s result), so that a `--preset` is
    /// written out as the settings it chose.
    func configurationEntries(effective c: TrainingConfiguration) -> [RunConfiguration.Entry] {
        typealias Entry = RunConfiguration.Entry
        var entries: [Entry] = [
            .set("layers", .integer(c.layers)),
            .set("dim", .integer(c.dimension)),
            .set("epochs", .integer(c.epochs)),
            .set("batch-size", .integer(c.batchSize)),
            .set("lr", .float(c.learningRate)),
            c.cosineDecayEpochs.map { .set("cosine-decay-epochs", .integer($0)) } ?? .unset("cosine-decay-epochs", "not set (a constant learning rate)"),
            .set("lambda", .float(c.lambda)),
            .set("seed", .unsigned(c.seed)),
            .set("eval-every", .integer(c.evaluateEvery)),
            .set("k", c.ks.count == 1 ? .integer(c.ks[0]) : .array(c.ks.map { .integer($0) })),
        ]
        entries.append(c.maxBatchesPerEpoch.map { .set("max-batches", .integer($0)) } ?? .unset("max-batches", "not set (every batch)"))
        entries += [
            .set("sampling", .string(c.sampling.rawValue)),
            .set("regularization", .string(c.regularization.rawValue)),
            .set("init", .string(c.initialization.rawValue)),
        ]
        if c.initialization == .spectral {
            entries += [.set("spectral-exponent", .float(c.spectralExponent)), .set("spectral-scale", .float(c.spectralScale))]
        }
        entries += [
            .set("negative-candidates", .integer(c.negativeCandidates)),
            .set("loss", .string(c.loss.rawValue)),
            .set("negatives", .string(c.negatives.rawValue)),
            .set("uniform-negatives", .integer(c.uniformNegatives)),
            .set("temperature", .float(c.temperature)),
            c.negativeTemperature.map { .set("negative-temperature", .float($0)) } ?? .unset("negative-temperature", "not set (--temperature)"),
            .set("uniformity-weight", .float(c.uniformityWeight)),
            .set("score", .string(c.score.rawValue)),
            c.timeBudgetSeconds.map { .set("max-minutes", .float($0 / 60)) } ?? .unset("max-minutes", "not set (no time budget)"),
            .set("patience", .integer(c.patience ?? 0)),
            .set("selection-metric", .string(c.selectionMetric)),
            .set("refit-with-validation", .boolean(c.refit)),
        ]
        if let preset = try? effectivePreset(), preset != .authors {
            entries.append(.unset("preset", "\(preset.rawValue) given; its settings are written out above"))
        }
        return entries
    }
}
