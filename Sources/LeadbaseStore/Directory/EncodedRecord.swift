import Crypto
import Foundation
import LeadbaseCore

/// A directory record: what `DirectoryDocuments` stores.
public protocol DirectoryRecord: Encodable, Sendable {
    var id: UUID { get set }
    var createdAt: String? { get }
    var updatedAt: String? { get }
    var linkedinUrl: String? { get }
    /// The record's canonical JSON when written without `JSONEncoder` (`Person.canonicalJSON`,
    /// `Company.canonicalJSON`); nil when `JSONEncoder` writes it.
    var canonicalJSON: [UInt8]? { get }
}

extension Person: DirectoryRecord {}
extension Company: DirectoryRecord {}

extension DirectoryRecord {
    /// The record's canonical JSON (sorted keys, no timestamps): `canonicalJSON` where it has
    /// one, else as `JSONEncoder` writes it. What an import hashes and stores, and what `leadbase
    /// seed` writes.
    public func canonicalDocument() throws -> [UInt8] {
        if let json = canonicalJSON { return json }
        return try Array(DirectoryDocuments.encoder.encode(self))
    }
}

/// A record encoded once: its canonical JSON (sorted keys, no timestamps), which the content hash
/// covers, and from which the stored document is made by adding the timestamps.
struct EncodedRecord: Sendable {
    /// UTF-8, valid since it is written from `String`s; kept as bytes, because making it a
    /// `String` would check every byte again (a measurable share of an import's time).
    let canonical: [UInt8]
    let contentHash: String

    /// `record` is borrowed: an initializer's arguments are otherwise passed owned, which for a
    /// person means retaining and releasing each of its ~30 fields once more. The canonical form
    /// leaves the record's timestamps out (`CodingUserInfoKey.withoutTimestamps`).
    init<Record: DirectoryRecord>(_ record: borrowing Record) throws {
        canonical = try record.canonicalDocument()
        contentHash = DirectoryDocuments.hex(SHA256.hash(data: canonical))
    }

    /// The stored document: the canonical one with `createdAt` and `updatedAt` (as
    /// `ISO8601.format` writes them) in front (key order does not matter to readers, and the
    /// timestamps need no escaping).
    func document(createdAt: String, updatedAt: String) -> RowValue {
        .document(head: "{\"createdAt\":\"\(createdAt)\",\"updatedAt\":\"\(updatedAt)\",", tail: canonical.dropFirst())
    }
}
