import Testing
import RecData

@Suite struct DelimitedInteractionReaderTests {
    func parse(_ text: String, _ options: DelimitedFileOptions = DelimitedFileOptions()) throws -> InteractionLog {
        try DelimitedInteractionReader(options: options).parse(Array(text.utf8), path: "data/log.csv")
    }

    func error(_ text: String, _ options: DelimitedFileOptions = DelimitedFileOptions()) -> DataError? {
        captureDataError { try parse(text, options) }
    }

    @Test func readsQuotedStringIDsWithCommasAndEscapes() throws {
        let log = try parse("user_id,item_id,rating,timestamp\n"
            + "alice,\"Book, The\",4.5,1500000000\n"
            + "\"bob \",item-2,3,1500000100\n"
            + "alice,\"say \"\"hi\"\"\",2,1500000200\n\n")
        #expect(log.name == "log")
        #expect(log.userVocabulary.ids == ["alice", "bob "])
        #expect(log.itemVocabulary.ids == ["Book, The", "item-2", #"say "hi""#])
        #expect(log.ratings == [4.5, 3, 2])
        #expect(log.timestamps == [1_500_000_000, 1_500_000_100, 1_500_000_200])
    }

    @Test(arguments: ["\t", ";", "|"])
    func detectsSeparator(separator: String) throws {
        let text = ["userId", "movieId", "rating"].joined(separator: separator) + "\r\n"
            + ["1", "10", "4"].joined(separator: separator) + "\r\n" + ["2", "10", "5"].joined(separator: separator) + "\r\n"
        let log = try parse(text)
        #expect(log.count == 2)
        #expect(log.timestamps == nil)
        #expect(log.itemVocabulary.ids == ["10"])
    }

    @Test func namedColumnsAndOptionalFieldsOff() throws {
        let text = "who,what,stars,when\nu1,i1,5,2009-04-01\nu2,i1,4,2009-04-02T10:00:00Z\n"
        let log = try parse(text, DelimitedFileOptions(user: "who", item: "WHAT", rating: .none, timestamp: "when"))
        #expect(log.ratings == nil)
        #expect(log.timestamps == [1_238_544_000, 1_238_666_400])
    }

    @Test func millisecondColumnByName() throws {
        let log = try parse("userID,artistID,weight,tagID,timestamp_ms,utc_year\n2,52,11690,13,1238536800000,2009\n")
        #expect(log.timestamps == [1_238_536_800])
        #expect(log.ratings == [11690])
    }

    @Test func quotedLineBreaksKeepLineNumbersAndBOMIsSkipped() throws {
        let text = "\u{FEFF}user,item\nu1,\"two\nlines\"\nu2,x\nu3\n"
        let error = self.error(text)
        #expect(errorLine(error) == 5)
        #expect(error?.description.contains("has 1 field, expected 2") == true)
        #expect(try parse("\u{FEFF}user,item\nu1,\"two\nlines\"\n").itemVocabulary.ids == ["two\nlines"])
    }

    @Test func errorsNameFileAndLine() {
        #expect(errorLine(error("user,item,rating\nu,i,4\nu,j,four\n")) == 3)
        #expect(errorLine(error("user,item\nu,\"open\n\nx,y\n")) == 2)
        #expect(errorLine(error("user,item,timestamp\nu,i,1\nu,j,-7\n")) == 3)
        #expect(error("user,item,timestamp\nu,i,5000000000\n")?.description.contains("between 1970 and 2099") == true)
        #expect(errorLine(error("user,item,date\nu,i,2009-04-01\nu,j,1957-03-01\n")) == 3)
        #expect(errorLine(error("user,item\nu,\n")) == 2)
        #expect(error("user;item\nu1;i1\nu2,i2\n")?.description.contains("seems to be separated by \",\"") == true)
        #expect(error("user,item\n\"a\"b,c\n")?.description.contains("after a closing quote") == true)
        #expect(error("only\nu\n")?.description.contains("one column") == true)
        #expect(error("user,item\n") == .noUsableData(path: "data/log.csv", reason: "the header is followed by no rows"))
    }

    @Test func implausibleTimestampsCanBeSkippedWithACount() throws {
        let text = "user,item,timestamp_ms\nu,i,1238536800000\nu,j,-405133200000\nv,j,1238536800000\nv,k,-1\n"
        #expect(errorLine(error(text)) == 3)
        let log = try parse(text, DelimitedFileOptions(implausibleTimestamps: .skipRow))
        #expect(log.count == 2)
        #expect(log.warnings == [DataWarning(
            path: "data/log.csv", line: 3, count: 2,
            message: "2 rows with a timestamp before 1970 or after 2099 were left out")])
    }

    @Test func missingColumnListsTheHeader() {
        #expect(error("person,thing\na,b\n", DelimitedFileOptions(user: "person"))
            == .missingColumn(path: "data/log.csv", column: "<item> (none of the usual names; name it)",
                              available: ["person", "thing"]))
        #expect(error("user,item\na,b\n", DelimitedFileOptions(rating: "score"))
            == .missingColumn(path: "data/log.csv", column: "score", available: ["user", "item"]))
    }

    @Test func encodingIsChecked() throws {
        let bytes = Array("user,item\nu,caf".utf8) + [0xE9] + Array("\n".utf8)
        let reader = DelimitedInteractionReader()
        #expect(captureDataError { try reader.parse(bytes, path: "x.csv") }
            == .invalidEncoding(path: "x.csv", line: 2, expected: "UTF-8"))
        let latin = DelimitedInteractionReader(options: DelimitedFileOptions(encoding: .latin1))
        #expect(try latin.parse(bytes, path: "x.csv").itemVocabulary.ids == ["café"])
        #expect(captureDataError { try reader.parse([0xFF, 0xFE, 0x75, 0x00], path: "x.csv") }
            == .invalidEncoding(path: "x.csv", line: 1, expected: "UTF-8"))
    }

    @Test func duplicatesAreCountedWithTheirLines() throws {
        let log = try parse("user,item\na,x\nb,x\na,y\na,x\na,x\n")
        #expect(log.count == 3)
        #expect(log.duplicateCount == 2)
        #expect(log.warnings.count == 1)
        #expect(log.warnings[0].line == 5)
        #expect(log.warnings[0].description.contains("repeats line 2"))
    }

    @Test func generatorIsDeterministicAndReadable() throws {
        let generator = CSVGenerator(rowCount: 2000, userCount: 50, itemCount: 600, seed: 7)
        #expect(generator.bytes() == generator.bytes())
        #expect(generator.bytes() != CSVGenerator(rowCount: 2000, userCount: 50, itemCount: 600, seed: 8).bytes())
        let log = try DelimitedInteractionReader().parse(generator.bytes(), path: "gen.csv")
        #expect(log.count + log.duplicateCount == 2000)
        #expect(log.itemVocabulary.contains("item 50, special"))
        #expect(log.itemVocabulary.contains(#"item "0""#))
        #expect(log.ratings?.allSatisfy { $0 >= 0.5 && $0 <= 5 } == true)
    }
}
