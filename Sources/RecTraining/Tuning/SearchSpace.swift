import Foundation
import RecKernels

/// The options a search varies and the values each may take, parsed from text such as
///
///     lr=0.001..0.02:log, temperature=0.05..0.3, batch-size=2048|8192, loss=softmax|bsl
///
/// - `name=lo..hi`: uniform in [lo, hi]; `:log` draws uniformly in log space (lo, hi > 0); an
///   integer option draws integers. `:N` (after `:log` if both) sets the number of grid points.
/// - `name=a|b|c`: one of the listed values.
///
/// The names are `train`'s option names; ``TrainingParameter`` applies a value to a
/// ``TrainingConfiguration``. Parsing checks names and values and says which part is wrong.
public struct SearchSpace: Sendable, Equatable {
    /// One searched option.
    public struct Dimension: Sendable, Equatable {
        /// How the values are chosen.
        public enum Values: Sendable, Equatable {
            /// A range, log-uniform or uniform, with this many grid points.
            case range(lower: Double, upper: Double, logarithmic: Bool, gridPoints: Int)
            /// A list.
            case list([String])
        }
        /// The option.
        public var parameter: TrainingParameter
        /// Its values.
        public var values: Values

        /// The grid values of this dimension, as text the parameter accepts.
        public var gridValues: [String] {
            switch values {
            case .list(let items): return items
            case .range(let lower, let upper, let logarithmic, let points):
                let values = (0..<points).map { k -> Double in
                    let f = points == 1 ? 0.5 : Double(k) / Double(points - 1)
                    return logarithmic ? exp(log(lower) + f * (log(upper) - log(lower))) : lower + f * (upper - lower)
                }
                return values.map(parameter.format)
            }
        }

        /// A random value of this dimension, as text the parameter accepts.
        public func sample(using generator: inout SeededGenerator) -> String {
            switch values {
            case .list(let items): return items[generator.nextIndex(below: items.count)]
            case .range(let lower, let upper, let logarithmic, _):
                let f = Double(generator.next() >> 11) / Double(1 << 53)
                if parameter.isInteger {
                    let low = Int(lower.rounded()), high = Int(upper.rounded())
                    if logarithmic {
                        return parameter.format(exp(log(Double(low)) + f * (log(Double(high) + 1) - log(Double(low)))).rounded(.down))
                    }
                    return String(low + generator.nextIndex(below: high - low + 1))
                }
                return parameter.format(logarithmic ? exp(log(lower) + f * (log(upper) - log(lower))) : lower + f * (upper - lower))
            }
        }
    }

    /// The dimensions, in the order given.
    public var dimensions: [Dimension]

    /// Parses `text` (dimensions separated by commas).
    public init(parsing text: String) throws(ConfigurationError) {
        dimensions = []
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw .invalid("--space lists no option: give e.g. lr=0.001..0.02:log") }
        for part in parts {
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pieces.count == 2, !pieces[1].isEmpty else { throw .invalid("--space: '\(part)' is not name=values") }
            guard let parameter = TrainingParameter(rawValue: pieces[0]) else {
                throw .invalid("--space: unknown option '\(pieces[0])'; searchable: "
                               + TrainingParameter.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if dimensions.contains(where: { $0.parameter == parameter }) { throw .invalid("--space: '\(pieces[0])' is given twice") }
            dimensions.append(Dimension(parameter: parameter, values: try Self.values(pieces[1], parameter: parameter, part: part)))
        }
    }

    static func values(_ text: String, parameter: TrainingParameter, part: String) throws(ConfigurationError) -> Dimension.Values {
        if text.contains("..") {
            var fields = text.split(separator: ":").map(String.init)
            let bounds = fields.removeFirst().components(separatedBy: "..")
            guard bounds.count == 2, let lower = Double(bounds[0]), let upper = Double(bounds[1]), lower.isFinite, upper.isFinite,
                  lower <= upper else {
                throw .invalid("--space: '\(part)': a range is lo..hi with numbers lo ≤ hi")
            }
            guard !parameter.isCategorical else { throw .invalid("--space: '\(part)': \(parameter.rawValue) takes a list a|b") }
            var logarithmic = false, points = 3
            for field in fields {
                if field == "log" { logarithmic = true } else if let n = Int(field), n >= 1 { points = n } else {
                    throw .invalid("--space: '\(part)': after the range, ':log' and/or ':N' grid points (N ≥ 1)")
                }
            }
            if logarithmic && !(lower > 0) { throw .invalid("--space: '\(part)': a :log range needs lo > 0") }
            try parameter.check(parameter.format(lower), part: part)
            try parameter.check(parameter.format(upper), part: part)
            return .range(lower: lower, upper: upper, logarithmic: logarithmic, gridPoints: points)
        }
        let items = text.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !items.isEmpty, items.allSatisfy({ !$0.isEmpty }) else { throw .invalid("--space: '\(part)': empty value") }
        for item in items { try parameter.check(item, part: part) }
        return .list(items)
    }

    /// Every combination of the dimensions' grid values, the first dimension varying slowest.
    public var grid: [[String]] {
        dimensions.reduce([[]]) { partial, dimension in
            partial.flatMap { prefix in dimension.gridValues.map { prefix + [$0] } }
        }
    }
}
