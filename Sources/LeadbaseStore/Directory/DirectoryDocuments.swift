import Crypto
import Foundation
import LeadbaseCore

/// A directory record: what `DirectoryDocuments` stores.
protocol DirectoryRecord: Encodable, Sendable {
    var id: UUID { get set }
    var createdAt: String? { get set }
    var updatedAt: String? { get set }
    var linkedinUrl: String? { get }
    /// The record's canonical JSON when written without `JSONEncoder` (see `Person.canonicalJSON`).
    var canonicalJSON: [UInt8]? { get }
}

extension Person: DirectoryRecord {}
extension Company: DirectoryRecord {
    var canonicalJSON: [UInt8]? { nil }
}

/// A record encoded once: its canonical JSON (sorted keys, no timestamps), which the content hash
/// covers, and from which the stored document is made by adding the timestamps.
struct EncodedRecord: Sendable {
    /// UTF-8, valid since it is written from `String`s; kept as bytes, because making it a
    /// `String` would check every byte again (~3% of an import's time, measured).
    let canonical: [UInt8]
    let contentHash: String

    /// `record` is borrowed: an initializer's arguments are otherwise passed owned, which for a
    /// person means retaining and releasing each of its ~30 fields once more.
    init<Record: DirectoryRecord>(_ record: borrowing Record) throws {
        canonical =
            if record.createdAt == nil, record.updatedAt == nil {
                try Self.canonical(record)
            } else {
                try Self.canonical(
                    {
                        var copy = copy record
                        copy.createdAt = nil
                        copy.updatedAt = nil
                        return copy
                    }())
            }
        contentHash = DirectoryDocuments.hex(SHA256.hash(data: canonical))
    }

    private static func canonical(_ record: borrowing some DirectoryRecord) throws -> [UInt8] {
        if let json = record.canonicalJSON { return json }
        return try Array(DirectoryDocuments.encoder.encode(record))
    }

    /// The stored document: the canonical one with `createdAt` and `updatedAt` (as
    /// `ISO8601.format` writes them) in front (key order does not matter to readers, and the
    /// timestamps need no escaping).
    func document(createdAt: String, updatedAt: String) -> RowValue {
        .document(head: "{\"createdAt\":\"\(createdAt)\",\"updatedAt\":\"\(updatedAt)\",", tail: canonical.dropFirst())
    }
}

/// Dates as `ISO8601.format` writes them, each formatted once: the rows of a batch share their
/// timestamps, and formatting one costs more than the rest of a row's timestamp handling.
struct FormattedDates {
    private var texts: [Date: String] = [:]
    /// The last date asked for, and its text: nearly always the next one asked for.
    private var last: (date: Date, text: String)?

    mutating func text(for date: Date) -> String {
        if let last, last.date == date { return last.text }
        let text = texts[date] ?? ISO8601.format(date)
        texts[date] = text
        last = (date, text)
        return text
    }
}

/// How directory records are kept: one JSON document each, and a hash of its content (without
/// timestamps) so that re-importing an unchanged record writes nothing.
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

/// What is stored of a directory record that an upsert may replace.
struct StoredRecord: Sendable {
    let linkedinKey: String?
    let contentHash: String
    let createdAt: Date
}

/// Decides, for one upsert batch, which stored record each incoming record becomes: the one with
/// its id, else the one with its LinkedIn key, else a new one; refuses a LinkedIn URL that belongs
/// to another record. Later records of a batch win over earlier ones with the same final id.
/// Records arrive encoded (`encoded[i]` is `records[i]`'s); one that takes a stored record's id
/// is encoded again.
struct UpsertPlan<Record: DirectoryRecord>: Sendable {
    struct Write {
        let id: UUID
        /// The record's position in the batch.
        let index: Int
        let linkedinKey: String?
        let encoded: EncodedRecord
        let existing: StoredRecord?
    }

    private(set) var writes: [UUID: Write] = [:]
    private(set) var order: [UUID] = []
    var outcome = UpsertOutcome()

    init(
        _ records: [Record], encoded: [EncodedRecord], linkedinKeys: [String?], existing: [UUID: StoredRecord]
    ) throws {
        var owner: [String: UUID] = [:]
        owner.reserveCapacity(existing.count + records.count)
        writes.reserveCapacity(records.count)
        order.reserveCapacity(records.count)
        for (storedID, row) in existing {
            if let key = row.linkedinKey { owner[key] = storedID }
        }
        var keyOf = existing.mapValues(\.linkedinKey)
        // By index: a record copied out of the array is every field retained and released.
        for index in records.indices {
            let key = linkedinKeys[index]
            let incomingID = records[index].id
            let finalID =
                (existing[incomingID] != nil || writes[incomingID] != nil)
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
            let encodedRecord =
                if finalID == incomingID {
                    encoded[index]
                } else {
                    try EncodedRecord(
                        {
                            var record = records[index]
                            record.id = finalID
                            return record
                        }())
                }
            if writes[finalID] == nil {
                order.append(finalID)
            }
            writes[finalID] = Write(id: finalID, index: index, linkedinKey: key, encoded: encodedRecord, existing: existing[finalID])
        }
        for finalID in order {
            guard let write = writes[finalID] else { continue }
            if let stored = write.existing {
                if stored.contentHash == write.encoded.contentHash {
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
