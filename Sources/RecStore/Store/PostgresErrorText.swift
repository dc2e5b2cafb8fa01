import PostgresNIO

/// Readable messages for postgres-nio's errors, whose `description` hides the server's message.
enum PostgresErrorText {
    /// `error` as an `EventStoreError` (kept as it is when it already is one).
    static func storeError(_ error: any Error, location: String) -> any Error {
        if let error = error as? EventStoreError { return error }
        if let transaction = error as? PostgresTransactionError {
            for inner in [transaction.closureError, transaction.beginError, transaction.commitError].compactMap({ $0 }) {
                return storeError(inner, location: location)
            }
        }
        return EventStoreError.database("\(location): \(message(error))")
    }

    /// The server's message (and SQLSTATE) when there is one, else the client's error code.
    static func message(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("connectionCreationCircuitBreakerTripped") {
            return "cannot connect: no connection could be opened within the connect timeout "
                + "(is the server running, and are host, port, user and database right?)"
        }
        guard let error = error as? PSQLError else { return text }
        if let info = error.serverInfo, let text = info[.message] {
            return text + (info[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }
}
