import Testing
import RecData

@Suite("Attribute files: CSV/TSV features with inferred and declared column types")
struct AttributeFileReaderTests {
    /// Writes `text` to a temporary file, reads it with `options`, removes the file.
    func read(_ text: String, name: String = "users.csv",
              _ options: AttributeFileOptions = AttributeFileOptions()) throws -> AttributeTable {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        return try AttributeFileReader(options: options).read(path: directory.write(name, text))
    }

    func error(_ text: String, _ options: AttributeFileOptions = AttributeFileOptions()) -> DataError? {
        captureDataError { try AttributeFileReader(options: options).parse(Array(text.utf8), path: "data/users.csv") }
    }

    @Test("types are inferred: numbers, labels, |-joined label sets, free text; NA and empty cells are missing")
    func infersTypes() throws {
        let table = try read("""
            user_id,age,gender,genres,motto
            u1,25,F,Comedy|Drama,carpe diem
            u2,NA,M,Drama,"to be, or not"
            u3,31.5,F,,veni vidi vici
            u4,40,,Action | Comedy,festina lente

            """, AttributeFileOptions(maxInferredCategories: 2))
        #expect(table.keys.ids == ["u1", "u2", "u3", "u4"])
        #expect(table.columnNames == ["age", "gender", "genres", "motto"])
        #expect(table[column: "age"]?.values == .numeric([25, nil, 31.5, 40]))
        #expect(table[column: "gender"]?.values == .categorical(codes: [0, 1, 0, -1], categories: ["F", "M"]))
        #expect(table[column: "genres"]?.values
                == .multiCategorical(codes: [[0, 1], [1], [], [0, 2]], categories: ["Comedy", "Drama", "Action"]))
        #expect(table[column: "motto"]?.values
                == .text(["carpe diem", "to be, or not", "veni vidi vici", "festina lente"]))
    }

    @Test("declared types replace inferred ones: numeric-looking codes as categories, a column ignored")
    func declaredTypes() throws {
        let options = AttributeFileOptions(columnTypes: [
            "zip": .categorical, "tags": .multiCategorical(separator: ";"), "age": .ignored,
        ])
        let table = try read("movie\tzip\ttags\tage\n10\t02139\ta;b\t3\n11\t2139\tb\t4\n12\t02139\t\t5\n",
                             name: "items.tsv", options)
        #expect(table.columnNames == ["zip", "tags"])
        #expect(table[column: "zip"]?.values == .categorical(codes: [0, 1, 0], categories: ["02139", "2139"]))
        #expect(table[column: "tags"]?.values == .multiCategorical(codes: [[0, 1], [1], []], categories: ["a", "b"]))
        // Without the declaration the same codes are numbers.
        let inferred = try read("movie\tzip\n10\t02139\n11\t2139\n", name: "items.tsv")
        #expect(inferred[column: "zip"]?.values == .numeric([2139, 2139]))
    }

    @Test("the id column is found by name, else it is the first column; or it is named")
    func idColumn() throws {
        let byName = try read("age,itemId\n3,a\n4,b\n")
        #expect(byName.keys.ids == ["a", "b"] && byName.columnNames == ["age"])
        let first = try read("key,age\nx,3\ny,4\n")
        #expect(first.keys.ids == ["x", "y"])
        let named = try read("key,code\nx,p\ny,q\n", AttributeFileOptions(idColumn: "code"))
        #expect(named.keys.ids == ["p", "q"] && named.columnNames == ["key"])
    }

    @Test("a cell of a column declared numeric that is not a number names the file, line and column")
    func notANumber() {
        let error = error("id,age\nu1,25\nu2,twenty\n", AttributeFileOptions(columnTypes: ["age": .numeric]))
        #expect(error == .malformedLine(
            path: "data/users.csv", line: 3, text: "twenty",
            reason: "is not a number, but column \"age\" is numeric; fix the value, write it as missing, "
                + "or declare the column categorical"))
        #expect(error?.description.hasPrefix("data/users.csv:3: \"twenty\" is not a number, but column \"age\"") == true)
    }

    @Test("repeated and empty ids, wrong field counts and a bare header are errors naming the line")
    func malformedRows() {
        #expect(errorLine(error("id,age\nu1,1\n\nu1,2\n")) == 4)
        if case .malformedLine(_, _, let text, let reason)? = error("id,age\nu1,1\n\nu1,2\n") {
            #expect(text == "u1" && reason.contains("line 2") && reason.contains("column \"id\""))
        } else {
            Issue.record("expected a malformed line")
        }
        #expect(errorLine(error("id,age\n,1\n")) == 2)
        #expect(errorLine(error("id,age,gender\nu1,1,F\nu2,2\n")) == 3)
        #expect(error("id,age\n") == .noUsableData(path: "data/users.csv", reason: "the header is followed by no rows"))
        #expect(errorLine(error("id,age,age\nu1,1,2\n")) == 1)
        #expect(errorLine(error("idage\nu1\n")) == 1)
    }

    @Test("a type for a column the header lacks lists the columns; the id column cannot have a type")
    func badDeclarations() {
        #expect(error("id,age\nu1,1\n", AttributeFileOptions(columnTypes: ["sex": .categorical]))
                == .missingColumn(path: "data/users.csv", column: "sex", available: ["id", "age"]))
        if case .invalidParameter(let name, _)? = error("id,age\nu1,1\n", AttributeFileOptions(columnTypes: ["id": .numeric])) {
            #expect(name == "column types")
        } else {
            Issue.record("expected an invalid parameter")
        }
        #expect(error("id,age\nu1,1\n", AttributeFileOptions(idColumn: "uid"))
                == .missingColumn(path: "data/users.csv", column: "uid", available: ["id", "age"]))
    }

    @Test("alignment to a vocabulary counts ids without rows and keeps rows without ids apart")
    func alignment() throws {
        let table = try read("id,age,gender\nu1,20,F\nu2,30,M\nu3,40,F\n")
        let vocabulary = Vocabulary(["u2", "u9", "u1"])
        let aligned = table.alignment(to: vocabulary)
        #expect(aligned.table.keys == vocabulary)
        #expect(aligned.table[column: "age"]?.values == .numeric([30, nil, 20]))
        #expect(aligned.table[column: "gender"]?.values == .categorical(codes: [1, -1, 0], categories: ["F", "M"]))
        #expect(aligned.missingIDs == ["u9"] && aligned.missingCount == 1)
        #expect(aligned.extraRows.keys.ids == ["u3"] && aligned.extraCount == 1)
        #expect(aligned.extraRows[column: "age"]?.values == .numeric([40]))
        let warnings = aligned.warnings(path: "users.csv", nodes: "users")
        #expect(warnings.map(\.count) == [1, 1])
        #expect(warnings[0].description == "users.csv: 1 users have no row here (\"u9\"); their attributes are missing")
        #expect(warnings[1].message.contains("\"u3\""))
        #expect(table.alignment(to: table.keys).warnings(path: "users.csv", nodes: "users").isEmpty)
    }
}
