import RecData
import RecKernels
import Testing

@Suite("Item filters on attributes")
struct ItemFilterTests {
    /// Four items: genres {Comedy}, {Drama, Comedy}, {Horror}, {} and years 1985, 1995, nil, 2001.
    static let table = AttributeTable(
        keys: Vocabulary(["a", "b", "c", "d"]),
        columns: [
            AttributeColumn.multiCategorical(name: "genres", labels: [["Comedy"], ["Drama", "Comedy"], ["Horror"], []]),
            AttributeColumn(name: "year", values: .numeric([1985, 1995, nil, 2001])),
            AttributeColumn.categorical(name: "country", labels: ["FR", "US", "US", nil]),
            AttributeColumn(name: "title", values: .text(["Alpha", "Beta", "Gamma", "Delta"])),
        ])

    func members(_ text: String) throws -> [Int] {
        try ItemFilter(parsing: text).candidates(in: Self.table).members
    }

    @Test func categoriesComparisonsAndConjunctions() throws {
        #expect(try members("genre:Comedy") == [0, 1])
        #expect(try members("genres:comedy|horror") == [0, 1, 2])
        #expect(try members("genre!:Comedy") == [2, 3])
        #expect(try members("year>=1990") == [1, 3])
        #expect(try members("year<1990") == [0])
        #expect(try members("year!=1995") == [0, 3])
        #expect(try members("year=2001") == [3])
        #expect(try members("genre:Comedy,year>1990") == [1])
        #expect(try members("country:US; year>=1990") == [1])
        #expect(try members("country!:US") == [0, 3])
        #expect(try members("title:beta") == [1])
        #expect(try members("year:1985|2001") == [0, 3])
    }

    @Test func errorsNameTheCondition() throws {
        #expect(throws: ItemFilterError.syntax("genre", "expected column:value, column!:value or a comparison such as year>=1990")) {
            try ItemFilter(parsing: "genre")
        }
        #expect(throws: ItemFilterError.syntax("year>=old", "'old' after '>=' is not a number")) { try ItemFilter(parsing: "year>=old") }
        #expect(throws: ItemFilterError.syntax("genre:", "no value after ':'")) { try ItemFilter(parsing: "genre:") }
        #expect(throws: ItemFilterError.syntax(" , ", "no condition (expected for example genre:Comedy or year>=1990)")) {
            try ItemFilter(parsing: " , ")
        }
        #expect(throws: ItemFilterError.unknownColumn("colour:red", "colour", available: ["genres", "year", "country", "title"])) {
            try ItemFilter(parsing: "colour:red").candidates(in: Self.table)
        }
        #expect(throws: ItemFilterError.unknownValue("genre:Western", "Western", known: ["Comedy", "Drama", "Horror"])) {
            try ItemFilter(parsing: "genre:Western").candidates(in: Self.table)
        }
        #expect(throws: ItemFilterError.wrongType("genre>=3", "'genres' is not numeric; use genres:value")) {
            try ItemFilter(parsing: "genre>=3").candidates(in: Self.table)
        }
        let message = ItemFilterError.unknownColumn("colour:red", "colour", available: ["genres"]).description
        #expect(message == "filter 'colour:red': no item attribute 'colour' (item attributes: genres)")
    }

    @Test func combiningFilters() throws {
        let combined = ItemFilter(combining: [try ItemFilter(parsing: "genre:Comedy"), try ItemFilter(parsing: "year<1990")])
        #expect(try combined.candidates(in: Self.table).members == [0])
        #expect(combined.description == "genre:Comedy,year<1990")
    }
}
