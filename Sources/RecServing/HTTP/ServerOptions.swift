/// The settings of the recommendation server.
public struct ServerOptions: Sendable, Equatable {
    /// Address to listen on (loopback by default).
    public var host = "127.0.0.1"
    /// TCP port.
    public var port = 8080
    /// The largest `k` a request may ask for.
    public var maxK = 1000
    /// The largest request body accepted, in bytes (larger ones get 413).
    public var maxBodyBytes = 65536
    /// The largest `POST /events` body accepted, in bytes (larger ones get 413).
    public var maxEventsBodyBytes = 8 << 20
    /// The bearer token `POST /admin/reload` requires; `nil` disables the admin routes.
    public var adminToken: String?
    /// `k` when a request gives none (capped at ``maxK``).
    public var defaultK = 20

    /// The defaults: 127.0.0.1:8080, k ≤ 1000, bodies ≤ 64 KiB, no admin token.
    public init() {}

    /// Checks the settings and says which one is wrong.
    public func validate() throws(ServingError) {
        if !(0...65535).contains(port) { throw .badRequest("--port must be in 0…65535, got \(port)") }
        if maxK < 1 { throw .badRequest("--max-k must be ≥ 1, got \(maxK)") }
        if maxEventsBodyBytes < 1 { throw .badRequest("--max-events-body-bytes must be ≥ 1, got \(maxEventsBodyBytes)") }
        if maxBodyBytes < 1 { throw .badRequest("--max-body-bytes must be ≥ 1, got \(maxBodyBytes)") }
        if let adminToken, adminToken.isEmpty { throw .badRequest("--admin-token must not be empty") }
    }
}
