import Testing
@testable import RecReports

@Suite("Metric keys")
struct MetricKeyTests {
    @Test("plain, prefixed and K-less keys", arguments: [
        ("Recall@20", nil, "Recall", 20), ("validation/NDCG@10", "validation", "NDCG", 10),
        ("test/Coverage", "test", "Coverage", nil), ("MRR", nil, "MRR", nil), ("odd@x", nil, "odd@x", nil),
    ] as [(String, String?, String, Int?)])
    func parsing(key: String, split: String?, family: String, k: Int?) {
        let parsed = MetricKey(key)
        #expect(parsed.split == split && parsed.family == family && parsed.k == k)
        #expect(parsed.description == key)
    }

    @Test("order: split, then family, then K numerically")
    func order() {
        let keys = ["test/Recall@20", "NDCG@20", "Recall@50", "Recall@5", "validation/Recall@10", "Zeta@1", "train/Recall@20"]
        #expect(keys.map(MetricKey.init).sorted().map(\.description) ==
                ["Recall@5", "Recall@50", "NDCG@20", "Zeta@1", "train/Recall@20", "validation/Recall@10", "test/Recall@20"])
    }

    @Test("labels for legends")
    func labels() {
        #expect(MetricKey("validation/Recall@20").label == "validation Recall@20")
        #expect(MetricKey("Recall@20").label == "Recall@20")
    }
}
