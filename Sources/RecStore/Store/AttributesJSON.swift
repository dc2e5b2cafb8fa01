import Foundation

/// Checks that an attributes text is one JSON object, before either store writes it.
enum AttributesJSON {
    static func validate(_ profile: EntityProfile) throws {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(profile.attributesJSON.utf8), options: [.fragmentsAllowed])
        } catch {
            throw EventStoreError.invalidAttributes(id: profile.externalID, reason: "not valid JSON")
        }
        guard object is [String: Any] else {
            throw EventStoreError.invalidAttributes(id: profile.externalID, reason: "a JSON value that is not an object")
        }
    }
}

/// The current time in milliseconds since 1970.
func currentMilliseconds() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
