import Foundation
import LeadbaseCore
import SQLKit

/// Copying directory records into an organization's own ("tenant sync"), inside a caller's
/// transaction. A record the organization already has is left as it is.
enum TenantSync {
    /// Copies the people `ids` and their current companies; returns the ids the organization now
    /// has a record of (copied now or before).
    static func people(_ ids: [UUID], into organization: OrganizationID, _ dialect: SQLDialectKind, _ sql: any SQLDatabase) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let now = Date()
        try await sql.raw("""
            INSERT INTO tenant_companies (organization_id, id, doc, synced_at, created_at, updated_at)
            SELECT \(bind: organization), c.id, c.doc, \(bind: now), \(bind: now), \(bind: now) FROM companies c
            WHERE c.id IN (SELECT p.company_id FROM people p WHERE p.id IN (\(binds: ids)))
            ON CONFLICT (organization_id, id) DO NOTHING
            """).run()
        try await sql.raw("""
            INSERT INTO tenant_people (organization_id, id, doc, company_id, linkedin_key, email_keys, synced_at, created_at, updated_at)
            SELECT \(bind: organization), p.id, p.doc, p.company_id, p.linkedin_key, \(unsafeRaw: emailKeysOfDocument(dialect)),
                   \(bind: now), \(bind: now), \(bind: now)
            FROM people p WHERE p.id IN (\(binds: ids))
            ON CONFLICT (organization_id, id) DO NOTHING
            """).run()
        return Set(try await sql.raw("""
            SELECT id FROM tenant_people WHERE organization_id = \(bind: organization) AND id IN (\(binds: ids))
            """).all().map { try $0.decode(column: "id", as: UUID.self) })
    }

    /// Copies the companies `ids`; returns the ids the organization now has a record of.
    static func companies(_ ids: [UUID], into organization: OrganizationID, _ sql: any SQLDatabase) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let now = Date()
        try await sql.raw("""
            INSERT INTO tenant_companies (organization_id, id, doc, synced_at, created_at, updated_at)
            SELECT \(bind: organization), c.id, c.doc, \(bind: now), \(bind: now), \(bind: now) FROM companies c
            WHERE c.id IN (\(binds: ids))
            ON CONFLICT (organization_id, id) DO NOTHING
            """).run()
        return Set(try await sql.raw("""
            SELECT id FROM tenant_companies WHERE organization_id = \(bind: organization) AND id IN (\(binds: ids))
            """).all().map { try $0.decode(column: "id", as: UUID.self) })
    }

    /// The lower-cased `emails` of the directory document `p.doc`, as a `textList` value.
    static func emailKeysOfDocument(_ dialect: SQLDialectKind) -> String {
        switch dialect {
        case .postgres:
            "ARRAY(SELECT DISTINCT lower(e) FROM jsonb_array_elements_text(COALESCE(p.doc::jsonb -> 'emails', '[]'::jsonb)) AS e)"
        case .sqlite:
            "(SELECT json_group_array(DISTINCT lower(value)) FROM json_each(p.doc, '$.emails'))"
        }
    }
}
