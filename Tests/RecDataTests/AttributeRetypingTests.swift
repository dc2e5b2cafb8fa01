import Testing
import RecData

@Suite("Attribute columns read again as another type")
struct AttributeRetypingTests {
    let year = AttributeColumn(name: "year", values: .numeric([1995, nil, 1977, 1995]))
    let genres = AttributeColumn.multiCategorical(name: "genres", labels: [["Comedy", "Drama"], [], ["Drama"], ["Comedy"]])

    @Test func numbersBecomeCategoriesAndBack() throws {
        let categorical = try #require(try year.retyped(as: .categorical))
        #expect(categorical.values == .categorical(codes: [0, -1, 1, 0], categories: ["1995", "1977"]))
        let numeric = try #require(try categorical.retyped(as: .numeric))
        #expect(numeric.values == year.values)
    }

    @Test func setsCanBeOneCategoryOrIgnored() throws {
        #expect(try genres.retyped(as: .multiCategorical(separator: "|")) == genres)
        let joined = try #require(try genres.retyped(as: .categorical))
        #expect(joined.displayValue(at: 0) == "Comedy|Drama" && joined.categories?.count == 3)
        #expect(try genres.retyped(as: .ignored) == nil)
        if case .text(let texts)? = try genres.retyped(as: .text)?.values {
            #expect(texts == ["Comedy|Drama", "", "Drama", "Comedy"])
        } else {
            Issue.record("expected text")
        }
    }

    @Test func labelsThatAreNotNumbersCannotBeNumeric() {
        #expect(throws: DataError.self) { try genres.retyped(as: .numeric) }
    }
}
