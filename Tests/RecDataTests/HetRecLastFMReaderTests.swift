import Testing
import RecData

@Suite struct HetRecLastFMReaderTests {
    let reader = HetRecLastFMReader()

    func directory() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("user_artists.dat", "userID\tartistID\tweight\n2\t51\t13883\n2\t52\t11690\n3\t51\t7\n")
        try directory.write("artists.dat", "id\tname\turl\tpictureURL\n51\tDuran Duran\thttp://a/51\thttp://p/51\n"
            + "52\tMorcheeba\thttp://a/52\t\n89\tLady Gaga\thttp://a/89\thttp://p/89\n")
        try directory.write("tags.dat", bytes: latin1("tagID\ttagValue\n1\tmetal\n13\tchillout\n15\tmúsica\n"))
        try directory.write("user_taggedartists.dat", "userID\tartistID\ttagID\tday\tmonth\tyear\n"
            + "2\t52\t13\t1\t4\t2009\n2\t52\t15\t1\t4\t2009\n3\t51\t1\t1\t1\t1956\n")
        return directory
    }

    @Test func loadsWeightsNamesAndTags() throws {
        let directory = try directory()
        defer { directory.remove() }
        let log = try reader.load(directory: directory.path)
        #expect(log.name == "lastfm-hetrec")
        #expect(log.count == 3)
        #expect(log.ratings == [13883, 11690, 7])
        #expect(log.timestamps == nil)
        #expect(log.itemTitles == ["Duran Duran", "Morcheeba"])
        let items = try #require(log.itemAttributes)
        #expect(items.columnNames == ["name", "url", "pictureURL", "tags"])
        #expect(items[column: "tags"]?.displayValue(at: 1) == "chillout|música")
        #expect(items[column: "tags"]?.displayValue(at: 0) == "metal")
        #expect(items[column: "pictureURL"]?.displayValue(at: 1) == "")
        // Artist 89 has no listener; one tag date is before Last.fm existed.
        #expect(log.warnings.contains { $0.message.contains("no interaction") })
        let early = try #require(log.warnings.first { $0.message.contains("before 2002") })
        #expect(early.line == 4 && early.count == 1)
    }

    @Test func tagAssignmentsHaveUTCMidnightTimestamps() throws {
        let directory = try directory()
        defer { directory.remove() }
        let tags = try reader.readTagAssignments(path: directory.file("user_taggedartists.dat"),
                                                 tagNames: try reader.readTags(path: directory.file("tags.dat")))
        #expect(tags.count == 3)
        #expect(tags.timestamps[0] == 1_238_544_000)  // 2009-04-01T00:00:00Z
        #expect(tags.tagNames == ["chillout", "música", "metal"])
    }

    @Test func timestampFileInMilliseconds() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("user_taggedartists-timestamps.dat",
                                       "userID\tartistID\ttagID\ttimestamp\n2\t52\t13\t1238536800000\n")
        #expect(try reader.readTagAssignments(path: path).timestamps == [1_238_536_800])
    }

    @Test func errorsNameTheLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let noHeader = try directory.write("a.dat", "2\t51\t13883\n")
        #expect(errorLine(captureDataError { try reader.readUserArtists(path: noHeader) }) == 1)
        let badWeight = try directory.write("b.dat", "userID\tartistID\tweight\n2\t51\t13883\n2\t52\t-4\n")
        #expect(errorLine(captureDataError { try reader.readUserArtists(path: badWeight) }) == 3)
        let badDate = try directory.write("c.dat", "userID\tartistID\ttagID\tday\tmonth\tyear\n2\t52\t13\t31\t4\t2009\n")
        let dateError = captureDataError { try reader.readTagAssignments(path: badDate) }
        #expect(errorLine(dateError) == 2)
        #expect(dateError?.description.contains("is not a day of 2009-4") == true)
        let future = try directory.write("d.dat", "userID\tartistID\ttagID\tday\tmonth\tyear\n2\t52\t13\t1\t4\t2109\n")
        #expect(errorLine(captureDataError { try reader.readTagAssignments(path: future) }) == 2)
        let badUTF8 = try directory.write("e.dat", bytes: Array("id\tname\turl\tpictureURL\n1\tBj".utf8) + [0xF6]
            + Array("rk\tu\tp\n".utf8))
        #expect(captureDataError { try reader.readArtists(path: badUTF8) }
            == .invalidEncoding(path: badUTF8, line: 2, expected: "UTF-8"))
    }
}
