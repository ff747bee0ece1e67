import Foundation
import LeadbaseCore
import SQLKit

/// Copying directory records into an organization's own ("tenant sync"), inside a caller's
/// transaction. A record the organization already has is left as it is.
enum TenantSync {
    /// Copies the people `ids` and their current companies; returns the ids the organization now
    /// has a record of (copied now or before).
    static func people(_ ids: [UUID], into organization: OrganizationID, _ sql: any SQLDatabase) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let now = Date()
        try await copyCompanies("SELECT p.company_id FROM people p WHERE p.id IN (\(binds: ids))", into: organization, now, sql)
        let copied = try await sql.raw("""
            INSERT INTO tenant_people (organization_id, id, doc, company_id, linkedin_key, synced_at, created_at, updated_at)
            SELECT \(bind: organization), p.id, p.doc, p.company_id, p.linkedin_key, \(bind: now), \(bind: now), \(bind: now)
            FROM people p WHERE p.id IN (\(binds: ids))
            ON CONFLICT (organization_id, id) DO NOTHING
            RETURNING id, doc
            """).all()
        try await TenantEmails.index(try copied.map { row in
            (try row.decode(column: "id", as: UUID.self),
             EmailAddress.keys(try DirectoryDocuments.decode(Emails.self, from: row.decode(column: "doc")).emails ?? []))
        }, in: organization, sql)
        return try await held(ids, in: "tenant_people", of: organization, sql)
    }

    /// Copies the companies `ids`; returns the ids the organization now has a record of.
    static func companies(_ ids: [UUID], into organization: OrganizationID, _ sql: any SQLDatabase) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        try await copyCompanies("\(binds: ids)", into: organization, Date(), sql)
        return try await held(ids, in: "tenant_companies", of: organization, sql)
    }

    /// Copies the directory's companies whose ids `ids` lists (values or a subquery).
    private static func copyCompanies(
        _ ids: SQLQueryString, into organization: OrganizationID, _ now: Date, _ sql: any SQLDatabase
    ) async throws {
        try await sql.raw("""
            INSERT INTO tenant_companies (organization_id, id, doc, synced_at, created_at, updated_at)
            SELECT \(bind: organization), c.id, c.doc, \(bind: now), \(bind: now), \(bind: now) FROM companies c
            WHERE c.id IN (\(ids))
            ON CONFLICT (organization_id, id) DO NOTHING
            """).run()
    }

    /// Which of `ids` the organization has a record of in `table`.
    private static func held(
        _ ids: [UUID], in table: String, of organization: OrganizationID, _ sql: any SQLDatabase
    ) async throws -> Set<UUID> {
        Set(try await sql.raw("""
            SELECT id FROM \(ident: table) WHERE organization_id = \(bind: organization) AND id IN (\(binds: ids))
            """).all().map { try $0.decode(column: "id", as: UUID.self) })
    }

    /// The one field of a person document that the e-mail index needs.
    private struct Emails: Decodable {
        let emails: [String]?
    }
}

/// The e-mail index of an organization's people (`tenant_person_emails`), which direct prospect
/// data is matched against. Keys are made in Swift (`EmailAddress.keys`), the same on both databases.
enum TenantEmails {
    /// Indexes `keys` as each person's e-mails (people copied just now have none indexed yet).
    static func index(_ people: [(id: UUID, keys: [String])], in organization: OrganizationID, _ sql: any SQLDatabase) async throws {
        for statement in statements(people, in: organization, replacing: []) { try await sql.raw(statement).run() }
    }

    /// Statements that make `keys` each person's indexed e-mails: they remove the other e-mails of
    /// the people `replacing` (those that may have some indexed already) and add the missing ones.
    /// Neither depends on the other's effect, so they can also run as one statement.
    static func statements(
        _ people: [(id: UUID, keys: [String])], in organization: OrganizationID, replacing: [UUID]
    ) -> [SQLQueryString] {
        var statements: [SQLQueryString] = []
        let rows = people.flatMap { person in person.keys.map { (id: person.id, key: $0) } }
        if !replacing.isEmpty {
            let replaced = Set(replacing)
            let kept = rows.filter { replaced.contains($0.id) }.map { SQLGroupExpression([SQLBind($0.id), SQLBind($0.key)]) }
            let keep: SQLQueryString = kept.isEmpty ? "" : " AND (person_id, email) NOT IN (VALUES \(SQLList(kept)))"
            statements.append("""
                DELETE FROM tenant_person_emails
                WHERE organization_id = \(bind: organization) AND person_id IN (\(binds: replacing))\(keep)
                """)
        }
        // Bounded statements: bind limits are 32,766 on SQLite and 65,535 on PostgreSQL.
        for start in stride(from: 0, to: rows.count, by: 1000) {
            let values = SQLList(rows[start ..< min(start + 1000, rows.count)].map { row in
                SQLGroupExpression([SQLBind(organization), SQLBind(row.key), SQLBind(row.id)])
            })
            statements.append("""
                INSERT INTO tenant_person_emails (organization_id, email, person_id) VALUES \(values)
                ON CONFLICT (organization_id, email, person_id) DO NOTHING
                """)
        }
        return statements
    }

    /// A condition on `tenant_people` (unqualified columns): the person has one of `keys`.
    static func hasAny(of keys: [String], in organization: OrganizationID) -> SQLQueryString {
        """
        id IN (SELECT person_id FROM tenant_person_emails WHERE organization_id = \(bind: organization) AND email IN (\(binds: keys)))
        """
    }
}
