/// Parses the `user SEP item SEP rating SEP timestamp` files of MovieLens (`ratings.dat` with
/// `::`, `u.data` with tabs) into an `InteractionLog`.
enum RatingFileParser {
    static func read(
        path: String, name: String, separator: String, ratingRange: ClosedRange<Double>
    ) throws -> InteractionLog {
        let bytes = try FileBytes.read(path)
        let buffer = bytes.span
        try TextEncoding.latin1.validate(buffer, path: path)
        var fields = RecordFields(path: path, separator: separator)
        var builder = InteractionLogBuilder(hasRatings: true, hasTimestamps: true, capacity: buffer.count / 20)
        try TextScan.forEachLine(buffer) { line, start, end in
            try fields.split(buffer, start, end, line: line, count: 4)
            let user = try fields.id(buffer, 0, "user id")
            let item = try fields.id(buffer, 1, "item id")
            let rating = try fields.number(buffer, 2, "rating", in: ratingRange)
            let timestamp = try fields.timestamp(buffer, 3)
            builder.append(buffer, user: user, item: item, rating: Float(rating), timestamp: timestamp, line: line)
        }
        return builder.build(name: name, path: path, encoding: .latin1)
    }
}
