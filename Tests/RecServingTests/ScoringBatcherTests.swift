import Testing
import RecModels
@testable import RecServing

@Suite("Scoring batcher")
struct ScoringBatcherTests {
    @Test("concurrent requests on both candidate tables get exactly what each gets alone", arguments: [1, 2])
    func sameResultsAsAlone(workers: Int) async throws {
        let model = ServingModel(model: TestModels.tiny(users: 40, items: 70, dimension: 5, layers: 2), source: "test")
        let batcher = ScoringBatcher(workers: workers)
        let requests: [ScoringRequest] = (0..<96).map { n in
            switch n % 3 {
            case 0: return model.request(user: n % 40, k: 1 + n % 9, excludeSeen: n % 2 == 0)
            case 1: return try! model.request(similarTo: n % 70, k: 5, metric: .cosine)
            default:
                return try! model.request(newUserItems: [n % 70, 3], embedding: model.userEmbeddings!.rowArray(n % 40), k: 12,
                                          mask: .none)
            }
        }
        let expected = requests.map { $0.run() }
        let served = await withTaskGroup(of: (Int, [ScoredItem]).self) { group in
            for (n, request) in requests.enumerated() { group.addTask { (n, await batcher.score(request)) } }
            var results = [[ScoredItem]](repeating: [], count: requests.count)
            for await (n, items) in group { results[n] = items }
            return results
        }
        for n in requests.indices {
            #expect(served[n].map(\.item) == expected[n].map(\.item), "request \(n)")
            #expect(served[n].map(\.score) == expected[n].map(\.score), "request \(n)")
        }
    }
}
