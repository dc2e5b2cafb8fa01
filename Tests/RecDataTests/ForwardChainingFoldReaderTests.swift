import Foundation
import Testing
@testable import RecData

@Suite("Forward-chaining fold files")
struct ForwardChainingFoldReaderTests {
    static let header = "userID,artistID,weight,tagID,timestamp_ms,utc_year"

    @Test("folds are read by ascending year, rows in file order, CRLF tolerated")
    func readsFolds() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("train_2009.csv", "\(Self.header)\r\n2,10,5,1,1199145600000,2008\r\n3,11,1,7,1230768000000,2008\r\n")
        try dir.write("test_2009.csv", "\(Self.header)\n3,12,9,2,1243814400000,2009\n2,11,4,3,1233446400000,2009\n")
        try dir.write("train_2008.csv", "\(Self.header)\n2,10,5,1,1199145600000,2007\n")
        try dir.write("test_2008.csv", "\(Self.header)\n3,11,1,7,1230768000000,2008\n")
        try dir.write("notes.txt", "ignored\n")
        let folds = try ForwardChainingFoldReader.readFolds(directory: dir.path)
        #expect(folds.map(\.year) == [2008, 2009])
        #expect(folds[1].train.map(\.item) == ["10", "11"])
        #expect(folds[1].test.map(\.user) == ["3", "2"])
        #expect(folds[1].test[0].timestampMilliseconds == 1_243_814_400_000)
    }

    @Test("a bad timestamp names file and line; a missing column lists the header; a missing train file is named")
    func badInput() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let bad = try dir.write("test_2010.csv", "\(Self.header)\n1,2,3,4,1199145600000,2008\n1,3,3,4,yesterday,2008\n")
        #expect(errorLine(captureDataError { try ForwardChainingFoldReader.readRows(bad) }) == 3)
        let noTime = try dir.write("x.csv", "userID,artistID\n1,2\n")
        #expect(captureDataError { try ForwardChainingFoldReader.readRows(noTime) }
                == .missingColumn(path: noTime, column: "timestamp_ms", available: ["userID", "artistID"]))
        #expect(captureDataError { try ForwardChainingFoldReader.readFolds(directory: dir.path) }
                == .fileNotFound(path: dir.file("train_2010.csv")))
        let empty = try TemporaryDirectory()
        defer { empty.remove() }
        if case .noUsableData? = captureDataError({ try ForwardChainingFoldReader.readFolds(directory: empty.path) }) {} else {
            Issue.record("an empty directory must be refused")
        }
    }
}
