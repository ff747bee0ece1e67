import Foundation
import LeadbaseCore

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
