import Foundation

/// Tiny datasets with side features for the command tests, each with a planted signal.
enum FeatureFixtures {
    /// A MovieLens 1M directory of 48 users and 24 movies: women (odd user ids) rate the
    /// comedies (odd movie ids) 5, men the dramas (even ids); each user also rates one movie of
    /// the other kind 2 (a known negative). Movies divisible by 3 are romances too.
    static func movieLens(in directory: ScratchDirectory) throws -> String {
        var users: [String] = [], movies: [String] = [], ratings: [String] = []
        for u in 1...48 {
            users.append("\(u)::\(u % 2 == 1 ? "F" : "M")::\([1, 18, 25, 35][u % 4])::\(u % 5)::\(10000 + u)")
        }
        for m in 1...24 {
            movies.append("\(m)::Movie \(m) (\(1990 + m % 10))::\(m % 2 == 1 ? "Comedy" : "Drama")\(m % 3 == 0 ? "|Romance" : "")")
        }
        var time = 978_300_000
        for u in 1...48 {
            for m in 1...24 where m % 2 == u % 2 && (u * 7 + m) % 4 != 0 {
                ratings.append("\(u)::\(m)::5::\(time)")
                time += 1
            }
            ratings.append("\(u)::\((u % 12) * 2 + (u % 2 == 1 ? 2 : 1))::2::\(time)")
            time += 1
        }
        let path = directory.file("ml")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Data((users.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path + "/users.dat"))
        try Data((movies.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path + "/movies.dat"))
        try Data((ratings.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path + "/ratings.dat"))
        return path
    }

    /// A CSV log with string ids (users u0…u29 like items a*, v0…v29 like items b*) and
    /// feature files: `users.csv` (group, age; user v29 has no row, and a row for "newbie"
    /// has no interaction) and `items.csv` (tags joined by |).
    static func csv(in directory: ScratchDirectory) throws -> (log: String, users: String, items: String) {
        var log = ["user_id,item_id,stars"], users = ["user_id,group,age"], items = ["item_id,tags"]
        for g in 0..<2 {
            for u in 0..<30 {
                for i in 0..<12 where (u + i) % 3 != 0 {
                    log.append("\(g == 0 ? "u" : "v")\(u),\(g == 0 ? "a" : "b")\(i),5")
                }
                if !(g == 1 && u == 29) { users.append("\(g == 0 ? "u" : "v")\(u),\(g == 0 ? "A" : "B"),\(20 + u)") }
            }
            for i in 0..<12 { items.append("\(g == 0 ? "a" : "b")\(i),\(g == 0 ? "x" : "y")|t\(i % 3)") }
        }
        users.append("newbie,A,33")
        try directory.write("log.csv", log.joined(separator: "\n") + "\n")
        try directory.write("users.csv", users.joined(separator: "\n") + "\n")
        try directory.write("items.csv", items.joined(separator: "\n") + "\n")
        return (directory.file("log.csv"), directory.file("users.csv"), directory.file("items.csv"))
    }

    /// The item ids of a `recommend --json` document.
    static func recommendedItems(_ stdout: String) throws -> [String] {
        let output = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any]
        return (output?["items"] as? [[String: Any]])?.compactMap { $0["item"] as? String } ?? []
    }
}
