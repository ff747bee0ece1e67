import Foundation
import LeadbaseCore
import LeadbaseJSON
import SQLKit

extension Migration {
    /// Directory documents name every field (`CompleteEncoding`): `null` when unknown, `[]` for a
    /// list without items. Searches write stored documents into their answers as they are, so the
    /// documents stored before are rewritten in that form, with the content hash of the new
    /// canonical text (an unchanged record imported again still writes nothing). Timestamps stay.
    /// So are the organizations' copies of companies, which leads embed as stored (their people
    /// are read and written again on every answer, whatever their stored form).
    static let completeDirectoryDocuments = Migration(
        version: 15, name: "complete directory documents", statements: { _ in [] },
        backfill: { sql, dialect in
            try await CompleteDocuments.rewrite("people", Person.self, sql, dialect)
            try await CompleteDocuments.rewrite("companies", Company.self, sql, dialect)
            try await CompleteDocuments.rewrite("tenant_companies", key: ["organization_id", "id"], Company.self, sql, dialect)
        })
}

enum CompleteDocuments {
    static func rewrite<Record: DirectoryRecord & Decodable>(
        _ table: String, key: [String] = ["id"], _: Record.Type, _ sql: any SQLDatabase, _ dialect: SQLDialectKind
    ) async throws {
        // Tenant tables have no content hash: their copies are never compared.
        let hashed = !table.hasPrefix("tenant_")
        try await RowRewrite.rewrite(table, key: key, sql, dialect, columns: hashed ? ["doc", "content_hash"] : ["doc"]) {
            document, row in
            let record = try DirectoryDocuments.decode(Record.self, from: document)
            let encoded = try EncodedRecord(record)
            // A document keeps its timestamps; one without (no writer makes it) gets its row's.
            let stamped = encoded.document(
                createdAt: try record.createdAt ?? ISO8601.format(row.decode(column: "created_at", as: Date.self)),
                updatedAt: try record.updatedAt ?? ISO8601.format(row.decode(column: "updated_at", as: Date.self)))
            return hashed ? [stamped, .text(encoded.contentHash)] : [stamped]
        }
    }
}
