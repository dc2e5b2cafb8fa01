import Foundation
import RecTraining

/// An id as a request body gives it: a JSON string, or an integer (taken as its decimal text,
/// so `8975` and `"8975"` name the same item).
struct RequestID: Decodable, Equatable {
    /// The id's text.
    let text: String

    init(_ text: String) { self.text = text }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) { self.text = text; return }
        if let number = try? container.decode(Int.self) { text = String(number); return }
        throw DecodingError.typeMismatch(String.self, DecodingError.Context(
            codingPath: container.codingPath, debugDescription: "an id must be a string or an integer"))
    }
}

/// The JSON body of `POST /recommend`: what an anonymous or new user has, and how many
/// recommendations to return.
struct FoldInRequest: Decodable {
    /// Ids of the items the user has interacted with (the dataset's ids, or dense indices for a
    /// model without a catalog).
    var items: [RequestID]?
    /// How many items to return (default: the server's default k).
    var k: Int?
    /// The user's features (models trained with user features).
    var features: [String: JSONValue]?
    /// Business rules (see ``RuleParameters``): item ids never returned.
    var exclude: [RequestID]?
    /// Only these item ids.
    var include: [RequestID]?
    /// Item attribute conditions: one string or an array of them.
    var filter: OneOrMany?
    /// Whether the given items are excluded too (always: a new user's items are never
    /// recommended); accepted for symmetry with `GET /recommend`.
    var exclude_seen: Bool?
    /// Eligible items skipped at the top.
    var offset: Int?
}

/// A JSON field that is one string or an array of strings.
struct OneOrMany: Decodable {
    let values: [String]

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let one = try? container.decode(String.self) { values = [one]; return }
        values = try container.decode([String].self)
    }
}

/// The JSON body of `POST /admin/reload` (optional): another model file to serve.
struct ReloadRequest: Decodable {
    /// The model file to load instead of re-reading the current one.
    var path: String?
}

/// Validation shared by the routes. Every failure is a ``ServingError`` whose message names
/// the parameter or id at fault.
enum ServingRequests {
    /// `k` if it is in `1…options.maxK`.
    static func checkK(_ k: Int, options: ServerOptions) throws(ServingError) -> Int {
        guard k >= 1 && k <= options.maxK else { throw .badRequest("k must be between 1 and \(options.maxK), got \(k)") }
        return k
    }

    /// The dense index of the user named `id`.
    static func user(_ id: Substring, model: ServingModel) throws(ServingError) -> Int {
        guard let index = model.userIndex(of: id) else { throw .notFound(unknown("user", [String(id)], model: model)) }
        return index
    }

    /// The dense index of the item named `id`.
    static func item(_ id: Substring, model: ServingModel) throws(ServingError) -> Int {
        guard let index = model.itemIndex(of: id) else { throw .notFound(unknown("item", [String(id)], model: model)) }
        return index
    }

    /// Decodes a `POST /recommend` body and checks it against `model`: the profile (items as
    /// distinct dense indices, in the order given) and `k`.
    static func newUser(_ body: Data, model: ServingModel,
                        options: ServerOptions) throws(ServingError) -> (user: NewUserProfile, k: Int, rules: RecommendationRules) {
        let request: FoldInRequest
        do {
            request = try JSONDecoder().decode(FoldInRequest.self, from: body)
        } catch {
            throw .badRequest("malformed JSON: expected {\"items\": [item ids], \"k\": number} (\(describe(error)))")
        }
        guard request.items != nil || request.features != nil else {
            throw .badRequest("the body must give 'items', the ids of the items the user has: {\"items\": [item ids], \"k\": number}")
        }
        var indices: [Int] = []
        var unknownIDs: [String] = []
        var listed = Set<Int>()
        for id in request.items ?? [] {
            if let index = model.itemIndex(of: id.text) {
                if listed.insert(index).inserted { indices.append(index) }
            } else {
                unknownIDs.append(id.text)
            }
        }
        guard unknownIDs.isEmpty else { throw .notFound(unknown("item", unknownIDs, model: model)) }
        let k = try checkK(request.k ?? min(options.defaultK, options.maxK), options: options)
        return (NewUserProfile(items: indices, features: request.features), k, try RuleParameters.rules(request))
    }

    /// Decodes an optional `POST /admin/reload` body (empty: no path).
    static func reload(_ body: Data) throws(ServingError) -> ReloadRequest {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return ReloadRequest() }
        do {
            return try JSONDecoder().decode(ReloadRequest.self, from: body)
        } catch {
            throw .badRequest("malformed JSON: expected no body or {\"path\": \"model file\"} (\(describe(error)))")
        }
    }

    /// The message for ids `ids` (at least one) of `kind` ("user" or "item") that `model` does not know.
    static func unknown(_ kind: String, _ ids: [String], model: ServingModel) -> String {
        let shown = ids.prefix(10).map { JSONText.quoted(String($0.prefix(100))) }.joined(separator: ", ")
        let more = ids.count > 10 ? " and \(ids.count - 10) more" : ""
        let count = kind == "user" ? model.userCount : model.itemCount
        let plural = ids.count == 1 ? kind : kind + "s"
        guard model.hasDatasetIDs else {
            return "unknown \(plural) \(shown)\(more): this model has no ids and names \(kind)s by dense index 0..<\(count)"
        }
        let examples = (0..<min(3, count)).map { JSONText.quoted(kind == "user" ? model.userID(at: $0) : model.itemID(at: $0)) }
        return "unknown \(plural) \(shown)\(more): the model has no \(kind) with \(ids.count == 1 ? "this id" : "these ids") "
            + "(\(count) \(kind)s, for example \(examples.joined(separator: ", ")))"
    }

    /// A short description of a decoding error.
    static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .dataCorrupted(let c)?: return c.codingPath.isEmpty ? "invalid JSON" : "invalid value at '\(path(c))': \(c.debugDescription)"
        case .keyNotFound(let key, _)?: return "missing '\(key.stringValue)'"
        case .typeMismatch(_, let c)?: return "wrong type at '\(path(c))': \(c.debugDescription)"
        case .valueNotFound(_, let c)?: return "null at '\(path(c))'"
        default: return "invalid JSON"
        }
    }

    static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
