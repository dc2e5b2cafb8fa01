import Foundation

/// The JSON body of `POST /recommend`: the items an anonymous or new user has, and how many
/// recommendations to return.
struct FoldInRequest: Decodable {
    /// Dense item ids the user has interacted with (at least one).
    var items: [Int]
    /// How many items to return (default 20).
    var k: Int?
}

/// Validation shared by the routes.
enum ServingRequests {
    /// `k` if it is in `1…options.maxK`.
    static func checkK(_ k: Int, options: ServerOptions) throws(ServingError) -> Int {
        guard k >= 1 && k <= options.maxK else { throw .badRequest("k must be between 1 and \(options.maxK), got \(k)") }
        return k
    }

    /// `user` if the model knows it.
    static func checkUser(_ user: Int, model: ServingModel) throws(ServingError) -> Int {
        guard user >= 0 && user < model.userCount else {
            throw .notFound("unknown user \(user): the model knows users 0..<\(model.userCount)")
        }
        return user
    }

    /// `item` if the model knows it.
    static func checkItem(_ item: Int, model: ServingModel) throws(ServingError) -> Int {
        guard item >= 0 && item < model.itemCount else {
            throw .notFound("unknown item \(item): the model knows items 0..<\(model.itemCount)")
        }
        return item
    }

    /// Decodes a fold-in request body and checks it against `model`.
    static func foldIn(_ body: Data, model: ServingModel, options: ServerOptions) throws(ServingError) -> (items: [Int], k: Int) {
        let request: FoldInRequest
        do {
            request = try JSONDecoder().decode(FoldInRequest.self, from: body)
        } catch {
            throw .badRequest("malformed JSON: expected {\"items\": [item ids], \"k\": number} (\(describe(error)))")
        }
        guard !request.items.isEmpty else { throw .badRequest("'items' must list at least one item id") }
        let unknown = request.items.filter { $0 < 0 || $0 >= model.itemCount }
        guard unknown.isEmpty else {
            let listed = unknown.prefix(10).map(String.init).joined(separator: ", ")
            throw .notFound("unknown item\(unknown.count == 1 ? "" : "s") \(listed)\(unknown.count > 10 ? ", …" : ""): the model knows items 0..<\(model.itemCount)")
        }
        let k = try checkK(request.k ?? min(options.defaultK, options.maxK), options: options)
        return (request.items, k)
    }

    /// A short description of a decoding error.
    static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .dataCorrupted(let c)?: return c.debugDescription
        case .keyNotFound(let key, _)?: return "missing '\(key.stringValue)'"
        case .typeMismatch(let type, let c)?: return "wrong type at '\(c.codingPath.map(\.stringValue).joined(separator: "."))', expected \(type)"
        case .valueNotFound(_, let c)?: return "null at '\(c.codingPath.map(\.stringValue).joined(separator: "."))'"
        default: return "invalid JSON"
        }
    }
}
