import Crypto
import Foundation
import LeadbaseCore

/// How directory records are kept: one canonical JSON document each, and a hash of its content
/// (without timestamps) so that re-importing an unchanged record writes nothing.
enum DirectoryDocuments {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from document: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(document.utf8))
    }

    static func contentHash(_ person: Person) throws -> String {
        var copy = person
        copy.createdAt = nil
        copy.updatedAt = nil
        return hash(try encoder.encode(copy))
    }

    static func contentHash(_ company: Company) throws -> String {
        var copy = company
        copy.createdAt = nil
        copy.updatedAt = nil
        return hash(try encoder.encode(copy))
    }

    private static func hash(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lower-case hex, without `String(format:)`, which is slow on Linux.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// Decides, for one upsert batch, which stored record each incoming record becomes: the one with
/// its id, else the one with its LinkedIn key, else a new one; refuses a LinkedIn URL that belongs
/// to another record. Later records of a batch win over earlier ones with the same final id.
/// What is stored of a directory record that an upsert may replace.
struct StoredRecord: Sendable {
    let linkedinKey: String?
    let contentHash: String
    let createdAt: Date
}

struct UpsertPlan<Record> {
    typealias Existing = StoredRecord

    struct Write {
        var record: Record
        let id: UUID
        let linkedinKey: String?
        let contentHash: String
        let existing: Existing?
    }

    private(set) var writes: [UUID: Write] = [:]
    private(set) var order: [UUID] = []
    var outcome = UpsertOutcome()

    init(
        _ records: [Record], existing: [UUID: Existing],
        id: (Record) -> UUID, linkedinKey: (Record) -> String?, contentHash: (Record) throws -> String,
        withID: (Record, UUID) -> Record
    ) rethrows {
        var owner: [String: UUID] = [:]
        for (storedID, row) in existing {
            if let key = row.linkedinKey { owner[key] = storedID }
        }
        var keyOf = existing.mapValues(\.linkedinKey)
        for (index, incoming) in records.enumerated() {
            let key = linkedinKey(incoming)
            let incomingID = id(incoming)
            let finalID = (existing[incomingID] != nil || writes[incomingID] != nil)
                ? incomingID : (key.flatMap { owner[$0] } ?? incomingID)
            if let key, let holder = owner[key], holder != finalID {
                outcome.rejected[index] = "linkedinUrl already belongs to \(holder.uuidString.lowercased())"
                continue
            }
            if let oldKey = keyOf[finalID] ?? nil, oldKey != key, owner[oldKey] == finalID {
                owner[oldKey] = nil
            }
            if let key { owner[key] = finalID }
            keyOf[finalID] = key
            let record = withID(incoming, finalID)
            let hash = try contentHash(record)
            let stored = existing[finalID]
            if writes[finalID] == nil {
                order.append(finalID)
            }
            writes[finalID] = Write(record: record, id: finalID, linkedinKey: key, contentHash: hash, existing: stored)
        }
        for finalID in order {
            guard let write = writes[finalID] else { continue }
            if let stored = write.existing {
                if stored.contentHash == write.contentHash {
                    outcome.unchanged += 1
                    writes[finalID] = nil
                } else {
                    outcome.updated += 1
                }
            } else {
                outcome.inserted += 1
            }
        }
        order = order.filter { writes[$0] != nil }
    }

    /// The records to write, in batch order.
    var pending: [Write] { order.compactMap { writes[$0] } }
}
