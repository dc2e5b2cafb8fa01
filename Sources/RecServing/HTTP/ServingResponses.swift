import Hummingbird
import RecModels

/// Builders of the server's responses.
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
        return response
    }

    /// A plain-text response.
    static func text(_ text: String, contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// `[{"item":i,"score":s},…]`.
    static func items(_ items: [ScoredItem]) -> String {
        var out = "["
        out.reserveCapacity(items.count * 32 + 2)
        for (n, item) in items.enumerated() {
            if n > 0 { out += "," }
            out += "{\"item\":"
            out += String(item.item)
            out += ",\"score\":"
            out += JSONText.number(item.score)
            out += "}"
        }
        out += "]"
        return out
    }
}
