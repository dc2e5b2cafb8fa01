import ArgumentParser

/// The `lightgcn` command: train, evaluate and query LightGCN recommenders.
@main
struct LightGCNCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lightgcn",
        abstract: "Train, evaluate and query LightGCN recommenders on a CPU.",
        discussion: """
            Exit codes: 0 success; 1 a runtime error (bad data file, unreadable model, unknown user); \
            64 a usage error (unknown option, invalid value).
            """,
        version: "0.1.0",
        subcommands: [DemoCommand.self, TrainCommand.self, EvaluateCommand.self, RecommendCommand.self, CompareCommand.self, RatingsCommand.self,
                      ReportCommand.self, CurvesCommand.self, DatasetsCommand.self, BenchmarkCommand.self, ExportCommand.self, ImportCommand.self,
                      ServeCommand.self, EventsCommand.self, TuneCommand.self,
                      ScoreShardCommand.self, EvaluateShardCommand.self, ExportUsersCommand.self])
}
