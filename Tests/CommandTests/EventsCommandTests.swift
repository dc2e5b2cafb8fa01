import Foundation
import Testing

@Suite("lightgcn events and train --data sqlite:", .serialized)
struct EventsCommandTests {
    /// 40 users × 8 distinct items each out of 30, types cycling through view, cart, purchase;
    /// every fifth user also dislikes one item (every tenth, one they had interacted with). Deterministic.
    /// Returns the CSV, its number of events and of positive (user, item) pairs.
    static func eventsCSV() -> (text: String, count: Int, positivePairs: Int) {
        var lines = ["event_id,user,item,type,value,timestamp"]
        let types = ["view", "cart", "purchase"]
        var positives = Set<[Int]>()
        for u in 0..<40 {
            for k in 0..<8 {
                let item = (u * 3 + k * 7) % 30
                positives.insert([u, item])
                lines.append("e\(u)-\(k),user \(u),\"item,\(item)\",\(types[(u + k) % 3]),,\(1_700_000_000 + u * 100 + k)")
            }
            if u % 5 == 0 {
                let disliked = (u * 3 + (u % 10 == 0 ? 7 : 1)) % 30
                positives.remove([u, disliked])
                lines.append("d\(u),user \(u),\"item,\(disliked)\",dislike,,\(1_700_000_900 + u)")
            }
        }
        return (lines.joined(separator: "\n") + "\n", lines.count - 1, positives.count)
    }

    static func json(_ text: String) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    }

    @Test("import reports inserted and duplicates; stats counts; train reads the store")
    func importStatsTrain() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let (csv, count, pairs) = Self.eventsCSV()
        #expect(pairs < 320, "some dislikes must hit viewed items for the test to mean something")
        try dir.write("events.csv", csv)
        let store = dir.file("events.sqlite")

        let first = try CommandLine.run(["events", "import", dir.file("events.csv"), "--store", store, "--json",
                                         "--batch-size", "100"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Self.json(first.stdout)?["inserted"] as? Int == count)
        #expect(Self.json(first.stdout)?["duplicates"] as? Int == 0)

        let again = try CommandLine.run(["events", "import", dir.file("events.csv"), "--store", "sqlite:" + store])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 inserted, \(count) duplicates"), "\(again.stdout)")

        let stats = try CommandLine.run(["events", "stats", "--store", store, "--json"])
        #expect(stats.status == 0, "\(stats.stderr)")
        let counts = Self.json(stats.stdout)
        #expect(counts?["events"] as? Int == count)
        #expect(counts?["users"] as? Int == 40)
        #expect((counts?["eventsByType"] as? [String: Int])?["dislike"] == 8)

        let model = dir.file("m.lgcn")
        let train = try CommandLine.run(["train", "--data", "sqlite:" + store, "--event-weights", "view=1,purchase=4",
                                         "--half-life", "30d", "--epochs", "2", "--dim", "8", "--layers", "2",
                                         "--batch-size", "64", "--output", model, "--json"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stderr.contains("event store"), "\(train.stderr)")
        #expect(train.stderr.contains("\(count) events → \(pairs) positive pairs"), "\(train.stderr)")
        #expect(Self.json(train.stdout)?["epochs"] as? Int == 2)
        #expect(FileManager.default.fileExists(atPath: model))

        // The model remembers the store: recommend speaks the store's external ids.
        let recommend = try CommandLine.run(["recommend", "--model", model, "--user", "user 3", "-k", "3", "--json"])
        #expect(recommend.status == 0, "\(recommend.stderr)")
        #expect(recommend.stdout.contains("item,"), "\(recommend.stdout)")
    }

    @Test("a bad file is refused whole with file:line: field, and nothing is written")
    func badFile() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let store = dir.file("events.sqlite")
        try dir.write("good.ndjson", #"{"event_id":"a","user":"u","item":"i","type":"view","timestamp":1700000000}"# + "\n")
        #expect(try CommandLine.run(["events", "import", dir.file("good.ndjson"), "--store", store]).status == 0)
        try dir.write("bad.csv", "event_id,user,item,type,timestamp\nb,u,i,view,1700000001\nc,u,i,view,later\nd,u,i,warp,1\n")
        let bad = try CommandLine.run(["events", "import", dir.file("bad.csv"), "--store", store])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.csv:3: timestamp: expected a number or ISO-8601 string, got 'later'"), "\(bad.stderr)")
        #expect(bad.stderr.contains("bad.csv:4: type: unknown event type 'warp'"), "\(bad.stderr)")
        let stats = try CommandLine.run(["events", "stats", "--store", store, "--json"])
        #expect(Self.json(stats.stdout)?["events"] as? Int == 1)

        let weights = try CommandLine.run(["train", "--data", "sqlite:" + store, "--event-weights", "view=1,cart"])
        #expect(weights.status == 64)
        #expect(weights.stderr.contains("pair 2 'cart'"), "\(weights.stderr)")
        let missing = try CommandLine.run(["train", "--data", "sqlite:" + dir.file("none.sqlite")])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no such event store"), "\(missing.stderr)")
        let format = try CommandLine.run(["events", "import", dir.file("events.txt"), "--store", store])
        #expect(format.status == 64)
    }
}
