import Foundation
import RecData
import Testing

@Suite struct SHA256Tests {
    /// The NIST FIPS 180-4 example messages (csrc.nist.gov "SHA256.pdf", "SHA2_Additional.pdf").
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func nistVectors(message: String, expected: String) {
        #expect(SHA256.hexDigest(of: Array(message.utf8)) == expected)
    }

    @Test func oneMillionA() {
        #expect(SHA256.hexDigest(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func chunkedUpdatesEqualOneUpdate() {
        var generator = SystemRandomNumberGenerator()
        let message = (0..<1_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let whole = SHA256.hexDigest(of: message)
        // Chunk sizes around the block (64) and length-field (56) boundaries.
        for chunk in [1, 7, 55, 56, 63, 64, 65, 128, 999] {
            var hash = SHA256()
            var start = 0
            while start < message.count {
                let end = min(start + chunk, message.count)
                hash.update(Array(message[start..<end]))
                start = end
            }
            #expect(hash.hexDigest == whole, "chunks of \(chunk)")
        }
        // `digest` leaves the hash as it is: more bytes may follow.
        var hash = SHA256()
        hash.update(Array(message[..<500]))
        _ = hash.digest()
        hash.update(Array(message[500...]))
        #expect(hash.hexDigest == whole)
        #expect(hash.digest().count == SHA256.digestByteCount)
    }

    @Test func messagesOfEveryLengthAroundThePadding() throws {
        // Lengths 0…130 against the file path (chunked reads of 64 bytes) and the one-shot path.
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for length in 0...130 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let path = try directory.write("m\(length)", bytes: bytes)
            #expect(try SHA256.hexDigest(ofFileAt: path, chunkSize: 64) == SHA256.hexDigest(of: bytes), "length \(length)")
        }
        #expect(captureDataError { try SHA256.hexDigest(ofFileAt: directory.file("missing")) }
            == .fileNotFound(path: directory.file("missing")))
    }

    static let realFile = "../shared/data/gowalla/user_list.txt"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: realFile),
                   "skipped: \(realFile) is missing (see ../shared/data/README.md)"))
    func realFileMatchesSha256sumAndTheREADME() throws {
        let digest = try SHA256.hexDigest(ofFileAt: Self.realFile)
        // The value ../shared/data/README.md lists for gowalla/user_list.txt.
        #expect(digest == "5344c4d0deef610e1f148f23ad216a0db03b36f88834cd39a06786a672c5f5a1")
        let tool = "/usr/bin/sha256sum"
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            print("SHA256Tests: \(tool) not found; compared with the README's value only")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [Self.realFile]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(printed.split(separator: " ").first.map(String.init) == digest)
    }
}
