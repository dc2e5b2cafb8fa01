import Hummingbird
import RecModels

/// Builders of the server's responses. JSON is written directly (see ``JSONText``); the field
/// names are part of the API and documented in ``RecommendationServer``.
enum ServingResponses {
    /// A JSON response.
    static func json(_ text: String, status: Int = 200) -> Response {
        Response(status: HTTPResponse.Status(code: status),
                 headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The JSON error response of `error`.
    static func error(_ error: ServingError) -> Response {
        var response = json(error.json, status: error.status)
        if case .unauthorized = error { response.headers[.wwwAuthenticate] = "Bearer" }
        if case .unavailable(_, let seconds) = error { response.headers[.retryAfter] = String(seconds) }
        return response
    }

    /// A plain-text response.
    static func text(_ text: String, contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// `[{"item":"id","index":i,"score":s,"title":"…"},…]`: the item's id (the dataset's, or
    /// the dense index in decimal), its dense index (its row in the exported `item_embedding`),
    /// the score, and the title only when the dataset has one.
    static func items(_ items: [ScoredItem], model: ServingModel) -> String {
        var out = "["
        out.reserveCapacity(items.count * 48 + 2)
        for (n, item) in items.enumerated() {
            if n > 0 { out += "," }
            out += "{\"item\":"
            out += JSONText.quoted(model.itemID(at: item.item))
            out += ",\"index\":"
            out += String(item.item)
            out += ",\"score\":"
            out += JSONText.number(item.score)
            if let title = model.itemTitle(at: item.item) {
                out += ",\"title\":"
                out += JSONText.quoted(title)
            }
            out += "}"
        }
        out += "]"
        return out
    }
}
