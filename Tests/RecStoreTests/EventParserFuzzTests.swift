import Foundation
import RecStore
import Testing

/// Seeded random mutations of valid input: the parser never crashes, and either accepts the
/// input or rejects it with issues that say where (and, for field problems, which field).
@Suite("Event parser fuzzing")
struct EventParserFuzzTests {
    /// SplitMix64: a tiny seeded generator, so that a failure is reproducible from its seed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let valid = #"""
    [{"event_id": "e1", "user": "alice", "item": 42, "type": "view", "timestamp": 1700000000},
     {"event_id": "e2", "user": "bob", "item": "x", "type": "rating", "value": 4.5, "timestamp": "2023-11-14T22:13:20Z", "source": "web"},
     {"event_id": "e3", "user": 7, "item": "y", "type": "purchase", "value": null, "timestamp": 1.25}]
    """#

    static let pieces: [String] = ["\"", "{", "}", "[", "]", ",", ":", "null", "true", "-1", "1e400", "\"type\"",
                                   "\"timestamp\"", "\\u0000", "\u{0}", "é", "9999999999999999999999", "\"\"", " "]

    static func mutate(_ text: String, using generator: inout SplitMix) -> String {
        var bytes = Array(text.utf8)
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            let position = Int.random(in: 0..<max(bytes.count, 1), using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0 where !bytes.isEmpty: bytes.remove(at: position)
            case 1: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position)
            case 2 where !bytes.isEmpty: bytes[position] = UInt8.random(in: 0x20...0x7E, using: &generator)
            default: bytes.insert(contentsOf: Array(pieces.randomElement(using: &generator)!.utf8), at: position)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("2,000 mutations of a valid JSON batch", arguments: [1, 2, 3, 4] as [UInt64])
    func mutations(seed: UInt64) {
        var generator = SplitMix(state: seed)
        let parser = EventParser()
        var accepted = 0, rejected = 0
        for round in 0..<500 {
            let text = Self.mutate(Self.valid, using: &generator)
            do {
                let events = try parser.parseJSON(Data(text.utf8))
                #expect(events.allSatisfy { !$0.eventID.isEmpty && !$0.user.isEmpty && !$0.item.isEmpty })
                accepted += 1
            } catch let error as EventBatchError {
                rejected += 1
                #expect(!error.issues.isEmpty, "seed \(seed) round \(round)")
                for issue in error.issues {
                    switch issue.position {
                    case .document:
                        #expect(issue.message.hasPrefix("not valid JSON") || issue.message.hasPrefix("expected"),
                                "seed \(seed) round \(round): \(issue)")
                    case .index, .single:
                        // Either a field is named, or the element as a whole is not an object.
                        #expect(issue.field != nil || issue.message.hasPrefix("expected an event object"),
                                "seed \(seed) round \(round): \(issue)")
                    case .line:
                        Issue.record("JSON issues have no lines: \(issue)")
                    }
                }
            } catch {
                Issue.record("seed \(seed) round \(round): unexpected error \(error)")
            }
        }
        // The mutations must exercise both outcomes, or the test proves little.
        #expect(rejected > 100)
        #expect(accepted > 0)
    }

    @Test("mutated CSV and NDJSON never crash and are named by line", arguments: [11, 12] as [UInt64])
    func otherFormats(seed: UInt64) {
        var generator = SplitMix(state: seed)
        let parser = EventParser()
        let csv = "event_id,user,item,type,value,timestamp\ne1,u,\"a,b\",view,,1700000000\ne2,v,c,cart,2,1700000001\n"
        let ndjson = #"{"event_id":"e1","user":"u","item":"i","type":"view","timestamp":1}"# + "\n"
            + #"{"event_id":"e2","user":"u","item":"j","type":"like","timestamp":2}"#
        for (format, valid) in [(EventParser.Format.csv, csv), (.ndjson, ndjson)] {
            for round in 0..<300 {
                let text = Self.mutate(valid, using: &generator)
                do {
                    _ = try parser.parse(Data(text.utf8), format: format)
                } catch let error as EventBatchError {
                    #expect(error.issues.allSatisfy {
                        if case .line(let n) = $0.position { return n >= 1 } else { return $0.field == "events" }
                    }, "\(format) seed \(seed) round \(round): \(error)")
                } catch {
                    Issue.record("\(format) seed \(seed) round \(round): unexpected error \(error)")
                }
            }
        }
    }
}
