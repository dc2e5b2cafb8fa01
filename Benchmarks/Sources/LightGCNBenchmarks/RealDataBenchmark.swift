import Foundation
import RecKernels
import RecData

/// Reads the real Gowalla files; run by `swift run -c release lightgcn-benchmarks loaders/gowalla` (a benchmark, not a unit test).
/// `RECDATA_GOWALLA` overrides the directory (default `../shared/data/gowalla`).
enum RealDataBenchmark {
    static var directory: String {
        ProcessInfo.processInfo.environment["RECDATA_GOWALLA"] ?? "../shared/data/gowalla"
    }

    static func gowalla() throws {
        let clock = ContinuousClock()
        var file: PaperFormatFile?
        let readTime = try clock.measure { file = try PaperFormatReader().read(path: Self.directory + "/train.txt") }
        var dataset: RecommendationDataset?
        let loadTime = try clock.measure {
            dataset = try RecommendationDataset.loadPaperFormat(directory: Self.directory, name: "gowalla")
        }
        let data = try required(dataset)
        var triples = 0
        var rng = SeededGenerator(seed: 2020)
        var timings: [String] = []
        for strategy in BPRSampler.Strategy.allCases {
            let sampler = BPRSampler(train: data.train, strategy: strategy)
            let time = clock.measure { triples = sampler.sampleEpoch(using: &rng).count }
            timings.append("\(strategy) epoch \(triples) triples \(time)")
        }
        print("gowalla train.txt parse: \(readTime) (\(file?.interactionCount ?? 0) pairs); full load: \(loadTime)")
        print(timings.joined(separator: "; "))
        print(data.summary)
        check(data.userCount == 29_858)
        check(data.itemCount == 40_981)
        check(data.train.interactionCount == 810_128)
        check(data.test.interactionCount == 217_242)
        check(data.trainTestOverlapCount == 0)
    }
}
