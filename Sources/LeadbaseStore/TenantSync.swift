import Foundation
import LeadbaseCore
import SQLKit

/// Copying directory records into an organization's own ("tenant sync"), inside a caller's
/// transaction. A record the organization already has is left as it is.
///
/// Lock order. Every write path of the tenant tables writes them in one order, and the rows of
/// each in key order: `tenant_companies`, `tenant_people`, `tenant_person_emails`, then the list
/// links (`lead_list_persons`, `lead_list_companies`). Two requests that meet on the same rows
/// therefore queue rather than deadlock; a deadlock that still happens is retried by
/// `Database.transaction`.
enum TenantSync {
    /// Copies those of the people `ids` that the organization does not hold yet, with their
    /// current companies (a new record is owned by `identity`'s user), then sorts `ids` by what
    /// `identity` may do with the organization's record of each (`RecordVisibility`).
    ///
    /// What cannot be linked as it is held is read first, and only that: adding people the
    /// organization holds and the caller may see (a list made from another's people, a selection
    /// added twice) reads no row and no directory document, and writes no record. A held person is
    /// left as it is, its company too (the one its copy names; the directory may have moved the
    /// person since). An id neither held before nor copied now is read once more: another request
    /// may have copied it meanwhile (the copy's `ON CONFLICT` waited for it to commit), and its
    /// lists decide whether the caller may use it.
    static func people(
        _ ids: [UUID], for identity: Identity, _ dialect: SQLDialectKind, _ sql: any SQLDatabase
    ) async throws -> HeldPeople {
        guard !ids.isEmpty else { return HeldPeople() }
        var unusable = try await Unusable(ids, for: identity, dialect, sql)
        if !unusable.absent.isEmpty {
            let raced = unusable.absent.subtracting(try await copyPeople(Array(unusable.absent), for: identity, dialect, sql))
            let again = raced.isEmpty ? Unusable() : try await Unusable(Array(raced), for: identity, dialect, sql)
            unusable.absent = again.absent
            unusable.hidden.formUnion(again.hidden)
            unusable.inaccessible.formUnion(again.inaccessible)
        }
        return HeldPeople(
            usable: Set(ids).subtracting(unusable.absent).subtracting(unusable.hidden), inaccessible: unusable.inaccessible)
    }

    /// The people of a selection that cannot be linked as the organization holds them, and why.
    private struct Unusable {
        /// Ids the organization holds no record of.
        var absent: Set<UUID> = []
        /// Records the caller may not see (`RecordVisibility`).
        var hidden: Set<UUID> = []
        /// The hidden records of directory people (the others are the organization's own).
        var inaccessible: Set<UUID> = []

        init() {}

        /// Reads which of `ids` are absent or hidden from `identity`; only those rows come back.
        init(_ ids: [UUID], for identity: Identity, _ dialect: SQLDialectKind, _ sql: any SQLDatabase) async throws {
            for row in try await sql.raw(
                """
                SELECT i.id, tp.id IS NULL AS absent, EXISTS (SELECT 1 FROM people p WHERE p.id = i.id) AS global
                FROM \(dialect.table(of: ids, "i", column: "id"))
                LEFT JOIN tenant_people tp ON tp.organization_id = \(bind: identity.organizationID) AND tp.id = i.id
                WHERE tp.id IS NULL OR NOT \(RecordVisibility.condition(for: identity))
                """
            ).all() {
                let id = try row.decode(column: "id", as: UUID.self)
                if try row.decode(column: "absent", as: Bool.self) {
                    absent.insert(id)
                } else {
                    hidden.insert(id)
                    if try row.decode(column: "global", as: Bool.self) { inaccessible.insert(id) }
                }
            }
        }
    }

    /// Copies the directory's people `ids` and their current companies, with the people's e-mail
    /// keys; returns the ids copied (those the directory has and no other request copied first).
    private static func copyPeople(
        _ ids: [UUID], for identity: Identity, _ dialect: SQLDialectKind, _ sql: any SQLDatabase
    ) async throws -> Set<UUID> {
        let organization = identity.organizationID
        let now = Date()
        let named = dialect.isAny(column: "p.id", of: ids)
        try await copyCompanies("c.id IN (SELECT p.company_id FROM people p WHERE \(named))", into: organization, now, sql)
        let copied = try await sql.raw(
            """
            INSERT INTO tenant_people (organization_id, id, doc, company_id, linkedin_key, lead_owner_id, synced_at, created_at, updated_at)
            SELECT \(bind: organization), p.id, p.doc, p.company_id, p.linkedin_key, \(bind: identity.userID), \(bind: now), \(bind: now),
                   \(bind: now)
            FROM people p WHERE \(named)
            ORDER BY p.id
            ON CONFLICT (organization_id, id) DO NOTHING
            RETURNING id, doc
            """
        ).all().map { row in
            (
                id: try row.decode(column: "id", as: UUID.self),
                keys: EmailAddress.keys(try DirectoryDocuments.decode(Emails.self, from: row.decode(column: "doc")).emails ?? [])
            )
        }
        try await TenantEmails.write(copied, replacing: [], in: organization, dialect, sql)
        return Set(copied.map(\.id))
    }

    /// Copies the companies `ids`; returns the ids the organization now has a record of.
    static func companies(
        _ ids: [UUID], into organization: OrganizationID, _ dialect: SQLDialectKind, _ sql: any SQLDatabase
    ) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        try await copyCompanies(dialect.isAny(column: "c.id", of: ids), into: organization, Date(), sql)
        return Set(
            try await sql.raw(
                """
                SELECT id FROM tenant_companies WHERE organization_id = \(bind: organization) AND \(dialect.isAny("id", of: ids))
                """
            ).all().map { try $0.decode(column: "id", as: UUID.self) })
    }

    /// Copies the directory's companies (`c`) that `condition` selects, in id order.
    private static func copyCompanies(
        _ condition: SQLQueryString, into organization: OrganizationID, _ now: Date, _ sql: any SQLDatabase
    ) async throws {
        try await sql.raw(
            """
            INSERT INTO tenant_companies (organization_id, id, doc, synced_at, created_at, updated_at)
            SELECT \(bind: organization), c.id, c.doc, \(bind: now), \(bind: now), \(bind: now) FROM companies c
            WHERE \(condition)
            ORDER BY c.id
            ON CONFLICT (organization_id, id) DO NOTHING
            """
        ).run()
    }

    /// The one field of a person document that the e-mail index needs.
    private struct Emails: Decodable {
        let emails: [String]?
    }
}

/// The people a selection named, by what the caller may do with the organization's record of
/// each. An id in neither set exists nowhere the caller may know of.
struct HeldPeople {
    /// Records the caller may see (`RecordVisibility`): these are linked.
    var usable: Set<UUID> = []
    /// Directory people whose record the organization holds in lists the caller may not use.
    var inaccessible: Set<UUID> = []
}

/// Which of an organization's person records a caller may see, and so read, change or link:
/// an admin sees them all; anyone else those in a list they may use, and those in no list at
/// all (whose lists were deleted, or that were just copied from the directory). So a record in
/// other users' lists only is out of reach: direct data does not match it, a selection does not
/// link it, and nothing of it reaches the caller.
enum RecordVisibility {
    /// The rule as a condition on `tp` (a `tenant_people` row).
    static func condition(for identity: Identity) -> SQLQueryString {
        if identity.isAdmin { return "TRUE" }
        return """
            (NOT EXISTS (SELECT 1 FROM lead_list_persons m
                         WHERE m.organization_id = tp.organization_id AND m.person_id = tp.id)
             OR EXISTS (SELECT 1 FROM lead_list_persons m
                        JOIN lead_list_users u ON u.organization_id = m.organization_id AND u.list_id = m.list_id
                        WHERE m.organization_id = tp.organization_id AND m.person_id = tp.id
                          AND u.user_id = \(bind: identity.userID)))
            """
    }
}

/// The e-mail index of an organization's people (`tenant_person_emails`), which direct prospect
/// data is matched against. Keys are made in Swift (`EmailAddress.keys`), the same on both databases.
enum TenantEmails {
    /// Makes `keys` each person's indexed e-mails: first removes every indexed e-mail of the
    /// people `replacing` (those that may have some already), then adds the rows, in key order.
    /// The number of parameters stays bounded whatever the number of e-mails (PostgreSQL gets
    /// them as two arrays; SQLite in statements of 1000 rows).
    static func write(
        _ people: [(id: UUID, keys: [String])], replacing: [UUID], in organization: OrganizationID,
        _ dialect: SQLDialectKind, _ sql: any SQLDatabase
    ) async throws {
        if !replacing.isEmpty {
            try await sql.raw(
                """
                DELETE FROM tenant_person_emails
                WHERE organization_id = \(bind: organization) AND \(dialect.isAny("person_id", of: replacing))
                """
            ).run()
        }
        let rows = people.flatMap { person in person.keys.map { (key: $0, id: person.id) } }
            .sorted { $0.key != $1.key ? $0.key < $1.key : $0.id.precedes($1.id) }
        guard !rows.isEmpty else { return }
        switch dialect {
        case .postgres:
            try await sql.raw(
                """
                INSERT INTO tenant_person_emails (organization_id, email, person_id)
                SELECT \(bind: organization), e.email, e.person_id
                FROM unnest(\(bind: rows.map(\.key))::text[], \(bind: rows.map(\.id))::uuid[]) WITH ORDINALITY AS e(email, person_id, n)
                ORDER BY e.n
                ON CONFLICT (organization_id, email, person_id) DO NOTHING
                """
            ).run()
        case .sqlite:
            for start in stride(from: 0, to: rows.count, by: 1000) {
                let values = SQLList(
                    rows[start..<min(start + 1000, rows.count)].map { row in
                        SQLGroupExpression([SQLBind(organization), SQLBind(row.key), SQLBind(row.id)])
                    })
                try await sql.raw(
                    """
                    INSERT INTO tenant_person_emails (organization_id, email, person_id) VALUES \(values)
                    ON CONFLICT (organization_id, email, person_id) DO NOTHING
                    """
                ).run()
            }
        }
    }

    /// A condition on `tenant_people` (unqualified columns): the person has one of `keys`.
    static func hasAny(of keys: [String], in organization: OrganizationID, _ dialect: SQLDialectKind) -> SQLQueryString {
        """
        id IN (SELECT person_id FROM tenant_person_emails WHERE organization_id = \(bind: organization) AND \(dialect.isAnyText("email", of: keys)))
        """
    }
}
