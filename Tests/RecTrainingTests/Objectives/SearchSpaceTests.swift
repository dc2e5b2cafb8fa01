import Foundation
import RecKernels
import Testing
@testable import RecTraining

@Suite("Search spaces of tune")
struct SearchSpaceTests {
    @Test("ranges (log, integer, grid points) and lists parse, draw inside their bounds and apply to a configuration")
    func parseAndDraw() throws {
        let space = try SearchSpace(parsing: "lr=0.001..0.1:log, batch-size=1024..4096, loss=softmax|bsl, temperature=0.1..0.3:2")
        #expect(space.dimensions.map(\.parameter) == [.lr, .batchSize, .loss, .temperature])
        var generator = SeededGenerator(seed: 3)
        var seenLosses: Set<String> = []
        for _ in 0..<200 {
            let values = space.dimensions.map { $0.sample(using: &generator) }
            let lr = Double(values[0])!, batch = Int(values[1])!, tau = Double(values[3])!
            #expect(lr >= 0.001 * 0.9999 && lr <= 0.1 * 1.0001)
            #expect(batch >= 1024 && batch <= 4096)
            #expect(tau >= 0.1 && tau <= 0.3)
            seenLosses.insert(values[2])
            var c = TrainingConfiguration()
            for (dimension, value) in zip(space.dimensions, values) { try dimension.parameter.apply(value, to: &c) }
            #expect(c.learningRate == lr && c.batchSize == batch && c.loss.rawValue == values[2] && c.temperature == tau)
        }
        #expect(seenLosses == ["softmax", "bsl"])
        // Grid: 3 × 3 × 2 × 2, the log range at lo, √(lo·hi), hi.
        #expect(space.grid.count == 36)
        #expect(space.dimensions[0].gridValues == ["0.001", "0.01", "0.1"])
        #expect(space.dimensions[3].gridValues == ["0.1", "0.3"])
        // The score function is a list too.
        let scores = try SearchSpace(parsing: "score=inner|cosine")
        #expect(scores.grid.count == 2)
        var c = TrainingConfiguration()
        try TrainingParameter.score.apply("cosine", to: &c)
        #expect(c.score == .cosine)
    }

    @Test("bad spaces are refused with the part at fault", arguments: [
        ("", "lists no option"), ("lr", "not name=values"), ("speed=1..2", "unknown option 'speed'"),
        ("lr=0.1..0.01", "lo ≤ hi"), ("lr=0..1:log", "needs lo > 0"), ("loss=softmax|hinge", "unknown objective 'hinge'"),
        ("lr=0.1..1, lr=0.2..0.3", "given twice"), ("loss=0..1", "takes a list"), ("epochs=1.5|2", "not a whole number"),
        ("lr=0.1..1:fast", ":log"), ("score=inner|dot", "unknown score 'dot'"),
    ])
    func refusals(_ text: String, _ message: String) {
        #expect {
            _ = try SearchSpace(parsing: text)
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}
