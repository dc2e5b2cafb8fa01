import RecKernels

/// Writes a synthetic interaction CSV (`user_id,item_id,rating,timestamp`) for benchmarks of
/// `DelimitedInteractionReader`, deterministic from `seed`.
///
/// Users are drawn uniformly from `userCount` ids `u0 … u<userCount−1>`; items with a skew
/// toward low indices (`index = ⌊itemCount · x²⌋`, `x` uniform), so popular items repeat and some
/// (user, item) pairs occur twice, as in real logs. Item ids are `item-<n>`, except every 50th,
/// which is quoted and contains a comma (`"item <n>, special"`), and every 500th, which also
/// contains escaped quotes (`"item ""<n>"""`). Ratings are 0.5–5 in half steps; timestamps are in
/// 2014–2020.
public struct CSVGenerator: Sendable {
    /// Number of data rows.
    public var rowCount: Int
    /// Number of distinct user ids to draw from.
    public var userCount: Int
    /// Number of distinct item ids to draw from.
    public var itemCount: Int
    /// The seed; the same seed gives the same bytes.
    public var seed: UInt64

    /// A generator; 1,000,000 rows over 50,000 users and 20,000 items by default.
    public init(rowCount: Int = 1_000_000, userCount: Int = 50_000, itemCount: Int = 20_000, seed: UInt64 = 42) {
        precondition(rowCount >= 0 && userCount > 0 && itemCount > 0, "counts must be positive")
        self.rowCount = rowCount
        self.userCount = userCount
        self.itemCount = itemCount
        self.seed = seed
    }

    /// The file's bytes (header included).
    public func bytes() -> [UInt8] {
        var rng = SeededGenerator(seed: seed)
        var out: [UInt8] = []
        out.reserveCapacity(rowCount * 32 + 64)
        out.append(contentsOf: "user_id,item_id,rating,timestamp\n".utf8)
        for _ in 0..<rowCount {
            let user = rng.nextIndex(below: userCount)
            let x = rng.nextUnitDouble()
            let item = min(itemCount - 1, Int(Double(itemCount) * x * x))
            let halfStars = 1 + rng.nextIndex(below: 10)
            let timestamp = 1_400_000_000 + rng.nextIndex(below: 200_000_000)
            out.append(UInt8(ascii: "u"))
            Self.appendDecimal(user, to: &out)
            out.append(UInt8(ascii: ","))
            if item % 500 == 0 {
                out.append(contentsOf: "\"item \"\"".utf8)
                Self.appendDecimal(item, to: &out)
                out.append(contentsOf: "\"\"\"".utf8)
            } else if item % 50 == 0 {
                out.append(contentsOf: "\"item ".utf8)
                Self.appendDecimal(item, to: &out)
                out.append(contentsOf: ", special\"".utf8)
            } else {
                out.append(contentsOf: "item-".utf8)
                Self.appendDecimal(item, to: &out)
            }
            out.append(UInt8(ascii: ","))
            Self.appendDecimal(halfStars / 2, to: &out)
            if halfStars % 2 == 1 { out.append(contentsOf: ".5".utf8) }
            out.append(UInt8(ascii: ","))
            Self.appendDecimal(timestamp, to: &out)
            out.append(0x0A)
        }
        return out
    }

    /// Writes the file to `path` atomically (temporary file, then rename). Throws `DataError`.
    public func write(to path: String) throws {
        try PaperFormatWriter.writeAtomically(bytes(), to: path)
    }

    /// Appends the decimal digits of `value` (≥ 0).
    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
