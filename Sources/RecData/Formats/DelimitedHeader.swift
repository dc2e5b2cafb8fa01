/// Picks the columns of a delimited file's header for `DelimitedInteractionReader`.
enum DelimitedHeader {
    /// Names tried, in order, for `.automatic` columns (compared after `normalized(_:)`).
    static let userNames = ["user", "userid", "uid", "users", "username", "customer", "customerid",
                            "reviewerid", "visitorid", "member", "memberid", "u"]
    static let itemNames = ["item", "itemid", "iid", "items", "movie", "movieid", "artist", "artistid",
                            "product", "productid", "asin", "business", "businessid", "track", "trackid",
                            "song", "songid", "book", "bookid", "isbn", "poi", "location", "locationid",
                            "venue", "venueid", "i"]
    static let ratingNames = ["rating", "ratings", "weight", "score", "stars", "value", "count", "playcount",
                              "plays", "preference", "r"]
    static let timestampNames = ["timestamp", "timestampms", "time", "ts", "datetime", "date", "unixtime",
                                 "created", "createdat", "t"]

    /// Lowercased, without `_`, `-`, `.` and spaces: `"User_ID"` → `"userid"`.
    static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { !"_-. ".contains($0) })
    }

    /// The index of the column chosen by `choice` among `names`, or nil (`.none`, or
    /// `.automatic` with no match when not `required`). Throws `DataError.missingColumn`.
    static func column(
        _ choice: DelimitedFileOptions.Column, role: String, candidates: [String], in names: [String],
        required: Bool, path: String
    ) throws -> Int? {
        let normalizedNames = names.map(normalized)
        switch choice {
        case .none:
            return nil
        case .named(let wanted):
            if let k = names.firstIndex(of: wanted) { return k }
            if let k = normalizedNames.firstIndex(of: normalized(wanted)) { return k }
            throw DataError.missingColumn(path: path, column: wanted, available: names)
        case .automatic:
            for candidate in candidates {
                if let k = normalizedNames.firstIndex(of: candidate) { return k }
            }
            if required {
                throw DataError.missingColumn(path: path, column: "<\(role)> (none of the usual names; name it)",
                                              available: names)
            }
            return nil
        }
    }
}
