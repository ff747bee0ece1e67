import Foundation
import LeadbaseCore
import LeadbaseJSON
import SQLKit

/// `ICPStore` on SQLite or PostgreSQL. The criteria are stored as their JSON text.
///
/// Lock order: `icps` before `lead_lists`. Deleting an ICP deletes its row first and then
/// unlinks its lists; a list write that names an ICP locks the ICP's row first
/// (`ICPReference`). So a list written while its ICP is deleted either sees the ICP gone (a
/// 400) or is committed before the unlinking statement starts, which then unlinks it too.
public struct SQLICPStore: ICPStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static let columns = """
        i.id, i.organization_id, i.name, i.description, i.lead_provider_criteria, i.custom_filter_criteria, i.crm_filters,
        i.leads_per_list, i.active_until, i.created_by, i.created_at, i.updated_at
        """

    public func icps(in organization: OrganizationID, usableBy user: UserID?) async throws -> [ICP] {
        try await database.withSession { sql in
            let access: SQLQueryString =
                if let user {
                    """
                    AND EXISTS (SELECT 1 FROM icp_users u
                                WHERE u.organization_id = i.organization_id AND u.icp_id = i.id AND u.user_id = \(bind: user))
                    """
                } else {
                    ""
                }
            let rows = try await sql.raw(
                """
                SELECT \(unsafeRaw: Self.columns) FROM icps i
                WHERE i.organization_id = \(bind: organization) \(access)
                ORDER BY i.created_at DESC, i.id
                """
            ).all()
            guard !rows.isEmpty else { return [] }
            let ids: [UUID] = try rows.map { try $0.decode(column: "id") }
            var users: [UUID: [UserID]] = [:]
            for row in try await sql.raw(
                """
                SELECT icp_id, user_id FROM icp_users
                WHERE organization_id = \(bind: organization) AND icp_id IN (\(binds: ids)) ORDER BY user_id
                """
            ).all() {
                users[try row.decode(column: "icp_id"), default: []].append(try row.decode(column: "user_id"))
            }
            return try zip(rows, ids).map { row, id in try Self.icp(row, users: users[id] ?? []) }
        }
    }

    public func icp(_ id: UUID, in organization: OrganizationID) async throws -> ICP? {
        try await database.withSession { sql in
            let rows = try await sql.raw(
                """
                SELECT \(unsafeRaw: Self.columns), u.user_id FROM icps i
                LEFT JOIN icp_users u ON u.organization_id = i.organization_id AND u.icp_id = i.id
                WHERE i.organization_id = \(bind: organization) AND i.id = \(bind: id)
                ORDER BY u.user_id
                """
            ).all()
            guard let row = rows.first else { return nil }
            return try Self.icp(row, users: try rows.compactMap { try $0.decode(column: "user_id", as: String?.self) })
        }
    }

    public func insert(_ icp: ICP) async throws {
        try await database.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO icps (organization_id, id, name, description, lead_provider_criteria, custom_filter_criteria, crm_filters,
                                  leads_per_list, active_until, created_by, created_at, updated_at)
                VALUES (\(bind: icp.organizationID), \(bind: icp.id), \(bind: icp.name), \(bind: icp.description),
                        \(bind: try Self.text(icp.leadProviderCriteria)), \(bind: try Self.text(icp.customFilterCriteria)),
                        \(bind: try Self.text(icp.crmFilters)), \(bind: icp.leadsPerList), \(bind: icp.activeUntil),
                        \(bind: icp.createdBy), \(bind: icp.createdAt), \(bind: icp.updatedAt))
                """
            ).run()
            try await Self.insertAccess(of: icp, sql)
        }
    }

    public func update(_ icp: ICP) async throws -> Bool {
        try await database.transaction { sql in
            let updated = try await sql.raw(
                """
                UPDATE icps
                SET name = \(bind: icp.name), description = \(bind: icp.description),
                    lead_provider_criteria = \(bind: try Self.text(icp.leadProviderCriteria)),
                    custom_filter_criteria = \(bind: try Self.text(icp.customFilterCriteria)),
                    crm_filters = \(bind: try Self.text(icp.crmFilters)), leads_per_list = \(bind: icp.leadsPerList),
                    active_until = \(bind: icp.activeUntil), updated_at = \(bind: icp.updatedAt)
                WHERE organization_id = \(bind: icp.organizationID) AND id = \(bind: icp.id)
                RETURNING id
                """
            ).first()
            guard updated != nil else { return false }
            try await sql.raw(
                "DELETE FROM icp_users WHERE organization_id = \(bind: icp.organizationID) AND icp_id = \(bind: icp.id)"
            ).run()
            try await Self.insertAccess(of: icp, sql)
            return true
        }
    }

    public func delete(_ id: UUID, in organization: OrganizationID) async throws -> Bool {
        try await database.transaction { sql in
            let deleted = try await sql.raw(
                "DELETE FROM icps WHERE organization_id = \(bind: organization) AND id = \(bind: id) RETURNING id"
            ).first()
            guard deleted != nil else { return false }
            try await sql.raw(
                "UPDATE lead_lists SET icp_id = NULL WHERE organization_id = \(bind: organization) AND icp_id = \(bind: id)"
            ).run()
            return true
        }
    }

    static func insertAccess(of icp: ICP, _ sql: any SQLDatabase) async throws {
        guard !icp.userIDs.isEmpty else { return }
        let values = SQLList(
            icp.userIDs.map { user in SQLGroupExpression([SQLBind(icp.organizationID), SQLBind(icp.id), SQLBind(user)]) })
        try await sql.raw("INSERT INTO icp_users (organization_id, icp_id, user_id) VALUES \(values)").run()
    }

    static func text(_ value: JSONValue) throws -> String {
        try DirectoryDocuments.encode(value)
    }

    static func json(_ row: any SQLRow, _ column: String) throws -> JSONValue {
        try JSONValue.parse(Array(try row.decode(column: column, as: String.self).utf8))
    }

    static func icp(_ row: any SQLRow, users: [UserID]) throws -> ICP {
        ICP(
            id: try row.decode(column: "id"), organizationID: try row.decode(column: "organization_id"),
            name: try row.decode(column: "name"), description: try row.decode(column: "description"),
            leadProviderCriteria: try json(row, "lead_provider_criteria"), customFilterCriteria: try json(row, "custom_filter_criteria"),
            crmFilters: try json(row, "crm_filters"), createdBy: try row.decode(column: "created_by"), userIDs: users,
            leadsPerList: try row.decode(column: "leads_per_list"), activeUntil: try row.decode(column: "active_until"),
            createdAt: try row.decode(column: "created_at"), updatedAt: try row.decode(column: "updated_at"))
    }
}

/// A list's `icpId`, checked inside the list's write: it must name an ICP of the organization,
/// whose row is locked (PostgreSQL: `FOR KEY SHARE`; SQLite's writers take turns) so that it
/// cannot go before the list is written (see `SQLICPStore`'s lock order).
enum ICPReference {
    static func check(_ icpID: UUID?, of organization: OrganizationID, _ dialect: SQLDialectKind, _ sql: any SQLDatabase) async throws {
        guard let icpID else { return }
        let lock: SQLQueryString = dialect == .postgres ? " FOR KEY SHARE" : ""
        let found = try await sql.raw(
            "SELECT id FROM icps WHERE organization_id = \(bind: organization) AND id = \(bind: icpID)\(lock)"
        ).first()
        if found == nil {
            throw LeadbaseError.invalidBody([ValidationIssue(path: ["icpId"], message: "No ICP with this id in the organization")])
        }
    }
}
