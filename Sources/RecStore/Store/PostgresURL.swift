import Foundation

/// The parts of a `postgres://user[:password]@host[:port]/database` URL.
public struct PostgresURL: Sendable, Equatable {
    /// The role to connect as.
    public var user: String
    /// Its password, if the URL has one (trust or peer authentication need none).
    public var password: String?
    /// The server's host name or address.
    public var host: String
    /// The server's port (5432 when the URL names none).
    public var port: Int
    /// The database name.
    public var database: String

    /// Parses `text` (`postgres://` or `postgresql://`); the port defaults to 5432. TLS is not
    /// supported yet: a `sslmode` other than `disable` is refused rather than silently ignored.
    /// Throws `EventStoreError.invalidLocation`.
    public init(_ text: String) throws {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql",
              let host = components.host, !host.isEmpty,
              let user = components.user, !user.isEmpty
        else { throw EventStoreError.invalidLocation(text) }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw EventStoreError.invalidLocation(text) }
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode", item.value == "disable" else {
                throw EventStoreError.invalidLocation(text + " (only ?sslmode=disable is supported; TLS is not implemented yet)")
            }
        }
        self.user = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.host = host
        self.port = components.port ?? 5432
        self.database = database.removingPercentEncoding ?? database
    }

    /// The URL without its password, for messages.
    public var redacted: String { "postgres://\(user)@\(host):\(port)/\(database)" }
}
