import Foundation
import Testing
import RecTraining
@testable import RecReports

@Suite("History export")
struct HistoryExportTests {
    static let history = [
        Fixtures.record(epoch: 1, bpr: 0.5, reg: 0.25, batches: 3, seconds: 1.5),
        Fixtures.record(epoch: 2, bpr: 0.25, reg: 0.125, batches: 3, seconds: 1.25,
                        metrics: ["Recall@20": 0.17, "Recall@5": 0.05, "validation/NDCG@10": .nan, "a,b": 1],
                        evaluationSeconds: 0.5),
    ]

    @Test("CSV: fixed columns, then metric keys in MetricKey order; missing metrics are empty")
    func csv() {
        let lines = HistoryExport.csv(Self.history, selectedEpoch: 2).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines[3].isEmpty)
        #expect(lines[0] == #"epoch,selected,loss,bpr_loss,reg_loss,batches,seconds,eval_seconds,Recall@5,Recall@20,"a,b",validation/NDCG@10"#)
        #expect(lines[1] == "1,0,0.75,0.5,0.25,3,1.5,0.0,,,,")
        #expect(lines[2] == "2,1,0.375,0.25,0.125,3,1.25,0.5,0.05,0.17,1.0,nan")
        for line in lines.dropLast() {
            #expect(line.replacingOccurrences(of: #""a,b""#, with: "x").split(separator: ",", omittingEmptySubsequences: false).count == 12)
        }
    }

    @Test("without a selected epoch no row is marked")
    func csvWithoutSelection() {
        let rows = HistoryExport.csv(Self.history).split(separator: "\n").dropFirst()
        #expect(rows.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[1] == "0" })
    }

    @Test("JSON round-trips, NaN included, and carries the total loss")
    func json() throws {
        let text = HistoryExport.json(Self.history)
        #expect(text.contains(#""loss" : 0.75"#))
        let back = try HistoryExport.history(fromJSON: text)
        #expect(back.count == 2)
        #expect(back[0] == Self.history[0])
        #expect(back[1].metrics["validation/NDCG@10"]?.isNaN == true)
        #expect(back[1].metrics["Recall@20"] == 0.17)
    }

    @Test("the JSON document carries the selected epoch, test metrics and run facts")
    func document() throws {
        let document = HistoryDocument(history: Self.history, selectedEpoch: 2, testMetrics: ["Recall@20": 0.2],
                                       dataset: "ml-100k", splitFingerprint: "abc", software: "0.1.0")
        let text = HistoryExport.json(document)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(object?["selectedEpoch"] as? Int == 2)
        #expect((object?["testMetrics"] as? [String: Double])?["Recall@20"] == 0.2)
        #expect((object?["epochs"] as? [[String: Any]])?.count == 2)
        let back = try HistoryExport.document(fromJSON: text)
        #expect(back.selectedEpoch == 2 && back.dataset == "ml-100k" && back.splitFingerprint == "abc" && back.software == "0.1.0")
        #expect(back.history[0] == Self.history[0])
    }

    @Test("an empty history gives a header and an empty list of epochs")
    func empty() throws {
        #expect(HistoryExport.csv([]) == HistoryExport.baseColumns.joined(separator: ",") + "\n")
        #expect(try HistoryExport.history(fromJSON: HistoryExport.json([])).isEmpty)
    }
}
