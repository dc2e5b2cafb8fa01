import ArgumentParser
import Foundation
import RecData
import RecKernels

/// The options that choose a dataset and its split, shared by `train`, `evaluate`, `compare`
/// and `import`.
///
/// Every option is optional here so that a saved model's options can be replayed and then
/// overridden: `arguments` lists exactly the options that were given, and a model file stores
/// them, so `evaluate` rebuilds the same split (checked by the split's fingerprint).
struct DataOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "A dataset: a name (gowalla, yelp2018, amazon-book, ml-100k, ml-1m, lastfm, lastfm-hetrec) or a path "
            + "(a directory with train.txt/test.txt, data1.txt/test1.txt, u.data, ratings.dat or user_artists.dat, "
            + "or a CSV/TSV file with a header).", valueName: "name-or-path"))
    var data: String?

    @Option(name: .customLong("data-root"), help: ArgumentHelp(
        "Where dataset names are looked up (default: $LIGHTGCN_DATA, else ../shared/data); known names are then "
            + "looked up in the download cache of 'lightgcn datasets download'.", valueName: "dir"))
    var dataRoot: String?

    @Option(help: "Split of datasets without a published one: holdout (random per user), leave-last-out (by time) or temporal (global, by time). Default holdout.")
    var split: SplitChoice?

    @Option(name: .customLong("split-fractions"), help: ArgumentHelp(
        "Train, validation and test fractions of --split holdout (default 0.8,0.1,0.1).", valueName: "t,v,t"))
    var splitFractions: String?

    @Option(name: .customLong("temporal-cuts"), help: ArgumentHelp(
        "Quantiles of time where validation and test start, for --split temporal (default 0.8,0.9).", valueName: "v,t"))
    var temporalCuts: String?

    @Option(name: .customLong("split-seed"), help: "Seed of the random split and of the validation holdout (default 42).")
    var splitSeed: UInt64?

    @Option(name: .customLong("min-rating"), help: ArgumentHelp(
        "Ratings at or above this are positives, the rest known negatives (default 4 for MovieLens; 'none' keeps every record).",
        valueName: "r"))
    var minRating: String?

    @Option(name: .customLong("k-core"), help: "Keep only users and items with at least k interactions (repeated until stable).")
    var kCore: Int?

    @Option(name: .customLong("validation-fraction"), help: ArgumentHelp(
        "For datasets with a published train/test split: the share of each user's training items held out to select the epoch (default 0.1; 0 for none).",
        valueName: "f"))
    var validationFraction: Double?

    @Flag(name: .customLong("paper-protocol"), help: "The published practice: no validation split, the test set is watched during training and the last epoch is kept.")
    var paperProtocol = false

    @Option(name: .customLong("user-column"), help: "CSV: the user column's header name (default: found by name).")
    var userColumn: String?
    @Option(name: .customLong("item-column"), help: "CSV: the item column's header name (default: found by name).")
    var itemColumn: String?
    @Option(name: .customLong("rating-column"), help: "CSV: the rating or weight column ('none' to ignore one).")
    var ratingColumn: String?
    @Option(name: .customLong("time-column"), help: "CSV: the timestamp column ('none' to ignore one).")
    var timeColumn: String?
    @Option(help: "CSV: the field separator (',', ';', '|', 'tab'; default: detected from the header).")
    var separator: String?
    @Option(help: "CSV: the file's encoding, utf8 or latin1 (default utf8).")
    var encoding: TextEncoding?
    @Option(name: .customLong("event-weights"), help: ArgumentHelp(
        "Event store (--data sqlite:PATH or postgres://…): weights per event type over the defaults "
            + "view=1,click=1,rating=2,like=3,cart=3,purchase=5.", valueName: "type=w,…"))
    var eventWeights: String?
    @Option(name: .customLong("half-life"), help: ArgumentHelp(
        "Event store: events lose half their weight per half-life before the newest event (30d, 12h, 90m).",
        valueName: "duration"))
    var halfLife: String?

    /// The split choices of `--split`.
    enum SplitChoice: String, ExpressibleByArgument, CaseIterable {
        case holdout
        case leaveLastOut = "leave-last-out"
        case temporal
    }

    /// The options that were given, as command-line arguments (saved with models).
    var arguments: [String] {
        var list: [String] = []
        func add(_ name: String, _ value: String?) { if let value { list += ["--\(name)", value] } }
        add("data", data.map(Self.absolutePath))
        add("data-root", dataRoot.map(Self.absolutePath))
        add("split", split?.rawValue)
        add("split-fractions", splitFractions)
        add("temporal-cuts", temporalCuts)
        add("split-seed", splitSeed.map { String($0) })
        add("min-rating", minRating)
        add("k-core", kCore.map { String($0) })
        add("validation-fraction", validationFraction.map { String($0) })
        if paperProtocol { list.append("--paper-protocol") }
        add("user-column", userColumn)
        add("item-column", itemColumn)
        add("rating-column", ratingColumn)
        add("time-column", timeColumn)
        add("separator", separator)
        add("encoding", encoding?.rawValue)
        add("event-weights", eventWeights)
        add("half-life", halfLife)
        return list
    }

    /// These options with `overrides` applied on top (each option given in `overrides` wins).
    static func merging(saved: [String], overrides: DataOptions) throws -> DataOptions {
        var merged = try DataOptions.parse(saved)
        let given = overrides
        if let v = given.data { merged.data = v }
        if let v = given.dataRoot { merged.dataRoot = v }
        if let v = given.split { merged.split = v }
        if let v = given.splitFractions { merged.splitFractions = v }
        if let v = given.temporalCuts { merged.temporalCuts = v }
        if let v = given.splitSeed { merged.splitSeed = v }
        if let v = given.minRating { merged.minRating = v }
        if let v = given.kCore { merged.kCore = v }
        if let v = given.validationFraction { merged.validationFraction = v }
        if given.paperProtocol { merged.paperProtocol = true }
        if let v = given.userColumn { merged.userColumn = v }
        if let v = given.itemColumn { merged.itemColumn = v }
        if let v = given.ratingColumn { merged.ratingColumn = v }
        if let v = given.timeColumn { merged.timeColumn = v }
        if let v = given.separator { merged.separator = v }
        if let v = given.encoding { merged.encoding = v }
        if let v = given.eventWeights { merged.eventWeights = v }
        if let v = given.halfLife { merged.halfLife = v }
        return merged
    }

    /// A dataset loaded with these options, and what was done to it.
    struct Loaded {
        /// Train, validation (unless the paper protocol) and test.
        var dataset: RecommendationDataset
        /// What the locator found and did.
        var resolved: ResolvedDataset
        /// One sentence per step (threshold, filter, split, validation), for the output.
        var notes: [String]

        /// What the data holds beyond `fitted` (held-out positives, known negatives), for a
        /// served model to leave out; nil when there is nothing.
        func knownOutside(_ fitted: InteractionMatrix) -> InteractionMatrix? {
            let outside = resolved.interactions(outside: fitted)
            return outside.interactionCount > 0 ? outside : nil
        }
    }

    /// Finds and loads the dataset, splits it, and carves a validation split out of a published
    /// training split unless `--paper-protocol` or `--validation-fraction 0`.
    func load() throws -> Loaded {
        guard let data else { throw ValidationError("--data is required: a dataset name or a path") }
        let options = try datasetOptions()
        let locator = DatasetLocator(dataRoot: dataRoot, downloadCache: DownloadCache.defaultDirectory())
        let resolved = try Self.eventStore(data).map { try loadFromStore($0, options: options) }
            ?? locator.load(data, options: options)
        var dataset = resolved.dataset
        var notes = resolved.notes
        notes += resolved.warnings.map { "warning: \($0)" }
        let fraction = paperProtocol ? 0 : (validationFraction ?? 0.1)
        if dataset.validation == nil && fraction > 0 {
            var generator = SeededGenerator(seed: splitSeed ?? 42)
            do {
                dataset = try dataset.carvingValidation(fraction: fraction, using: &generator)
            } catch let error as DataError {
                throw ValidationError(error.description)
            }
            notes.append("validation: \(Int((fraction * 100).rounded()))% of each user's training items "
                         + "(\(grouped(dataset.validation?.interactionCount ?? 0)) interactions, seed \(splitSeed ?? 42)) "
                         + "select the epoch; the test set is evaluated once")
        }
        return Loaded(dataset: dataset, resolved: resolved, notes: notes)
    }

    /// The data layer's options for these flags.
    func datasetOptions() throws -> DatasetOptions {
        var options = DatasetOptions()
        options.seed = splitSeed ?? 42
        if let kCore {
            guard kCore >= 1 else { throw ValidationError("--k-core must be ≥ 1, got \(kCore)") }
            options.kCore = kCore
        }
        if let minRating {
            if minRating.lowercased() == "none" {
                options.minRating = .none
            } else if let value = Float(minRating), value.isFinite {
                options.minRating = .atLeast(value)
            } else {
                throw ValidationError("--min-rating expects a number or 'none', got '\(minRating)'")
            }
        }
        switch split ?? .holdout {
        case .holdout:
            let f = try Self.numbers(splitFractions ?? "0.8,0.1,0.1", count: 3, option: "--split-fractions")
            options.split = paperProtocol
                ? .randomHoldout(train: f[0] + f[1], validation: 0, test: f[2])
                : .randomHoldout(train: f[0], validation: f[1], test: f[2])
        case .leaveLastOut:
            options.split = .leaveLastOut(validation: !paperProtocol)
        case .temporal:
            let q = try Self.numbers(temporalCuts ?? "0.8,0.9", count: 2, option: "--temporal-cuts")
            options.split = .temporal(test: .quantile(q[1]), validation: paperProtocol ? nil : .quantile(q[0]))
        }
        var delimited = DelimitedFileOptions()
        delimited.user = userColumn.map { .named($0) } ?? .automatic
        delimited.item = itemColumn.map { .named($0) } ?? .automatic
        delimited.rating = Self.column(ratingColumn)
        delimited.timestamp = Self.column(timeColumn)
        if let separator {
            switch separator.lowercased() {
            case "tab", "\\t", "\t": delimited.separator = "\t"
            case let s where s.count == 1 && s.first!.isASCII: delimited.separator = s.first!
            default: throw ValidationError("--separator expects one ASCII character or 'tab', got '\(separator)'")
            }
        }
        if let encoding { delimited.encoding = encoding }
        options.delimited = delimited
        return options
    }

    static func column(_ name: String?) -> DelimitedFileOptions.Column {
        guard let name else { return .automatic }
        return name.lowercased() == "none" ? .none : .named(name)
    }

    static func numbers(_ text: String, count: Int, option: String) throws -> [Double] {
        let values = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == count, values.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
            throw ValidationError("\(option) expects \(count) numbers in [0, 1] separated by commas, got '\(text)'")
        }
        return values
    }

    /// `path` made absolute when it names something on disk (so a saved model finds its data
    /// from any directory); a dataset name is left as it is.
    static func absolutePath(_ path: String) -> String {
        if path.lowercased().hasPrefix("sqlite:") { return "sqlite:" + absolutePath(String(path.dropFirst(7))) }
        guard FileManager.default.fileExists(atPath: path) else { return path }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

extension TextEncoding: ExpressibleByArgument {}

/// `n` with commas between groups of three digits, e.g. `810,128`.
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var result = ""
    for (k, ch) in digits.enumerated() {
        if k > 0 && (digits.count - k) % 3 == 0 { result.append(",") }
        result.append(ch)
    }
    return n < 0 ? "-" + result : result
}
