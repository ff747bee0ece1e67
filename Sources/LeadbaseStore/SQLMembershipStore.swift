import Foundation
import LeadbaseCore
import LeadbaseJSON
import SQLKit

/// `MembershipStore` on SQLite or PostgreSQL: tenant sync and linking as set-based statements in
/// one transaction, writing tables in the order `TenantSync` documents. `ON CONFLICT DO NOTHING`
/// on the link's key is what makes concurrent requests safe: each link row is inserted (and
/// counted by `RETURNING`) by exactly one of them.
public struct SQLMembershipStore: MembershipStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func syncAndLink(people ids: [UUID], toList list: UUID, for identity: Identity, dryRun: Bool) async throws -> LinkOutcome {
        let dialect = database.dialect
        return try await database.transaction(rollingBack: dryRun) { sql in
            let held = try await TenantSync.people(ids, for: identity, dialect, sql)
            let added = try await Self.link(
                held.usable, table: "lead_list_persons", column: "person_id", list: list, identity.organizationID, Date(), dialect, sql)
            return LinkOutcome(added: added, found: held.usable, inaccessible: held.inaccessible)
        }
    }

    public func syncAndLink(
        companies ids: [UUID], toList list: UUID, in organization: OrganizationID, dryRun: Bool
    ) async throws -> (added: Set<UUID>, found: Set<UUID>, members: [Company]) {
        try await database.transaction(rollingBack: dryRun) { sql in
            let now = Date()
            let found = try await TenantSync.companies(ids, into: organization, self.database.dialect, sql)
            let added = try await Self.link(
                found, table: "lead_list_companies", column: "company_id", list: list, organization, now, self.database.dialect, sql)
            let members = try await Self.companies(list, organization, page: "", order: "m.added_at, m.company_id", sql)
            return (added, found, members)
        }
    }

    public func remove(_ ids: [UUID], fromList list: UUID, of type: LeadListType, in organization: OrganizationID) async throws -> Int {
        let (table, column) = type == .person ? ("lead_list_persons", "person_id") : ("lead_list_companies", "company_id")
        return try await database.transaction { sql in
            try await sql.raw(
                """
                DELETE FROM \(ident: table)
                WHERE organization_id = \(bind: organization) AND list_id = \(bind: list) AND \(ident: column) IN (\(binds: ids))
                RETURNING \(ident: column)
                """
            ).all().count
        }
    }

    public func people(inList list: UUID, of organization: OrganizationID) async throws -> [Lead] {
        try await leads(list, organization, page: "", order: "m.added_at, m.person_id")
    }

    public func people(inList list: UUID, of organization: OrganizationID, after: UUID?, limit: Int) async throws -> [Lead] {
        let page: SQLQueryString = after.map { " AND m.person_id > \(bind: $0)" } ?? ""
        return try await leads(list, organization, page: page, order: "m.person_id LIMIT \(bind: limit)")
    }

    private func leads(_ list: UUID, _ organization: OrganizationID, page: SQLQueryString, order: SQLQueryString) async throws -> [Lead] {
        try await database.withSession { sql in
            try await sql.raw(
                """
                SELECT tp.doc AS person, tc.doc AS company, \(LeadColumns.attributes), tp.created_at, tp.updated_at, tp.synced_at,
                       m.added_at
                FROM lead_list_persons m
                JOIN tenant_people tp ON tp.organization_id = m.organization_id AND tp.id = m.person_id
                LEFT JOIN tenant_companies tc ON tc.organization_id = tp.organization_id AND tc.id = tp.company_id
                WHERE m.organization_id = \(bind: organization) AND m.list_id = \(bind: list)\(page)
                ORDER BY \(order)
                """
            ).all().map { row in
                Lead(
                    person: try DirectoryDocuments.person(try row.decode(column: "person", as: String.self)),
                    companyDocument: try row.decode(column: "company", as: String?.self),
                    attributes: try LeadColumns.attributes(of: row), createdAt: try row.decode(column: "created_at"),
                    updatedAt: try row.decode(column: "updated_at"), syncedAt: try row.decode(column: "synced_at"),
                    addedAt: try row.decode(column: "added_at")
                )
            }
        }
    }

    public func companies(inList list: UUID, of organization: OrganizationID) async throws -> [Company] {
        try await database.withSession { sql in
            try await Self.companies(list, organization, page: "", order: "m.added_at, m.company_id", sql)
        }
    }

    public func companies(inList list: UUID, of organization: OrganizationID, after: UUID?, limit: Int) async throws -> [Company] {
        let page: SQLQueryString = after.map { " AND m.company_id > \(bind: $0)" } ?? ""
        return try await database.withSession { sql in
            try await Self.companies(list, organization, page: page, order: "m.company_id LIMIT \(bind: limit)", sql)
        }
    }

    private static func companies(
        _ list: UUID, _ organization: OrganizationID, page: SQLQueryString, order: SQLQueryString, _ sql: any SQLDatabase
    ) async throws -> [Company] {
        try await sql.raw(
            """
            SELECT tc.doc FROM lead_list_companies m
            JOIN tenant_companies tc ON tc.organization_id = m.organization_id AND tc.id = m.company_id
            WHERE m.organization_id = \(bind: organization) AND m.list_id = \(bind: list)\(page)
            ORDER BY \(order)
            """
        ).all().map { try DirectoryDocuments.decode(Company.self, from: $0.decode(column: "doc")) }
    }

    /// Links `ids` to the list in one statement, in id order; returns those that were not linked
    /// already. The list's `updatedAt` is left alone: it tracks the list's own fields, and
    /// writing the list row here would make every add to a list wait for the one before it.
    static func link(
        _ ids: Set<UUID>, table: String, column: String, list: UUID, _ organization: OrganizationID, _ now: Date,
        _ dialect: SQLDialectKind, _ sql: any SQLDatabase
    ) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let sorted = ids.sorted { $0.precedes($1) }
        // PostgreSQL gets the ids as one array (see `SQLDialectKind.isAny`); SQLite a row each.
        let rows: SQLQueryString =
            switch dialect {
            case .postgres:
                """
                SELECT \(bind: organization), \(bind: list), id, \(bind: now) FROM unnest(\(bind: sorted)::uuid[]) WITH ORDINALITY AS i(id, n)
                ORDER BY i.n
                """
            case .sqlite:
                "VALUES \(SQLList(sorted.map { SQLGroupExpression([SQLBind(organization), SQLBind(list), SQLBind($0), SQLBind(now)]) }))"
            }
        return try await listMustExist(list) {
            try linked(
                try await sql.raw(
                    """
                    INSERT INTO \(ident: table) (organization_id, list_id, \(ident: column), added_at) \(rows)
                    ON CONFLICT (organization_id, list_id, \(ident: column)) DO NOTHING
                    RETURNING \(ident: column)
                    """
                ).all(), column)
        }
    }

    static func linked(_ rows: [any SQLRow], _ column: String) throws -> Set<UUID> {
        Set(try rows.map { try $0.decode(column: column, as: UUID.self) })
    }

    /// Runs a write that links to `list`. The links' foreign key is what keeps the list from being
    /// deleted meanwhile (PostgreSQL locks the list row `FOR KEY SHARE` as it checks it; SQLite's
    /// write lock serializes writers), so concurrent adds to one list do not wait for each other;
    /// a list that is gone by then is `notFound`.
    static func listMustExist<T>(_ list: UUID, _ write: () async throws -> T) async throws -> T {
        do {
            return try await write()
        } catch  where Database.isForeignKeyViolation(error) {
            throw LeadbaseError.leadListNotFound(list)
        }
    }
}

/// The `tenant_people` columns of `LeadAttributes`.
enum LeadColumns {
    /// The columns of `tp` (a `tenant_people` row), for a select list.
    static let attributes: SQLQueryString = "tp.lead_owner_id, tp.consent_status, tp.consent_source, tp.consent_updated_at"

    static func attributes(of row: any SQLRow) throws -> LeadAttributes {
        let status = try row.decode(column: "consent_status", as: String.self)
        return LeadAttributes(
            ownerID: try row.decode(column: "lead_owner_id"),
            // The column's CHECK allows only the statuses.
            consentStatus: ConsentStatus(rawValue: status) ?? .unknown,
            consentSource: try row.decode(column: "consent_source"),
            consentUpdatedAt: try row.decode(column: "consent_updated_at"))
    }
}
