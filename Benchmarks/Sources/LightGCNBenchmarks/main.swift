import Foundation

/// `swift run -c release lightgcn-benchmarks [NAME …]`: long measurements on the real data sets
/// under `../shared/data` (override the folder with `LIGHTGCN_DATA` and the per-benchmark
/// variables named in each file). They print numbers for BENCHMARKS.md; they are not tests and
/// `swift test` does not run them. With no name, the list is printed; a name may be a prefix
/// (`gowalla-baseline` runs all four Gowalla baselines).
let benchmarks: [(name: String, run: () throws -> Void)] = [
    ("loaders/gowalla", RealDataBenchmark.gowalla),
    ("loaders/ml-100k", RealDataLoadersBenchmark.movieLens100K),
    ("loaders/ml-1m-attributes", RealDataLoadersBenchmark.movieLens1MAttributes),
    ("loaders/hetrec-lastfm", RealDataLoadersBenchmark.hetRecLastFM),
    ("loaders/lastfm-lightgcn", RealDataLoadersBenchmark.lastFMLightGCN),
    ("loaders/gowalla-resolver", RealDataLoadersBenchmark.gowallaThroughResolver),
    ("loaders/forward-chaining-csv", RealDataLoadersBenchmark.forwardChainingCSV),
    ("loaders/million-row-csv", RealDataLoadersBenchmark.millionRowCSV),
    ("cold-start/protocol-ml-100k", ColdStartProtocolBenchmark.movieLens),
    ("ratings/baselines", MovieLensRatingBenchmark.baselines),
    ("ratings/biased-mf", MovieLensRatingBenchmark.matrixFactorization),
    ("ratings/lightgcn", MovieLensRatingBenchmark.lightGCN),
    ("gowalla-baseline/mf", GowallaBPRBaselineBenchmark.matrixFactorization),
    ("gowalla-baseline/lrgccf", GowallaBPRBaselineBenchmark.lrgccf),
    ("cold-start/incremental-update-ml-100k", IncrementalUpdateBenchmark.movieLensAddedUsers),
    ("cold-start/gowalla-fold-in-time", ColdStartBenchmarks.gowallaFoldInTime),
    ("cold-start/ml-100k-cold-users", ColdStartBenchmarks.movieLensColdUsers),
    ("cold-start/fold-in-latency", FoldInLatencyBenchmark.gowallaSizedFoldIn),
    ("gowalla-baseline/ease", GowallaBaselineBenchmark.ease),
    ("gowalla-baseline/itemknn", GowallaBaselineBenchmark.itemKNN),
    ("gowalla-baseline/gfcf", GowallaBaselineBenchmark.gfcf),
    ("gowalla-baseline/ials", GowallaBaselineBenchmark.implicitALS),
    ("dense/gemm-peak", DenseKernelBenchmark.gemmPeak),
    ("dense/inverse", DenseKernelBenchmark.inverse),
    ("kernels/spmm-reordering", SpMMReorderingBenchmark.run),
]

let requested = Array(CommandLine.arguments.dropFirst())
if requested.isEmpty || requested.contains("--help") || requested.contains("-h") {
    print("usage: lightgcn-benchmarks NAME [NAME …]   (a name may be a prefix)\n\nbenchmarks:")
    for benchmark in benchmarks { print("  \(benchmark.name)") }
    exit(requested.isEmpty ? 64 : 0)
}
var status: Int32 = 0
for name in requested {
    let selected = benchmarks.filter { $0.name == name || $0.name.hasPrefix(name) }
    if selected.isEmpty {
        FileHandle.standardError.write(Data("unknown benchmark '\(name)' (run with no argument for the list)\n".utf8))
        exit(64)
    }
    for benchmark in selected {
        print("== \(benchmark.name)")
        do {
            try benchmark.run()
        } catch {
            FileHandle.standardError.write(Data("\(benchmark.name) failed: \(error)\n".utf8))
            status = 1
        }
    }
}
if BenchmarkChecks.failures > 0 {
    FileHandle.standardError.write(Data("\(BenchmarkChecks.failures) check(s) failed\n".utf8))
    status = 1
}
exit(status)
