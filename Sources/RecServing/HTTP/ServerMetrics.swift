import Foundation

/// Request counters and latency histograms of the server, rendered in the Prometheus text
/// exposition format (version 0.0.4) by `GET /metrics`.
///
/// Routes are the server's fixed route names (unknown paths count as `other`), so the number
/// of series stays bounded whatever clients send. Thread-safe; one short lock per request.
public final class ServerMetrics: @unchecked Sendable {
    /// Upper bounds of the latency histogram buckets, in seconds (`+Inf` is implied).
    public static let bucketBounds: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private struct Histogram {
        var buckets = [UInt64](repeating: 0, count: ServerMetrics.bucketBounds.count)
        var count: UInt64 = 0
        var sum = 0.0
    }

    private struct CounterKey: Hashable, Comparable {
        var route: String
        var method: String
        var status: Int
        static func < (a: CounterKey, b: CounterKey) -> Bool { (a.route, a.method, a.status) < (b.route, b.method, b.status) }
    }

    private let lock = NSLock()
    private var counts: [CounterKey: UInt64] = [:]
    private var latencies: [String: Histogram] = [:]

    /// Empty metrics.
    public init() {}

    /// Records one request on `route` answered with `status` after `seconds`.
    public func record(route: String, method: String, status: Int, seconds: Double) {
        let bucket = Self.bucketBounds.firstIndex { seconds <= $0 }
        lock.withLock {
            counts[CounterKey(route: route, method: method, status: status), default: 0] += 1
            // Updated in place: copying the histogram out and back would copy its buckets.
            if let bucket { latencies[route, default: Histogram()].buckets[bucket] += 1 }
            latencies[route, default: Histogram()].count += 1
            latencies[route, default: Histogram()].sum += seconds
        }
    }

    /// The number of requests recorded for `route` with `status` (all methods).
    public func count(route: String, status: Int) -> UInt64 {
        lock.withLock { counts.filter { $0.key.route == route && $0.key.status == status }.values.reduce(0, +) }
    }

    /// The metrics in Prometheus text format, plus the model gauges given.
    public func prometheusText(gauges: [(name: String, help: String, value: Double)] = []) -> String {
        let (counts, latencies) = lock.withLock { (self.counts, self.latencies) }
        var out = "# HELP lightgcn_http_requests_total HTTP requests answered, by route, method and status.\n"
        out += "# TYPE lightgcn_http_requests_total counter\n"
        for (key, value) in counts.sorted(by: { $0.key < $1.key }) {
            out += "lightgcn_http_requests_total{route=\"\(key.route)\",method=\"\(key.method)\",status=\"\(key.status)\"} \(value)\n"
        }
        out += "# HELP lightgcn_http_request_duration_seconds Time from request to response, by route.\n"
        out += "# TYPE lightgcn_http_request_duration_seconds histogram\n"
        for (route, h) in latencies.sorted(by: { $0.key < $1.key }) {
            var cumulative: UInt64 = 0
            for (bound, n) in zip(Self.bucketBounds, h.buckets) {
                cumulative += n
                out += "lightgcn_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "lightgcn_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"+Inf\"} \(h.count)\n"
            out += "lightgcn_http_request_duration_seconds_sum{route=\"\(route)\"} \(h.sum)\n"
            out += "lightgcn_http_request_duration_seconds_count{route=\"\(route)\"} \(h.count)\n"
        }
        for gauge in gauges {
            out += "# HELP \(gauge.name) \(gauge.help)\n# TYPE \(gauge.name) gauge\n\(gauge.name) \(gauge.value)\n"
        }
        return out
    }
}
