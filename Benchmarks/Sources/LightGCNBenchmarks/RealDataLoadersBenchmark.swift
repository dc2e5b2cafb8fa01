import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RecKernels
import RecData

/// Runs every loader on the real files in `../shared/data` (override with `LIGHTGCN_DATA`) and a
/// generated 1,000,000-row CSV, printing counts and timings (`swift run -c release lightgcn-benchmarks loaders/…`): a
/// benchmark, not a unit test (build in release for meaningful timings).
enum RealDataLoadersBenchmark {
    static let locator = DatasetLocator()
    static let clock = ContinuousClock()

    static func path(_ name: String) -> String { locator.dataRoot + "/" + name }

    /// CPU seconds used by the calling thread so far (unaffected by other processes on a
    /// loaded machine, unlike wall-clock time).
    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }

    /// Runs `body`, printing its wall-clock and CPU time with `label`.
    static func timed<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let (result, wall, cpu) = try measured(body)
        print("[real data] \(label): wall \(format(wall)) s, cpu \(format(cpu)) s")
        return result
    }

    /// `body`'s result, wall-clock seconds and thread CPU seconds.
    static func measured<T>(_ body: () throws -> T) rethrows -> (T, Double, Double) {
        var result: T?
        let cpuStart = threadCPUSeconds()
        let wall = try clock.measure { result = try body() }
        let cpu = threadCPUSeconds() - cpuStart
        return (result!, Double(wall.components.seconds) + Double(wall.components.attoseconds) * 1e-18, cpu)
    }

    static func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }

    static func movieLens100K() throws {
        let log = try Self.timed("ml-100k load (u.data + u.user + u.item)") {
            try MovieLens100KReader().load(directory: Self.path("ml-100k"))
        }
        print("[real data] \(log.summary); warnings: \(log.warnings.map(\.description))")
        check(log.userCount == 943 && log.itemCount == 1682 && log.count == 100_000)
        check(log.userAttributes?.rowCount == 943 && log.itemTitles?.count == 1682)
        check(log.interactions(minRating: 4).interactionCount == 55_375)
        let resolved = try Self.timed("ml-100k resolve (min rating 4, holdout 80/10/10)") {
            try Self.locator.load("ml-100k", options: DatasetOptions(seed: 2020))
        }
        print("[real data] \(resolved.dataset.summary); \(resolved.notes.joined(separator: "; "))")
        check(resolved.dataset.trainTestOverlapCount == 0)
    }

    static func movieLens1MAttributes() throws {
        let reader = MovieLens1MReader()
        let users = try Self.timed("ml-1m users.dat") { try reader.readUsers(path: Self.path("ml-1m/users.dat")) }
        let movies = try Self.timed("ml-1m movies.dat") { try reader.readMovies(path: Self.path("ml-1m/movies.dat")) }
        print("[real data] ml-1m users \(users.rowCount) (\(users.columnNames)), movies \(movies.rowCount), "
              + "genres \(movies[column: "genres"]?.categories?.count ?? 0)")
        check(users.rowCount == 6040 && movies.rowCount == 3883)
        let error = captureDataError { try Self.locator.load("ml-1m") }
        print("[real data] ml-1m resolve: \(error?.description ?? "loaded")")
    }

    static func hetRecLastFM() throws {
        let log = try Self.timed("hetrec2011-lastfm-2k load (user_artists + artists + tags)") {
            try HetRecLastFMReader().load(directory: Self.path("hetrec2011-lastfm-2k"))
        }
        print("[real data] \(log.summary); warnings: \(log.warnings.map(\.description))")
        check(log.userCount == 1892 && log.itemCount == 17_632 && log.count == 92_834)
        let tags = try HetRecLastFMReader().readTagAssignments(path: Self.path("hetrec2011-lastfm-2k/user_taggedartists.dat"))
        print("[real data] tag assignments \(tags.count), artists \(tags.artistVocabulary.count), tags \(tags.tagVocabulary.count)")
        check(tags.count == 186_479 && tags.artistVocabulary.count == 12_523)
        let resolved = try Self.timed("lastfm-hetrec resolve") { try Self.locator.load("lastfm-hetrec") }
        print("[real data] \(resolved.dataset.summary)")
    }

    static func lastFMLightGCN() throws {
        let dataset = try Self.timed("lastfm (lastfm-lightgcn) resolve") { try DatasetLocator.resolve("lastfm") }
        print("[real data] \(dataset.summary)")
        check(dataset.userCount == 1892 && dataset.itemCount == 4489)
        check(dataset.train.interactionCount == 42_135 && dataset.test.interactionCount == 10_533)
    }

    static func gowallaThroughResolver() throws {
        let dataset = try Self.timed("gowalla resolve (paper format + id lists)") { try DatasetLocator.resolve("gowalla") }
        print("[real data] \(dataset.summary); catalog users \(dataset.catalog?.users.count ?? 0)")
        check(dataset.userCount == 29_858 && dataset.itemCount == 40_981)
        check(dataset.catalog?.items.count == 40_981)
    }

    static func forwardChainingCSV() throws {
        let path = Self.path("lastfm-mlg-cs224w/user_tag_artist.csv")
        // Tag dates from 1956–1957 (negative milliseconds) are implausible: an error by default.
        check(errorLine(captureDataError { try DelimitedInteractionReader().read(path: path) }) != nil)
        let reader = DelimitedInteractionReader(options: DelimitedFileOptions(implausibleTimestamps: .skipRow))
        let log = try Self.timed("lastfm-mlg-cs224w/user_tag_artist.csv") { try reader.read(path: path) }
        print("[real data] \(log.summary); warnings: \(log.warnings.map(\.description))")
        let skipped = log.warnings.first { $0.message.contains("left out") }?.count ?? 0
        check(log.count + log.duplicateCount + skipped == 20_665)
        let fold = try DelimitedInteractionReader().read(path: Self.path("lastfm-mlg-cs224w/folds/train_2010.csv"))
        print("[real data] folds/train_2010.csv: \(fold.summary)")
        check(fold.count + fold.duplicateCount == 13_402)
    }

    static func millionRowCSV() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("million.csv")
        try Self.timed("CSVGenerator 1,000,000 rows write") { try CSVGenerator().write(to: path) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let (result, wall, cpu) = try Self.measured { try DelimitedInteractionReader().read(path: path) }
        print("[real data] 1,000,000-row CSV (\(size) bytes) read: wall \(Self.format(wall)) s, "
              + "cpu \(Self.format(cpu)) s; \(result.summary)")
        check(result.count + result.duplicateCount == 1_000_000)
        #if !DEBUG
        check(cpu < 1.5)  // CPU time: wall time depends on what else the machine runs
        #endif
    }
}
