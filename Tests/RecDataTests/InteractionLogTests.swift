import Testing
import RecData

@Suite struct InteractionLogTests {
    /// Users a, b, c; items x, y, z; (a, x) repeated with an earlier timestamp the second time.
    func sample() -> InteractionLog {
        InteractionLog(
            name: "t", users: [0, 0, 1, 0, 2, 1], items: [0, 1, 1, 0, 2, 2],
            ratings: [5, 2, 4, 3, 1, 4], timestamps: [100, 90, 80, 50, 70, 60],
            userVocabulary: Vocabulary(["a", "b", "c"]), itemVocabulary: Vocabulary(["x", "y", "z"]))
    }

    @Test func repeatedPairKeepsEarliestRecord() {
        let log = sample()
        #expect(log.count == 5)
        #expect(log.duplicateCount == 1)
        // The (a, x) record at t=50 (rating 3) replaced the one at t=100, in file order.
        #expect(log.users == [0, 1, 0, 2, 1])
        #expect(log.items == [1, 1, 0, 2, 2])
        #expect(log.ratings == [2, 4, 3, 1, 4])
        #expect(log.timestamps == [90, 80, 50, 70, 60])
    }

    @Test func withoutTimestampsFirstRecordWins() {
        let log = InteractionLog(name: "t", users: [0, 0, 0], items: [1, 1, 0], ratings: [1, 5, 2],
                                 userVocabulary: Vocabulary(["a"]), itemVocabulary: Vocabulary(["x", "y"]))
        #expect(log.ratings == [1, 2])
        #expect(log.duplicateCount == 1)
    }

    @Test func thresholdSplitsPositivesAndKnownNegatives() {
        let log = sample()
        let positives = log.interactions(minRating: 4)
        let negatives = log.negatives(minRating: 4)
        #expect(positives.pairs.map { [$0.user, $0.item] } == [[1, 1], [1, 2]])
        #expect(negatives.interactionCount == 3)
        #expect(positives.overlapCount(with: negatives) == 0)
        #expect(log.interactions().interactionCount == 5)
        #expect(log.interactions().duplicateCount == 1)
        #expect(log.positives(minRating: 4).count == 2)
        #expect(log.positives(minRating: 4).userCount == 3)  // same id space
    }

    @Test func compactionDropsIdsWithoutRecords() {
        var log = sample().positives(minRating: 4)
        log.itemTitles = ["X", "Y", "Z"]
        let (compacted, keptUsers, keptItems) = log.compacted()
        #expect(keptUsers == [1])
        #expect(keptItems == [1, 2])
        #expect(compacted.userVocabulary.ids == ["b"])
        #expect(compacted.itemVocabulary.ids == ["y", "z"])
        #expect(compacted.itemTitles == ["Y", "Z"])
        #expect(compacted.users == [0, 0] && compacted.items == [0, 1])
    }

    @Test func summaryNamesCounts() {
        #expect(sample().summary == "t: 3 users, 3 items, 5 records (ratings, timestamps), 1 duplicates dropped")
    }

    @Test func attributeTableAlignsToVocabulary() {
        let table = AttributeTable(keys: Vocabulary(["2", "1"]), columns: [
            .categorical(name: "gender", labels: ["M", "F"], categories: ["F", "M"]),
            AttributeColumn(name: "age", values: .numeric([30, nil])),
            .multiCategorical(name: "genres", labels: [["Drama", "Comedy", "Drama"], []]),
        ])
        let aligned = table.aligned(to: Vocabulary(["1", "3", "2"]))
        #expect(aligned.keys.ids == ["1", "3", "2"])
        #expect(aligned[column: "gender"]?.values == .categorical(codes: [0, -1, 1], categories: ["F", "M"]))
        #expect(aligned[column: "age"]?.values == .numeric([nil, nil, 30]))
        #expect(aligned[column: "genres"]?.displayValue(at: 2) == "Drama|Comedy")
        #expect(table.coverage(of: Vocabulary(["1", "3"])) == (missingRows: 1, unusedRows: 1))
    }
}
