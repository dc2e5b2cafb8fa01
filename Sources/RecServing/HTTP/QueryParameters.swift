import Hummingbird

/// Reads and validates the query parameters of a request; every problem is a
/// ``ServingError/badRequest(_:)`` naming the parameter.
struct QueryParameters {
    /// Every value of each parameter, in order. Hummingbird's `uri.queryParameters` parses the
    /// query string on every access, so it is read once here.
    let parameters: [Substring: [Substring]]

    init(_ request: Request) {
        var parameters: [Substring: [Substring]] = [:]
        for (name, value) in request.uri.queryParameters { parameters[name, default: []].append(value) }
        self.parameters = parameters
    }

    /// The first value of parameter `name`.
    func value(_ name: String) -> Substring? { parameters[Substring(name)]?.first }

    /// Every value of a repeated parameter (`filter=a&filter=b`).
    func all(_ name: String) -> [Substring] { parameters[Substring(name)] ?? [] }

    /// A required parameter with a non-empty value.
    func required(_ name: String) throws(ServingError) -> Substring {
        guard let text = value(name), !text.isEmpty else { throw .badRequest("missing query parameter '\(name)'") }
        return text
    }

    /// A required integer parameter.
    func integer(_ name: String) throws(ServingError) -> Int {
        guard let text = value(name) else { throw .badRequest("missing query parameter '\(name)'") }
        guard let value = Int(text) else { throw .badRequest("query parameter '\(name)' must be an integer, got '\(text.prefix(40))'") }
        return value
    }

    /// `k`, defaulting to `options.defaultK`, checked against `1…options.maxK`.
    func k(_ options: ServerOptions) throws(ServingError) -> Int {
        guard value("k") != nil else { return min(options.defaultK, options.maxK) }
        return try ServingRequests.checkK(integer("k"), options: options)
    }

    /// An optional boolean (`true`/`false`/`1`/`0`).
    func boolean(_ name: String, default fallback: Bool) throws(ServingError) -> Bool {
        guard let text = value(name) else { return fallback }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw .badRequest("query parameter '\(name)' must be true or false, got '\(text.prefix(40))'")
        }
    }

    /// The similarity metric (`cosine` by default).
    func metric() throws(ServingError) -> SimilarityMetric {
        guard let text = value("metric") else { return .cosine }
        guard let metric = SimilarityMetric(rawValue: String(text)) else {
            throw .badRequest("query parameter 'metric' must be cosine or inner, got '\(text.prefix(40))'")
        }
        return metric
    }
}
