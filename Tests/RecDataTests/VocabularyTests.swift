import Foundation
import Testing
import RecData

@Suite struct VocabularyTests {
    @Test func indicesFollowInsertionOrder() {
        var vocabulary = Vocabulary()
        #expect(vocabulary.insert("u9") == 0)
        #expect(vocabulary.insert("u1") == 1)
        #expect(vocabulary.insert("u9") == 0)
        #expect(vocabulary.count == 2)
        #expect(vocabulary.index(of: "u1") == 1)
        #expect(vocabulary.index(of: "nope") == nil)
        #expect(vocabulary.id(at: 0) == "u9")
        #expect(Vocabulary(["b", "a", "b"]).ids == ["b", "a"])
        #expect(Vocabulary.indices(count: 3).ids == ["0", "1", "2"])
    }

    @Test func codableRoundTripAndRejectsRepeats() throws {
        let vocabulary = Vocabulary(["x", "ü", "42"])
        let data = try JSONEncoder().encode(vocabulary)
        #expect(String(decoding: data, as: UTF8.self) == #"["x","ü","42"]"#)
        #expect(try JSONDecoder().decode(Vocabulary.self, from: data) == vocabulary)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Vocabulary.self, from: Data(#"["a","a"]"#.utf8)) }
    }

    @Test func subsetAndMapping() {
        let vocabulary = Vocabulary(["a", "b", "c", "d"])
        #expect(vocabulary.subset([3, 1]).ids == ["d", "b"])
        #expect(Vocabulary(["c", "z"]).indices(in: vocabulary) == [2, -1])
    }

    @Test func catalogLabelsItemsWithTitles() throws {
        let catalog = DatasetCatalog(users: Vocabulary(["u"]), items: Vocabulary(["50", "7"]),
                                     itemTitles: ["Star Wars (1977)", ""])
        #expect(catalog.label(ofItem: 0) == "50 (Star Wars (1977))")
        #expect(catalog.label(ofItem: 1) == "7")
        let decoded = try JSONDecoder().decode(DatasetCatalog.self, from: JSONEncoder().encode(catalog))
        #expect(decoded == catalog)
    }
}
