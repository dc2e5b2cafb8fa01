import Foundation
import RecStore
import Testing

@Suite("Event parsing and validation")
struct EventParserTests {
    let parser = EventParser()

    func issues(_ body: () throws -> [StoreEvent]) -> [String] {
        do {
            _ = try body()
            return []
        } catch let error as EventBatchError {
            return error.issues.map(\.description)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test("a JSON array of valid events, with integer ids, ISO and numeric times")
    func validJSON() throws {
        let json = #"""
        [{"event_id": "e1", "user": "alice", "item": 42, "type": "view", "timestamp": 1700000000},
         {"event_id": "e2", "user_id": 7, "item_id": "tt01", "type": "rating", "value": 4.5,
          "timestamp": "2023-11-14T22:13:20.250Z", "source": "web"}]
        """#
        let events = try EventParser(defaultSource: "api").parseJSON(Data(json.utf8))
        #expect(events == [
            StoreEvent(eventID: "e1", user: "alice", item: "42", type: "view", timestampMilliseconds: 1_700_000_000_000, source: "api"),
            StoreEvent(eventID: "e2", user: "7", item: "tt01", type: "rating", value: 4.5,
                       timestampMilliseconds: 1_700_000_000_250, source: "web"),
        ])
        let single = try parser.parseJSON(Data(#"{"event_id":"x","user":"u","item":"i","type":"click","timestamp":1.5}"#.utf8))
        #expect(single.count == 1 && single[0].timestampMilliseconds == 1500)
    }

    @Test("each bad event is named by index and field; the whole batch is rejected")
    func badJSONFields() {
        let json = #"""
        [{"event_id": "ok", "user": "u", "item": "i", "type": "view", "timestamp": 1},
         {"event_id": "", "user": true, "item": "i", "type": "view", "timestamp": 1},
         {"event_id": "b", "user": "u", "item": "i", "type": "wishlist", "timestamp": 1},
         {"event_id": "c", "user": "u", "item": "i", "type": "view", "timestamp": [1]},
         {"event_id": "d", "user": "u", "type": "view", "timestamp": 1, "colour": "red"},
         "not an object",
         {"event_id": "f", "user": "u", "item": "i", "type": "view", "timestamp": 1700000000000}]
        """#
        let found = issues { try parser.parseJSON(Data(json.utf8)) }
        #expect(found.contains("events[1].event_id: empty"))
        #expect(found.contains("events[1].user: expected a string or an integer, found a boolean"))
        #expect(found.contains { $0.hasPrefix("events[2].type: unknown event type 'wishlist' (expected one of: cart, click,") })
        #expect(found.contains("events[3].timestamp: expected a number or ISO-8601 string, found an array"))
        #expect(found.contains { $0.hasPrefix("events[4].colour: unknown field") })
        #expect(found.contains("events[4].item: missing"))
        #expect(found.contains("events[5]: expected an event object, found a string"))
        #expect(found.contains { $0.hasPrefix("events[6].timestamp: 1700000000000 is too large for Unix seconds") })
        #expect(!found.contains { $0.hasPrefix("events[0]") })
        #expect(found.count == 8)
    }

    @Test("bad ISO timestamps and non-JSON bodies are named")
    func badTimestampsAndBodies() {
        let bad = #"{"event_id":"x","user":"u","item":"i","type":"view","timestamp":"yesterday"}"#
        #expect(issues { try parser.parseJSON(Data(bad.utf8)) }
                == ["event.timestamp: expected a number or ISO-8601 string, got 'yesterday'"])
        #expect(issues { try parser.parseJSON(Data("[1, 2".utf8)) }.first?.hasPrefix("body: not valid JSON") == true)
        #expect(issues { try parser.parseJSON(Data("42".utf8)) }
                == ["body: expected an event object or an array of events, found a number"])
    }

    @Test("batches above the limit are refused with the limit named")
    func batchLimit() {
        let small = EventParser(maximumBatch: 2)
        let three = "[" + (0..<3).map { #"{"event_id":"\#($0)","user":"u","item":"i","type":"view","timestamp":1}"# }
            .joined(separator: ",") + "]"
        #expect(issues { try small.parseJSON(Data(three.utf8)) }
                == ["events: 3 events, more than the limit of 2 per batch: split the batch"])
        let unlimited = EventParser(maximumBatch: nil)
        #expect(issues { try unlimited.parseJSON(Data(three.utf8)) } == [])
    }

    @Test("NDJSON: line numbers, blank lines skipped, broken lines named")
    func ndjson() throws {
        let text = """
        {"event_id":"a","user":"u","item":"i","type":"view","timestamp":1}

        {"event_id":"b","user":"u","item":"i","type":"cart","timestamp":2}
        {"event_id":"c","user":"u","item":"i","type":"cart",
        {"event_id":"d","user":"u","item":"i","type":"teleport","timestamp":2}
        """
        let found = issues { try parser.parseNDJSON(Data(text.utf8)) }
        #expect(found.count == 2)
        #expect(found[0].hasPrefix("line 4: not valid JSON"))
        #expect(found[1].hasPrefix("line 5: type: unknown event type 'teleport'"))
        let good = try parser.parseNDJSON(Data(text.split(separator: "\n").prefix(2).joined(separator: "\n\n").utf8))
        #expect(good.map(\.eventID) == ["a", "b"])
    }

    @Test("CSV: columns by name, quoted fields with commas, quotes and line breaks, CRLF")
    func csv() throws {
        let text = "timestamp,event_id,user_id,item_id,type,value,source\r\n"
            + "1700000000,e1,alice,\"Pulp, Fiction\",rating,5,\r\n"
            + "2023-11-14T22:13:21Z,\"e\"\"2\",\"bob\nsmith\",x,view,,batch\r\n"
            + "1700000002,e3,carol,y,purchase,,\n"
        let events = try parser.parseCSV(Data(text.utf8))
        #expect(events.map(\.eventID) == ["e1", "e\"2", "e3"])
        #expect(events.map(\.user) == ["alice", "bob\nsmith", "carol"])
        #expect(events[0].item == "Pulp, Fiction" && events[0].value == 5 && events[0].source == nil)
        #expect(events[1].timestampMilliseconds == 1_700_000_001_000 && events[1].value == nil && events[1].source == "batch")
    }

    @Test("CSV errors name the line (counting quoted line breaks) and the field")
    func csvErrors() {
        let text = "event_id,user,item,type,timestamp\n"
            + "a,\"multi\nline\",i,view,1\n"
            + "b,u,i,view,soon\n"
            + "c,u,i\n"
            + "d,,i,view,1\n"
        let found = issues { try parser.parseCSV(Data(text.utf8)) }
        #expect(found == [
            "line 4: timestamp: expected a number or ISO-8601 string, got 'soon'",
            "line 5: expected 5 fields, found 3",
            "line 6: user: empty",
        ])
        let header = issues { try parser.parseCSV(Data("event_id,user,type,when\n".utf8)) }
        #expect(header.contains { $0.hasPrefix("line 1: when: unknown column") })
        #expect(header.contains("line 1: item: missing column"))
        #expect(header.contains("line 1: timestamp: missing column"))
    }

    @Test("the type set is configurable")
    func customTypes() throws {
        let parser = EventParser(types: try EventTypes(parsing: "play, skip"))
        let ok = #"{"event_id":"x","user":"u","item":"i","type":"play","timestamp":1}"#
        #expect(try parser.parseJSON(Data(ok.utf8)).count == 1)
        let view = ok.replacingOccurrences(of: "play", with: "view")
        #expect(issues { try parser.parseJSON(Data(view.utf8)) }
                == ["event.type: unknown event type 'view' (expected one of: play, skip)"])
        #expect(throws: EventWeightingError.self) { try EventTypes(parsing: "play,,skip") }
    }

    @Test("issues located in a file read like compiler messages")
    func located() {
        #expect(EventIssue(.line(4), field: "timestamp", "bad").located(in: "e.csv") == "e.csv:4: timestamp: bad")
        #expect(EventIssue(.index(3), field: "type", "bad").located(in: "e.json") == "e.json: events[3].type: bad")
    }
}
