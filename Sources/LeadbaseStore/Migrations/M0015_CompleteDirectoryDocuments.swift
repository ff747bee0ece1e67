import Foundation
import LeadbaseCore
import LeadbaseJSON
import SQLKit

extension Migration {
    /// Directory documents name every field (`CompleteEncoding`): `null` when unknown, `[]` for a
    /// list without items. Searches write stored documents into their answers as they are, so the
    /// documents stored before are rewritten in that form, with the content hash of the new
    /// canonical text (an unchanged record imported again still writes nothing). Timestamps stay.
    static let completeDirectoryDocuments = Migration(
        version: 15, name: "complete directory documents", statements: { _ in [] },
        backfill: { sql, dialect in
            try await CompleteDocuments.rewrite("people", Person.self, sql, dialect)
            try await CompleteDocuments.rewrite("companies", Company.self, sql, dialect)
        })
}

enum CompleteDocuments {
    static func rewrite<Record: DirectoryRecord & Decodable>(
        _ table: String, _: Record.Type, _ sql: any SQLDatabase, _ dialect: SQLDialectKind
    ) async throws {
        try await RowRewrite.rewrite(table, sql, dialect, columns: ["doc", "content_hash"]) { document, row in
            let record = try DirectoryDocuments.decode(Record.self, from: document)
            let encoded = try EncodedRecord(record)
            // A document keeps its timestamps; one without (no writer makes it) gets its row's.
            let stamped = encoded.document(
                createdAt: try record.createdAt ?? ISO8601.format(row.decode(column: "created_at", as: Date.self)),
                updatedAt: try record.updatedAt ?? ISO8601.format(row.decode(column: "updated_at", as: Date.self)))
            return [stamped, .text(encoded.contentHash)]
        }
    }
}
