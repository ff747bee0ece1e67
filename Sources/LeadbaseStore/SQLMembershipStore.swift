import Foundation
import LeadbaseCore
import SQLKit

/// `MembershipStore` on SQLite or PostgreSQL: tenant sync and linking as set-based statements in
/// one transaction. `ON CONFLICT DO NOTHING` on the link's key is what makes concurrent requests
/// safe: each link row is inserted (and counted by `RETURNING`) by exactly one of them.
public struct SQLMembershipStore: MembershipStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func syncAndLink(
        people ids: [UUID], toList list: UUID, in organization: OrganizationID
    ) async throws -> (added: Set<UUID>, found: Set<UUID>) {
        let dialect = database.dialect
        return try await database.transaction { sql in
            // The list row is locked so that it cannot be deleted between the check and the links
            // (SQLite's write lock already serializes writers).
            let lock: SQLQueryString = dialect == .postgres ? " FOR UPDATE" : ""
            guard try await sql.raw("""
                SELECT id FROM lead_lists WHERE organization_id = \(bind: organization) AND id = \(bind: list)\(lock)
                """).first() != nil else {
                throw LeadbaseError.leadListNotFound(list)
            }
            let now = Date()
            try await sql.raw("""
                INSERT INTO tenant_companies (organization_id, id, doc, synced_at, created_at, updated_at)
                SELECT \(bind: organization), c.id, c.doc, \(bind: now), \(bind: now), \(bind: now) FROM companies c
                WHERE c.id IN (SELECT p.company_id FROM people p WHERE p.id IN (\(binds: ids)))
                ON CONFLICT (organization_id, id) DO NOTHING
                """).run()
            try await sql.raw("""
                INSERT INTO tenant_people (organization_id, id, doc, company_id, linkedin_key, synced_at, created_at, updated_at)
                SELECT \(bind: organization), p.id, p.doc, p.company_id, p.linkedin_key, \(bind: now), \(bind: now), \(bind: now)
                FROM people p WHERE p.id IN (\(binds: ids))
                ON CONFLICT (organization_id, id) DO NOTHING
                """).run()
            let found = Set(try await sql.raw("""
                SELECT id FROM tenant_people WHERE organization_id = \(bind: organization) AND id IN (\(binds: ids))
                """).all().map { try $0.decode(column: "id", as: UUID.self) })
            guard !found.isEmpty else { return ([], []) }
            let rows = SQLList(found.sorted { $0.uuidString < $1.uuidString }.map { id in
                SQLGroupExpression([SQLBind(organization), SQLBind(list), SQLBind(id), SQLBind(now)])
            })
            let added = Set(try await sql.raw("""
                INSERT INTO lead_list_persons (organization_id, list_id, person_id, added_at) VALUES \(rows)
                ON CONFLICT (organization_id, list_id, person_id) DO NOTHING
                RETURNING person_id
                """).all().map { try $0.decode(column: "person_id", as: UUID.self) })
            if !added.isEmpty {
                try await sql.raw("""
                    UPDATE lead_lists SET updated_at = \(bind: now) WHERE organization_id = \(bind: organization) AND id = \(bind: list)
                    """).run()
            }
            return (added, found)
        }
    }
}
