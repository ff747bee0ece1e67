/// How records are encoded: every field of the documented shape is present, at every depth, so
/// that a client decoding into strict types never meets a missing key. An unknown value is
/// `null`; an unknown or empty list is `[]` (a list is never `null`).
extension KeyedEncodingContainer {
    /// `value`, or `null` when it is nil.
    public mutating func encodeOrNull<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    /// `value`, or `[]` when it is nil.
    public mutating func encodeOrEmpty<T: Encodable>(_ value: [T]?, forKey key: Key) throws {
        try encode(value ?? [], forKey: key)
    }
}

extension CodingUserInfoKey {
    /// `true` encodes a record without `createdAt` and `updatedAt`: the directory's canonical
    /// form, whose hash covers the content alone, and which the stored document prefixes with
    /// the directory's own timestamps.
    public static let withoutTimestamps = CodingUserInfoKey(rawValue: "leadbase.withoutTimestamps")!
}

extension Encoder {
    /// Whether a record's timestamps are written (see `CodingUserInfoKey.withoutTimestamps`).
    var writesTimestamps: Bool { userInfo[.withoutTimestamps] as? Bool != true }
}
