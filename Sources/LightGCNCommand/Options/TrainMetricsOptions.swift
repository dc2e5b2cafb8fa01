import ArgumentParser

/// `--train-metrics` and its sample size, for the commands that train one LightGCN with a
/// report of its curves (`train`, `demo`): see `RankingEvaluator.trainingFit(of:sampleSize:seed:ks:)`
/// for what the train metrics measure.
struct TrainMetricsOptions: ParsableArguments {
    @Flag(name: .customLong("train-metrics"), inversion: .prefixedNo, help: ArgumentHelp(
        "At each evaluation also rank all items (nothing excluded) for a fixed sample of users and score them against "
            + "their own training items: train/Recall@K, train/Precision@K, train/NDCG@K… (how well the model fits "
            + "its training data; compare its trend, not its level, with validation). On by default because it is "
            + "cheap: it costs --train-metrics-users / users of one full evaluation (Gowalla: 2,000 of 29,858 users, "
            + "about 0.5 s per evaluation against 7 s for validation; under 0.1% of a run at --eval-every 10)."))
    var trainMetrics = true

    @Option(name: .customLong("train-metrics-users"), help: "Users in the --train-metrics sample (drawn once with --seed).")
    var trainMetricsUsers = 2000

    func validate() throws {
        if trainMetricsUsers < 1 { throw ValidationError("--train-metrics-users must be ≥ 1, got \(trainMetricsUsers)") }
    }

    /// The sample size when train metrics are on, nil when off.
    var sampleSize: Int? { trainMetrics ? trainMetricsUsers : nil }

    /// Their lines of the `[training]` table of a run's effective configuration.
    var configurationEntries: [RunConfiguration.Entry] {
        [.set("train-metrics", .boolean(trainMetrics)), .set("train-metrics-users", .integer(trainMetricsUsers))]
    }
}
