import Foundation
import HTTPTypes
import LeadbaseCore
import LeadbaseSeed
import LeadbaseServer
import LeadbaseStore
import LeadbaseTestSupport
import SQLKit
import Testing

extension APIClient {
    func addProspects(_ token: String?, _ list: String, _ json: String) async throws -> APIResponse {
        try await request(.post, "/api/v1/entities/leadlists/\(list)/add-prospects", token: token, json: json)
    }

    func manual(_ ids: [UUID], excluded: [UUID] = []) -> String {
        func quoted(_ ids: [UUID]) -> String { ids.map { "\"\($0.uuidString.lowercased())\"" }.joined(separator: ",") }
        return #"{"selection": {"mode": "manual", "includedIds": [\#(quoted(ids))], "excludedIds": [\#(quoted(excluded))]}}"#
    }

    /// The list's `personIds`, as UUIDs.
    func members(_ token: String, _ list: String) async throws -> Set<UUID> {
        Set((try await self.list(token, list).strings("personIds") ?? []).compactMap(UUID.init(uuidString:)))
    }
}

@Suite("Add prospects")
struct AddProspectsTests {
    @Test("manual selection adds the people, reports every input, and skips those already in the list")
    func manual() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let missing = UUID()
            let first = try await api.addProspects(t, list, api.manual([F.jose, F.zoe, F.jose, F.john, missing], excluded: [F.john]))
            #expect(first.status == .ok)
            #expect(
                first.body == [
                    "addedCount": 2, "alreadyInListCount": 0, "excludedCount": 1, "notFoundCount": 1,
                    "notFoundIds": [.string(missing.uuidString.lowercased())],
                    "addedIds": [.string(F.jose.uuidString.lowercased()), .string(F.zoe.uuidString.lowercased())],
                    "inaccessibleCount": 0, "inaccessibleIds": [], "prospectIds": nil,
                ])
            #expect(try await api.members(t, list) == [F.jose, F.zoe])
            let again = try await api.addProspects(t, list, api.manual([F.jose, F.zoe]))
            #expect(again["addedCount"] == 0, "all already exist")
            #expect(again["alreadyInListCount"] == 2)
            let more = try await api.addProspects(t, list, api.manual([F.zoe, F.jane]))
            #expect(more["addedCount"] == 1)
            #expect(try await api.members(t, list) == [F.jose, F.zoe, F.jane])
        }
    }

    @Test("bulk selection adds exactly the people of that window of the search, minus exclusions, not backfilled")
    func bulk() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let filters = #"{"contact": {"seniority": {"any": {"exclude": ["intern"]}}}, "page": 0, "size": 100}"#
            let page = try await api.peopleIDs(t, #"{"contact": {"seniority": {"any": {"exclude": ["intern"]}}}, "page": 1, "size": 2}"#)
            #expect(page == [F.john, F.jane])
            let list = try await api.createList(t)
            let response = try await api.addProspects(
                t, list,
                #"""
                {"selection": {"mode": "bulk", "startIndex": 2, "targetCount": 2, "excludedIds": [], "filters": \#(filters)}}
                """#)
            #expect(response["addedCount"] == 2)
            #expect(try await api.members(t, list) == Set(page))

            let other = try await api.createList(t, name: "Excluding")
            let excluding = try await api.addProspects(
                t, other,
                #"""
                {"selection": {"mode": "bulk", "startIndex": 0, "targetCount": 3, "excludedIds": ["\#(F.zoe.uuidString)"], "filters": \#(filters)}}
                """#)
            #expect(excluding["addedCount"] == 2)
            #expect(excluding["excludedCount"] == 1)
            #expect(try await api.members(t, other) == [F.jose, F.john], "the excluded person is not replaced by the next one")

            let beyond = try await api.addProspects(
                t, other,
                #"""
                {"selection": {"mode": "bulk", "startIndex": 100, "targetCount": 10, "filters": {}}}
                """#)
            #expect(
                beyond.body == [
                    "addedCount": 0, "alreadyInListCount": 0, "excludedCount": 0, "notFoundCount": 0, "notFoundIds": [],
                    "addedIds": [], "inaccessibleCount": 0, "inaccessibleIds": [], "prospectIds": nil,
                ])
        }
    }

    @Test("the chosen people and their companies are copied into the organization's records, which later imports do not rewrite")
    func tenantSync() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await withTestApp(configure: { $0 = configuration }, directory: true) { api, tenant, _ in
            let list = try await api.createList(tenant.alice.token)
            _ = try await api.addProspects(tenant.alice.token, list, api.manual([F.jose]))
        }
        let counts = try await TestEnvironment.withDatabase(configuration) { database in
            var renamed = F.people[0]
            renamed.lastName = "Changed"
            _ = try await SQLDirectoryStore(database: database).upsert(people: [renamed])
            return try await database.withSession { sql in
                let person = try await sql.raw("SELECT doc, synced_at FROM tenant_people").all()
                let companies = try await sql.raw("SELECT id FROM tenant_companies").all()
                return (person.count, try person.first?.decode(column: "doc", as: String.self) ?? "", companies.count)
            }
        }
        #expect(counts.0 == 1)
        #expect(counts.1.contains("García") && !counts.1.contains("Changed"))
        #expect(counts.2 == 1, "José's company came along")
    }

    @Test("adding a person the organization holds links its record as it is: no directory change, not even of company, comes along")
    func heldRecordsStay() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await withTestApp(configure: { $0 = configuration }, directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            _ = try await api.addProspects(t, try await api.createList(t), api.manual([F.jose]))
            try await TestEnvironment.withDatabase(configuration) { database in
                var moved = F.people[0]
                moved.lastName = "Changed"
                moved.companyId = F.globex
                _ = try await SQLDirectoryStore(database: database).upsert(people: [moved])
            }
            let list = try await api.createList(t, name: "Again")
            let response = try await api.addProspects(t, list, api.manual([F.jose, F.zoe]))
            #expect(response.status == .ok)
            #expect(response["addedCount"] == 2)
            #expect(try await api.members(t, list) == [F.jose, F.zoe])
        }
        let records = try await TestEnvironment.withDatabase(configuration) { database in
            try await database.withSession { sql in
                let person = try await sql.raw("SELECT doc FROM tenant_people WHERE id = \(bind: F.jose)").all()
                let companies = try await sql.raw("SELECT id FROM tenant_companies").all()
                return (
                    try person.map { try $0.decode(column: "doc", as: String.self) },
                    Set(try companies.map { try $0.decode(column: "id", as: UUID.self) })
                )
            }
        }
        #expect(records.0.count == 1)
        #expect(records.0.first?.contains("García") == true && records.0.first?.contains("Changed") == false, "\(records.0)")
        #expect(records.1 == [F.acme, F.initech], "José's copy keeps Acme (not Globex); Zoe's Initech was copied with her")
    }

    @Test("errors: company list 400, other organization 404, no access 403, no token 401, bad bodies 400 with paths")
    func errors() async throws {
        try await withTestApp(directory: true) { api, tenant, other in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let companies = try await api.createList(t, name: "Accounts", extra: #", "type": "company""#)
            #expect(try await api.addProspects(t, companies, api.manual([F.jose])).status == .badRequest)
            let foreign = try await api.addProspects(other.admin.token, list, api.manual([F.jose]))
            #expect(foreign.status == .notFound)
            #expect(foreign.errorMessage == "LeadList not found: \(list)")
            let forbidden = try await api.addProspects(tenant.bob.token, list, api.manual([F.jose]))
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.errorMessage == "You do not have access to this lead list")
            #expect(try await api.addProspects(nil, list, api.manual([F.jose])).status == .unauthorized)
            #expect(try await api.addProspects(tenant.admin.token, list, api.manual([F.jose]))["addedCount"] == 1, "admin override")

            let cases: [(String, [[PathComponent]])] = [
                ("{}", [[]]),
                (#"{"prospects": [], "selection": {"mode": "manual", "includedIds": []}}"#, [[]]),
                (#"{"selection": {"mode": "manual", "includedIds": []}}"#, [["selection", "includedIds"]]),
                (
                    #"{"selection": {"mode": "manual", "includedIds": ["lead_abc123", "\#(F.jose.uuidString)"]}}"#,
                    [["selection", "includedIds", 0]]
                ),
                (#"{"selection": {"mode": "everything"}}"#, [["selection", "mode"]]),
                (
                    #"{"selection": {"mode": "bulk", "startIndex": -1, "targetCount": 1001, "filters": {"contact": {"vibe": {}}}}}"#,
                    [["selection", "startIndex"], ["selection", "targetCount"], ["selection", "filters", "contact", "vibe"]]
                ),
                (#"{"selection": {"mode": "bulk", "startIndex": 0, "targetCount": 10}}"#, [["selection", "filters"]]),
                (
                    #"{"prospects": [{"lastName": "Lee"}, {"firstName": "Ann", "lastName": "Lee", "emails": "x", "id": "7"}]}"#,
                    [["prospects", 0, "firstName"], ["prospects", 1, "emails"], ["prospects", 1, "id"]]
                ),
                (#"{"prospects": [{"firstName": "Ann", "lastName": "Lee", "seniority": 5}]}"#, [["prospects", 0, "seniority"]]),
                (#"{"prospects": []}"#, [["prospects"]]),
            ]
            for (body, paths) in cases {
                let response = try await api.addProspects(t, list, body)
                #expect(response.status == .badRequest, "\(body)")
                #expect(Set(response.details.map(\.path)) == Set(paths), "\(body): \(response.text)")
            }
            #expect(try await api.members(t, list) == [F.jose], "failed requests changed nothing")
        }
    }

    @Test("16 concurrent overlapping requests add every person once; their addedCounts sum to the list's growth")
    func concurrency() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let everyone = [F.jose, F.zoe, F.john, F.jane, F.joseS]
            let added = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<16 {
                    let pick = (0..<3).map { everyone[(index + $0 * 2) % everyone.count] }
                    group.addTask {
                        let response = try await api.addProspects(t, list, api.manual(pick))
                        guard case .number(let count)? = response["addedCount"] else { throw TestFailure(response.text) }
                        return Int(count)
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(added == 5)
            #expect(try await api.members(t, list) == Set(everyone))
        }
    }

    @Test("concurrent first copies of the same people into different lists: each request finds and links every one it named")
    func concurrentCopies() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let everyone = [F.jose, F.zoe, F.john, F.jane, F.joseS]
            var lists: [String] = []
            for index in 0..<8 { lists.append(try await api.createList(t, name: "List \(index)")) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for list in lists {
                    group.addTask {
                        // Every request copies what another may be copying at the same moment.
                        let response = try await api.addProspects(t, list, api.manual(everyone))
                        #expect(response["addedCount"] == 5 && response["notFoundCount"] == 0, "\(response.text)")
                    }
                }
                try await group.waitForAll()
            }
            for list in lists { #expect(try await api.members(t, list) == Set(everyone)) }
        }
    }
}
