import Foundation
import RecStore
import Testing

@Suite("Event weighting, half-life and training input")
struct EventWeightingTests {
    static func event(_ id: String, _ user: String, _ item: String, _ type: String, seconds: Int64) -> StoreEvent {
        StoreEvent(eventID: id, user: user, item: item, type: type, timestampMilliseconds: seconds * 1000)
    }

    @Test("weights parse over the defaults; errors name the pair")
    func parseWeights() throws {
        let weights = try EventWeighting.parseWeights("view=0.5, purchase=10")
        #expect(weights["view"] == 0.5 && weights["purchase"] == 10 && weights["cart"] == 3)
        #expect(throws: EventWeightingError("event weights: pair 2 'cart3': expected type=weight, e.g. view=1,cart=3,purchase=5")) {
            try EventWeighting.parseWeights("view=1,cart3")
        }
        #expect(throws: EventWeightingError("event weights: pair 1 'view=-1': the weight must be a number ≥ 0, got '-1'")) {
            try EventWeighting.parseWeights("view=-1")
        }
        #expect(throws: EventWeightingError.self) { try EventWeighting.parseWeights("view=1,") }
        #expect(throws: EventWeightingError.self) { try EventWeighting.parseWeights("=2") }
    }

    @Test("the options' weighting: weights over the defaults and a half-life, or the default; errors name the part")
    func optionWeighting() throws {
        let parsed = try EventWeighting(parsingWeights: "view=2,cart=0", halfLife: "30d")
        #expect(parsed.weights["view"] == 2 && parsed.weights["cart"] == 0 && parsed.weights["purchase"] == 5)
        #expect(parsed.halfLife == (try HalfLife(seconds: 30 * 86_400)))
        let standard = try EventWeighting(parsingWeights: nil, halfLife: nil)
        #expect(standard.weights == EventWeighting.standardWeights && standard.halfLife == nil)
        #expect(throws: EventWeightingError.self) { try EventWeighting(parsingWeights: "view", halfLife: nil) }
        #expect(throws: EventWeightingError.self) { try EventWeighting(parsingWeights: nil, halfLife: "soon") }
    }

    @Test("half-lives parse in s, m, h, d, w")
    func halfLives() throws {
        #expect(try HalfLife(parsing: "30d").seconds == 30 * 86_400)
        #expect(try HalfLife(parsing: "12h").seconds == 43_200)
        #expect(try HalfLife(parsing: "90m").seconds == 5_400)
        #expect(try HalfLife(parsing: "1.5d").seconds == 129_600)
        #expect(try HalfLife(parsing: "2w").description == "2w")
        #expect(try HalfLife(parsing: "90m").description == "90m")
        for bad in ["30", "d", "0d", "-1h", "3y", "abc", ""] {
            #expect(throws: EventWeightingError.self, "\(bad)") { try HalfLife(parsing: bad) }
        }
        let day = try HalfLife(parsing: "1d")
        #expect(day.decay(ageSeconds: 0) == 1)
        #expect(day.decay(ageSeconds: 86_400) == 0.5)
        #expect(abs(day.decay(ageSeconds: 3 * 86_400) - 0.125) < 1e-12)
        #expect(day.decay(ageSeconds: -5) == 1)
    }

    @Test("weights, decay from the newest event, negatives: a hand-computed snapshot")
    func trainingInput() throws {
        // Newest event at t = 10 days. Half-life 2 days.
        let day: Int64 = 86_400
        let events = [
            Self.event("1", "ann", "a", "view", seconds: 6 * day),       // age 4d: 1 · 0.25
            Self.event("2", "ann", "a", "purchase", seconds: 10 * day),  // age 0:  5 · 1
            Self.event("3", "ann", "b", "cart", seconds: 8 * day),       // age 2d: 3 · 0.5
            Self.event("4", "bob", "a", "view", seconds: 10 * day),      // then returned:
            Self.event("5", "bob", "a", "return", seconds: 10 * day),    //   removed, never recommend
            Self.event("6", "bob", "c", "dislike", seconds: 9 * day),    // never recommend, never positive
            Self.event("7", "bob", "b", "click", seconds: 2 * day),      // age 8d: 0 (click weighted 0) → dropped
            Self.event("8", "cat", "c", "like", seconds: 9 * day),       // age 1d: 3 · 2^-0.5
        ]
        let weighting = EventWeighting(weights: try EventWeighting.parseWeights("click=0"),
                                       halfLife: try HalfLife(parsing: "2d"))
        let input = TrainingInput(snapshot: EventSnapshot(events: events, cursor: 8), weighting: weighting)
        let log = input.log
        #expect(log.userVocabulary.ids == ["ann", "cat"])
        #expect(log.itemVocabulary.ids == ["a", "b", "c"])
        #expect(log.users == [0, 0, 1] && log.items == [0, 1, 2])
        let expected = [0.25 + 5, 1.5, 3 * pow(0.5, 0.5)]
        #expect(zip(input.weights, expected).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(log.ratings == expected.map(Float.init))
        #expect(log.timestamps == [10 * day, 8 * day, 9 * day])
        #expect(input.neverRecommend == ["bob": ["a", "c"]])
        #expect(input.removedByNegatives == 1)
        #expect(input.droppedBelowMinimum == 1)
        #expect(input.eventCount == 8 && input.cursor == 8)
    }

    @Test("without a half-life weights are plain sums; the snapshot order fixes the vocabularies")
    func noDecay() {
        let events = [
            Self.event("1", "u2", "x", "view", seconds: 100),
            Self.event("2", "u1", "y", "cart", seconds: 1),
            Self.event("3", "u2", "x", "view", seconds: 5),
        ]
        let input = TrainingInput(snapshot: EventSnapshot(events: events, cursor: 3), weighting: EventWeighting())
        #expect(input.log.userVocabulary.ids == ["u2", "u1"])
        #expect(input.weights == [2, 3])
        #expect(input.log.timestamps == [100, 1])
        #expect(input.neverRecommend.isEmpty)
    }

    @Test("an empty snapshot gives an empty log")
    func empty() {
        let input = TrainingInput(snapshot: EventSnapshot(events: [], cursor: 0), weighting: EventWeighting())
        #expect(input.log.count == 0 && input.log.userCount == 0)
    }
}
