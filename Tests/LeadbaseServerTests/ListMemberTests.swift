import Foundation
import HTTPTypes
import LeadbaseCore
import LeadbaseSeed
import LeadbaseServer
import LeadbaseStore
import SQLKit
import Testing

@Suite("List members")
struct ListMemberTests {
    @Test("a person list shows its members' records with their companies; leads by list answers the same leads")
    func persons() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            _ = try await api.addProspects(t, list, api.manual([F.john]))
            _ = try await api.addProspects(t, list, api.manual([F.jose]))
            let read = try await api.list(t, list)
            guard case .array(let persons)? = read["persons"] else {
                Issue.record("no persons")
                return
            }
            #expect(
                persons.compactMap { $0.objectValue?["id"] } == [
                    .string(F.john.uuidString.lowercased()), .string(F.jose.uuidString.lowercased()),
                ],
                "in the order they were added")
            #expect(persons.first?.objectValue?["company"]?.objectValue?["name"] == "Globex Corporation")
            #expect(persons.first?.objectValue?["syncedAt"] != nil)
            let leads = try await api.request(.get, "/api/v1/entities/leads/list/\(list)", token: t)
            #expect(leads.status == .ok)
            #expect(leads.body == .array(persons))
            #expect(try await api.request(.get, "/api/v1/entities/leads/list/\(list)", token: tenant.bob.token).status == .forbidden)
            #expect(try await api.request(.get, "/api/v1/entities/leads/list/\(UUID())", token: t).status == .notFound)
        }
    }

    @Test("add-companies adds to company lists only, skipping repeated and present ids, and answers the list with companies")
    func addCompanies() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t, name: "Accounts", extra: #", "type": "company""#)
            let path = "/api/v1/entities/leadlists/\(list)/add-companies"
            let first = try await api.request(.post, path, token: t, json: #"{"companyIds": ["\#(F.acme)", "\#(F.acme)", "\#(F.globex)"]}"#)
            #expect(first.status == .ok)
            #expect(first["addedCount"] == 2)
            #expect(first.strings("companyIds").map(Set.init) == [F.acme.uuidString.lowercased(), F.globex.uuidString.lowercased()])
            guard case .array(let companies)? = first["companies"] else {
                Issue.record("no companies")
                return
            }
            #expect(companies.count == 2)
            let missing = UUID()
            let second = try await api.request(
                .post, path, token: t, json: #"{"companyIds": ["\#(F.globex)", "\#(F.initech)", "\#(missing)"]}"#)
            #expect(second["addedCount"] == 1)
            #expect(second["notFoundIds"] == [.string(missing.uuidString.lowercased())])
            let leads = try await api.request(.get, "/api/v1/entities/leads/list/\(list)", token: t)
            #expect(
                contentIDs(APIResponse(status: .ok, headers: [:], body: ["content": leads.body ?? .null], text: "")) == [
                    F.acme, F.globex, F.initech,
                ])
            let empty = try await api.request(.post, path, token: t, json: #"{"companyIds": []}"#)
            #expect(empty.details == [ValidationIssue(path: ["companyIds"], message: "Must contain at least 1 item(s)")])
            let persons = try await api.createList(t)
            let wrongType = try await api.request(
                .post, "/api/v1/entities/leadlists/\(persons)/add-companies", token: t, json: #"{"companyIds": ["\#(F.acme)"]}"#)
            #expect(wrongType.status == .badRequest)
        }
    }
}
