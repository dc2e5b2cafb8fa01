/// A request the server refuses, with the HTTP status it answers and a message for the client.
public enum ServingError: Error, Equatable, CustomStringConvertible {
    /// 400: a missing or invalid parameter, or malformed JSON.
    case badRequest(String)
    /// 401: no credentials.
    case unauthorized(String)
    /// 403: wrong credentials, or the route is disabled.
    case forbidden(String)
    /// 404: an unknown user or item id.
    case notFound(String)
    /// 409: the request conflicts with work in progress (a retrain already running).
    case conflict(String)
    /// 413: the body is larger than the configured limit.
    case payloadTooLarge(String)
    /// 503: the server cannot take the request now (a full ingest queue, a failing store);
    /// the response carries `Retry-After: retryAfter` (seconds).
    case unavailable(String, retryAfter: Int)
    /// 500: the server could not do what was asked (for example a failed reload).
    case internalError(String)

    /// The HTTP status code.
    public var status: Int {
        switch self {
        case .badRequest: return 400
        case .unauthorized: return 401
        case .forbidden: return 403
        case .notFound: return 404
        case .conflict: return 409
        case .payloadTooLarge: return 413
        case .unavailable: return 503
        case .internalError: return 500
        }
    }

    /// The message for the client.
    public var message: String {
        switch self {
        case .badRequest(let m), .unauthorized(let m), .forbidden(let m), .notFound(let m), .conflict(let m),
             .payloadTooLarge(let m), .internalError(let m), .unavailable(let m, _):
            return m
        }
    }

    public var description: String { message }

    /// The JSON body of the error response: `{"error": message, "status": code}`.
    public var json: String { "{\"error\":\(JSONText.quoted(message)),\"status\":\(status)}" }
}
