import Foundation
import HTTPTypes
import LeadbaseCore
import LeadbaseStore
import LeadbaseTestSupport
import SQLKit
import Testing

@testable import LeadbaseServer

/// Every `/api/v1` operation of the OpenAPI document against every kind of caller: exact status
/// and envelope, and nothing written by a refused call. An operation of the document without a
/// row here fails the test, so a new route must say who may call it.
@Suite("Access matrix")
struct AccessMatrixTests {
    enum Caller: String, CaseIterable {
        case owner, memberWithoutAccess, admin, otherMember, otherAdmin, noToken, revokedToken, jwtWithoutOrganization, expiredJWT
    }

    /// How to call one operation: on which list (if any), with which body, and what success is.
    struct Row {
        var list: LeadListType? = .person
        var body: String? = nil
        var success: HTTPResponse.Status = .ok
        /// The `{id}` of a directory record, for routes that take one.
        var directoryID: UUID? = nil
        /// Whether `{id}` is an ICP of Alice's (made for each cell) rather than a list.
        var icp = false
        /// The query string, `?` included.
        var query = ""
    }

    static let rows: [String: Row] = [
        "GET /api/v1/entities/leadlists": Row(list: nil),
        "POST /api/v1/entities/leadlists": Row(list: nil, body: #"{"name": "Made"}"#, success: .created),
        "GET /api/v1/entities/leadlists/{id}": Row(),
        "PATCH /api/v1/entities/leadlists/{id}": Row(body: #"{"name": "Renamed"}"#),
        "DELETE /api/v1/entities/leadlists/{id}": Row(success: .noContent),
        "POST /api/v1/entities/leadlists/{id}/add-prospects": Row(
            body: #"{"selection": {"mode": "manual", "includedIds": ["\#(F.john)"]}}"#),
        "POST /api/v1/entities/leadlists/{id}/add-companies": Row(list: .company, body: #"{"companyIds": ["\#(F.globex)"]}"#),
        "POST /api/v1/entities/leadlists/{id}/remove-members": Row(body: #"{"ids": ["\#(F.jose)"]}"#),
        "GET /api/v1/entities/leadlists/{id}/export": Row(),
        "GET /api/v1/entities/leads/list/{id}": Row(),
        "POST /api/v1/entities/prospects/person": Row(list: nil, body: "{}"),
        "GET /api/v1/entities/prospects/person/{id}": Row(list: nil, directoryID: F.jose),
        "POST /api/v1/entities/prospects/company": Row(list: nil, body: "{}"),
        "GET /api/v1/entities/prospects/company/{id}": Row(list: nil, directoryID: F.acme),
        "GET /api/v1/entities/prospects/company/{id}/people/search": Row(list: nil, directoryID: F.acme),
        "GET /api/v1/entities/icps": Row(list: nil),
        "POST /api/v1/entities/icps": Row(list: nil, body: #"{"name": "Made"}"#, success: .created),
        "GET /api/v1/entities/icps/{id}": Row(list: nil, icp: true),
        "PATCH /api/v1/entities/icps/{id}": Row(list: nil, body: #"{"name": "Renamed"}"#, icp: true),
        "DELETE /api/v1/entities/icps/{id}": Row(list: nil, success: .noContent, icp: true),
        "GET /api/v1/operations/autocomplete/companies": Row(list: nil),
        "GET /api/v1/operations/autocomplete/people": Row(list: nil),
        "GET /api/v1/operations/autocomplete/locations": Row(list: nil),
        "GET /api/v1/operations/autocomplete/schools": Row(list: nil),
        "GET /api/v1/operations/autocomplete/classifications": Row(list: nil, query: "?key=SKILL"),
        "GET /api/v1/operations/autocomplete/person-metadata": Row(list: nil),
    ]

    /// What a refused caller gets: status, code and message. `resource` is the `{id}` of a list
    /// or ICP of Alice's, if the route takes one.
    static func refusal(_ caller: Caller, resource: String?, icp: Bool) -> (HTTPResponse.Status, String, String)? {
        switch caller {
        case .owner, .admin: nil
        case .memberWithoutAccess:
            resource == nil
                ? nil : (.forbidden, "FORBIDDEN", icp ? "You do not have access to this ICP" : "You do not have access to this lead list")
        case .otherMember, .otherAdmin:
            resource.map { (.notFound, "NOT_FOUND", icp ? "ICP not found: \($0)" : "LeadList not found: \($0)") }
        case .noToken: (.unauthorized, "UNAUTHORIZED", "Missing bearer token")
        case .revokedToken: (.unauthorized, "UNAUTHORIZED", "Invalid or revoked token")
        case .jwtWithoutOrganization: (.unauthorized, "UNAUTHORIZED", "Organization ID required")
        case .expiredJWT: (.unauthorized, "UNAUTHORIZED", "Invalid or expired token")
        }
    }

    /// Every row of every table a call could write, as text: equal before and after a refused call.
    static func fingerprint(_ database: Database) async throws -> [String] {
        try await database.withSession { sql in
            var lines: [String] = []
            for (table, columns) in [
                ("lead_lists", "id, name, updated_at"), ("lead_list_users", "list_id, user_id"),
                ("lead_list_persons", "list_id, person_id"), ("lead_list_companies", "list_id, company_id"),
                ("tenant_people", "id, doc"), ("tenant_companies", "id"), ("tenant_person_emails", "email, person_id"),
                ("users", "organization_id, id, role"), ("organizations", "id"), ("icps", "id, name, updated_at"),
                ("icp_users", "icp_id, user_id"),
            ] {
                let count = try await sql.raw("SELECT count(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? -1
                lines.append("\(table): \(count)")
                let rows = try await sql.raw("SELECT \(unsafeRaw: columns) FROM \(ident: table) ORDER BY \(unsafeRaw: columns)").all()
                for row in rows {
                    lines.append(
                        columns.split(separator: ",").map { column in
                            let name = column.trimmingCharacters(in: .whitespaces)
                            return (try? row.decode(column: name, as: String.self))
                                ?? (try? row.decode(column: name, as: UUID.self).uuidString)
                                ?? (try? row.decode(column: name, as: Date.self)).map { "\($0.timeIntervalSince1970)" } ?? "?"
                        }.joined(separator: "|"))
                }
            }
            return lines
        }
    }

    @Test("every operation × every caller: exact status and envelope; refused calls write nothing")
    func matrix() async throws {
        let operations = try OpenAPIDocumentTests.documentedOperations().filter { $0.contains(" /api/v1/") }
        let missing = operations.filter { Self.rows[$0] == nil }
        #expect(missing.isEmpty, "operations without a row in the access matrix: \(missing.sorted())")
        #expect(Set(Self.rows.keys).subtracting(operations).isEmpty, "rows for operations the document does not have")

        let configuration = try await TestEnvironment.configuration()
        try await withTestApp(configure: { $0 = configuration }, directory: true) { api, tenant, other in
            let revoked = try await TestEnvironment.withDatabase(configuration) { database in
                let accounts = SQLAccountStore(database: database)
                let issued = try await accounts.createToken(for: tenant.alice.user)
                _ = try await accounts.revokeToken(id: issued.id)
                return issued.token
            }
            let tokens: [Caller: String?] = [
                .owner: tenant.alice.token, .memberWithoutAccess: tenant.bob.token, .admin: tenant.admin.token,
                .otherMember: other.alice.token, .otherAdmin: other.admin.token, .noToken: nil, .revokedToken: revoked,
                .jwtWithoutOrganization: try await hs256(.standard(org: nil)),
                .expiredJWT: try await hs256(.standard(org: tenant.organization.id, expiresIn: -120)),
            ]
            for operation in operations.sorted() {
                guard let row = Self.rows[operation] else { continue }
                let parts = operation.split(separator: " ", maxSplits: 1)
                let method = HTTPRequest.Method(String(parts[0]))!
                for caller in Caller.allCases {
                    // A list of Alice's (with José in it) for each cell, so that no cell depends on another.
                    var list: String?
                    if let type = row.list {
                        list = try await api.createList(tenant.alice.token, name: "Matrix", extra: #", "type": "\#(type.rawValue)""#)
                        if type == .person { _ = try await api.addProspects(tenant.alice.token, list!, api.manual([F.jose])) }
                    }
                    if row.icp { list = try await api.createICP(tenant.alice.token, #"{"name": "Matrix"}"#).string("id") }
                    let id = list ?? row.directoryID?.uuidString.lowercased()
                    let path = String(parts[1]).replacingOccurrences(of: "{id}", with: id ?? "") + row.query
                    let before = try await TestEnvironment.withDatabase(configuration, Self.fingerprint)
                    let response = try await api.request(method, path, token: tokens[caller] ?? nil, json: row.body)
                    let cell = "\(operation) as \(caller.rawValue)"
                    if let (status, code, message) = Self.refusal(caller, resource: list, icp: row.icp) {
                        #expect(response.status == status, "\(cell): \(response.text)")
                        #expect(response.errorCode == code, "\(cell)")
                        #expect(response.errorMessage == message, "\(cell)")
                        let after = try await TestEnvironment.withDatabase(configuration, Self.fingerprint)
                        #expect(before == after, "\(cell) wrote something")
                    } else {
                        #expect(response.status == row.success, "\(cell): \(response.text)")
                    }
                }
            }
        }
    }
}
