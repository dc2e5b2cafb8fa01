import RecData

/// The `DataError` thrown by `body`, or nil when it throws nothing (or another error).
func captureDataError<T>(_ body: () throws -> T) -> DataError? {
    do {
        _ = try body()
        return nil
    } catch let error as DataError {
        return error
    } catch {
        return nil
    }
}

/// The line of a `.malformedLine` or `.invalidEncoding` error, or nil.
func errorLine(_ error: DataError?) -> Int? {
    switch error {
    case .malformedLine(_, let line, _, _)?: return line
    case .invalidEncoding(_, let line, _)?: return line
    default: return nil
    }
}

/// Latin-1 bytes of `text` (every character must be in U+0000…U+00FF).
func latin1(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { UInt8($0.value) }
}
