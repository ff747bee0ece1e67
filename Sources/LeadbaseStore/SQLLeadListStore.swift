import Foundation
import LeadbaseCore
import SQLKit

/// `LeadListStore` on SQLite or PostgreSQL.
public struct SQLLeadListStore: LeadListStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func leadLists(in organization: OrganizationID, usableBy user: UserID?, includingMembers: Bool) async throws -> [LeadList] {
        try await database.withSession { sql in
            let access: SQLQueryString =
                if let user {
                    """
                    AND EXISTS (SELECT 1 FROM lead_list_users u
                                WHERE u.organization_id = l.organization_id AND u.list_id = l.id AND u.user_id = \(bind: user))
                    """
                } else {
                    ""
                }
            let rows = try await sql.raw(
                """
                SELECT \(unsafeRaw: Self.columns) FROM lead_lists l
                WHERE l.organization_id = \(bind: organization) \(access)
                ORDER BY l.created_at DESC, l.id
                """
            ).all()
            return try await Self.assemble(rows, in: organization, includingMembers: includingMembers, sql)
        }
    }

    public func memberCounts(of lists: [UUID], in organization: OrganizationID) async throws -> [UUID: Int] {
        guard !lists.isEmpty else { return [:] }
        return try await database.withSession { sql in
            // Index-only counts over each link table's key (organization_id, list_id, member).
            var counts: [UUID: Int] = [:]
            for row in try await sql.raw(
                """
                SELECT list_id, COUNT(*) AS members FROM lead_list_persons
                WHERE organization_id = \(bind: organization) AND list_id IN (\(binds: lists)) GROUP BY list_id
                UNION ALL
                SELECT list_id, COUNT(*) AS members FROM lead_list_companies
                WHERE organization_id = \(bind: organization) AND list_id IN (\(binds: lists)) GROUP BY list_id
                """
            ).all() {
                // A list holds one kind of member, so at most one row each.
                counts[try row.decode(column: "list_id", as: UUID.self), default: 0] += try row.decode(column: "members", as: Int.self)
            }
            return counts
        }
    }

    public func leadList(_ id: UUID, in organization: OrganizationID, includingMembers: Bool) async throws -> LeadList? {
        try await database.withSession { sql in
            // The list and its access list in one round trip (a row per user): every request on a
            // list starts here.
            let rows = try await sql.raw(
                """
                SELECT \(unsafeRaw: Self.columns), u.user_id FROM lead_lists l
                LEFT JOIN lead_list_users u ON u.organization_id = l.organization_id AND u.list_id = l.id
                WHERE l.organization_id = \(bind: organization) AND l.id = \(bind: id)
                ORDER BY u.user_id
                """
            ).all()
            guard let row = rows.first else { return nil }
            let users = try rows.compactMap { try $0.decode(column: "user_id", as: String?.self) }
            let type = try Self.type(of: row)
            let (table, column) = type == .person ? ("lead_list_persons", "person_id") : ("lead_list_companies", "company_id")
            let members: [UUID] =
                includingMembers
                ? try await sql.raw(
                    """
                    SELECT \(ident: column) FROM \(ident: table) WHERE organization_id = \(bind: organization) AND list_id = \(bind: id)
                    ORDER BY added_at, \(ident: column)
                    """
                ).all().map { try $0.decode(column: column, as: UUID.self) } : []
            return try Self.list(
                row, id: id, users: users, persons: type == .person ? members : [], companies: type == .company ? members : [])
        }
    }

    public func insert(_ list: LeadList, by identity: Identity) async throws {
        let dialect = database.dialect
        try await database.transaction { sql in
            try await ICPReference.check(list.icpID, of: list.organizationID, dialect, sql)
            try await sql.raw(
                """
                INSERT INTO lead_lists (organization_id, id, name, type, icp_id, start_date, end_date, created_by, created_at, updated_at)
                VALUES (\(bind: list.organizationID), \(bind: list.id), \(bind: list.name), \(bind: list.type.rawValue),
                        \(bind: list.icpID), \(bind: list.startDate), \(bind: list.endDate), \(bind: list.createdBy),
                        \(bind: list.createdAt), \(bind: list.updatedAt))
                """
            ).run()
            try await Self.insertAccess(of: list, sql)
            try await Self.replaceMembers(of: list, by: identity, linked: false, dialect, sql)
        }
    }

    public func update(_ list: LeadList, replacingMembers: Bool, by identity: Identity) async throws {
        let dialect = database.dialect
        try await database.transaction { sql in
            try await ICPReference.check(list.icpID, of: list.organizationID, dialect, sql)
            try await sql.raw(
                """
                UPDATE lead_lists
                SET name = \(bind: list.name), icp_id = \(bind: list.icpID), start_date = \(bind: list.startDate),
                    end_date = \(bind: list.endDate), updated_at = \(bind: list.updatedAt)
                WHERE organization_id = \(bind: list.organizationID) AND id = \(bind: list.id)
                """
            ).run()
            try await sql.raw(
                """
                DELETE FROM lead_list_users WHERE organization_id = \(bind: list.organizationID) AND list_id = \(bind: list.id)
                """
            ).run()
            try await Self.insertAccess(of: list, sql)
            if replacingMembers { try await Self.replaceMembers(of: list, by: identity, linked: true, dialect, sql) }
        }
    }

    /// Makes the list's links exactly `memberIDs`, syncing them from the directory first. Ids that
    /// exist nowhere the caller may know of, and directory people held in lists the caller may
    /// not use (`RecordVisibility`), are a 400 naming each (the transaction rolls back). `linked`
    /// says whether the list may have links already (false for a list this transaction created).
    static func replaceMembers(
        of list: LeadList, by identity: Identity, linked: Bool, _ dialect: SQLDialectKind, _ sql: any SQLDatabase
    ) async throws {
        let ids = list.memberIDs
        let (key, table, column) =
            list.type == .person
            ? ("personIds", "lead_list_persons", "person_id") : ("companyIds", "lead_list_companies", "company_id")
        var issues: [ValidationIssue] = []
        if list.type == .person {
            let held = try await TenantSync.people(ids, for: identity, dialect, sql)
            for (index, id) in ids.enumerated() where !held.usable.contains(id) {
                let message = held.inaccessible.contains(id) ? "In lists you may not use" : "Not found"
                issues.append(ValidationIssue(path: [.key(key), .index(index)], message: message))
            }
        } else {
            let found = try await TenantSync.companies(ids, into: list.organizationID, dialect, sql)
            for (index, id) in ids.enumerated() where !found.contains(id) {
                issues.append(ValidationIssue(path: [.key(key), .index(index)], message: "Not found"))
            }
        }
        guard issues.isEmpty else { throw LeadbaseError.invalidBody(issues) }
        if linked {
            let keep: SQLQueryString = ids.isEmpty ? "" : " AND NOT (\(dialect.isAny(column, of: ids)))"
            try await sql.raw(
                """
                DELETE FROM \(ident: table) WHERE organization_id = \(bind: list.organizationID) AND list_id = \(bind: list.id)\(keep)
                """
            ).run()
        }
        _ = try await SQLMembershipStore.link(
            Set(ids), table: table, column: column, list: list.id, list.organizationID, Date(), dialect, sql)
    }

    public func delete(_ id: UUID, in organization: OrganizationID) async throws -> Bool {
        try await database.transaction { sql in
            try await sql.raw(
                """
                DELETE FROM lead_lists WHERE organization_id = \(bind: organization) AND id = \(bind: id) RETURNING id
                """
            ).first() != nil
        }
    }

    static let columns =
        "l.id, l.organization_id, l.name, l.type, l.icp_id, l.start_date, l.end_date, l.created_by, l.created_at, l.updated_at"

    /// One statement for the whole access list.
    static func insertAccess(of list: LeadList, _ sql: any SQLDatabase) async throws {
        guard !list.userIDs.isEmpty else { return }
        let values = SQLList(
            list.userIDs.map { user in
                SQLGroupExpression([SQLBind(list.organizationID), SQLBind(list.id), SQLBind(user)])
            })
        try await sql.raw(
            """
            INSERT INTO lead_list_users (organization_id, list_id, user_id) VALUES \(values)
            """
        ).run()
    }

    /// Turns list rows into lists, loading access lists and (when `includingMembers`) members with
    /// one query each.
    static func assemble(
        _ rows: [any SQLRow], in organization: OrganizationID, includingMembers: Bool, _ sql: any SQLDatabase
    ) async throws -> [LeadList] {
        guard !rows.isEmpty else { return [] }
        let ids: [UUID] = try rows.map { try $0.decode(column: "id") }
        let users = try await grouped(
            "SELECT list_id, user_id AS member FROM lead_list_users WHERE organization_id = \(bind: organization) AND list_id IN (\(binds: ids)) ORDER BY user_id",
            as: String.self, sql)
        guard includingMembers else {
            return try zip(rows, ids).map { row, id in try list(row, id: id, users: users[id] ?? [], persons: [], companies: []) }
        }
        let persons = try await grouped(
            "SELECT list_id, person_id AS member FROM lead_list_persons WHERE organization_id = \(bind: organization) AND list_id IN (\(binds: ids)) ORDER BY added_at, person_id",
            as: UUID.self, sql)
        let companies = try await grouped(
            "SELECT list_id, company_id AS member FROM lead_list_companies WHERE organization_id = \(bind: organization) AND list_id IN (\(binds: ids)) ORDER BY added_at, company_id",
            as: UUID.self, sql)
        return try zip(rows, ids).map { row, id in
            try list(row, id: id, users: users[id] ?? [], persons: persons[id] ?? [], companies: companies[id] ?? [])
        }
    }

    private static func type(of row: any SQLRow) throws -> LeadListType {
        LeadListType(rawValue: try row.decode(column: "type")) ?? .person
    }

    private static func list(_ row: any SQLRow, id: UUID, users: [String], persons: [UUID], companies: [UUID]) throws -> LeadList {
        LeadList(
            id: id,
            organizationID: try row.decode(column: "organization_id"),
            name: try row.decode(column: "name"),
            type: try type(of: row),
            icpID: try row.decode(column: "icp_id"),
            startDate: try row.decode(column: "start_date"),
            endDate: try row.decode(column: "end_date"),
            createdBy: try row.decode(column: "created_by"),
            userIDs: users,
            personIDs: persons,
            companyIDs: companies,
            createdAt: try row.decode(column: "created_at"),
            updatedAt: try row.decode(column: "updated_at")
        )
    }

    private static func grouped<Member: Decodable>(
        _ query: SQLQueryString, as: Member.Type, _ sql: any SQLDatabase
    ) async throws -> [UUID: [Member]] {
        var result: [UUID: [Member]] = [:]
        for row in try await sql.raw(query).all() {
            result[try row.decode(column: "list_id"), default: []].append(try row.decode(column: "member"))
        }
        return result
    }
}
