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

    static let link = HTTPField.Name("Link")!

    /// The ids of a bare array of records.
    static func ids(_ response: APIResponse) -> [UUID] {
        contentIDs(APIResponse(status: response.status, headers: [:], body: ["content": response.body ?? .null], text: ""))
    }

    /// The URI of a page's `Link: <…>; rel="next"`, if it names one.
    static func next(_ page: APIResponse) -> String? {
        page.headers[link].map { String($0.drop(while: { $0 != "<" }).dropFirst().prefix(while: { $0 != ">" })) }
    }

    @Test("leads by list reads page by page with limit and after: exact, in member id order, Link naming the next page")
    func pages() async throws {
        try await withTestApp(directory: true) { api, tenant, other in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let added = [F.joseS, F.zoe, F.jane, F.jose, F.john]
            for id in added { _ = try await api.addProspects(t, list, api.manual([id])) }
            let path = "/api/v1/entities/leads/list/\(list)"
            #expect(Self.ids(try await api.request(.get, path, token: t)) == added, "without limit or after: the whole list, as added")
            let sorted = added.sorted { $0.uuidString < $1.uuidString }
            var read: [UUID] = []
            var next: String? = "\(path)?limit=2"
            var pages = 0
            while let uri = next {
                let page = try await api.request(.get, uri, token: t)
                #expect(page.status == .ok)
                read += Self.ids(page)
                pages += 1
                next = Self.next(page)
                if let next { #expect(page.headers[Self.link] == "<\(next)>; rel=\"next\"") }
                if pages > 5 { break }
            }
            #expect(read == sorted, "every member once, in id order")
            #expect(pages == 3, "2 + 2 + 1: the last page is not full, so it names no next one")
            let lastID = sorted[4].uuidString.lowercased()
            #expect(try await api.request(.get, "\(path)?after=\(lastID)", token: t).body == [], "after the last member: nothing")
            #expect(
                Self.ids(try await api.request(.get, "\(path)?after=\(sorted[1])", token: t)) == Array(sorted[2...]),
                "after alone: up to 1000")
            let exact = try await api.request(.get, "\(path)?limit=5", token: t)
            #expect(Self.ids(exact) == sorted)
            #expect(exact.headers[Self.link] != nil, "a full page names the next one, which is empty")
            // The list ends on a page boundary: the next page is empty and names none after it.
            let beyond = try await api.request(.get, Self.next(exact) ?? "", token: t)
            #expect(beyond.status == .ok)
            #expect(beyond.body == [])
            #expect(beyond.headers[Self.link] == nil)

            for (query, issue) in [
                ("limit=0", ValidationIssue(path: ["limit"], message: "Must be an integer between 1 and 1000")),
                ("limit=1001", ValidationIssue(path: ["limit"], message: "Must be an integer between 1 and 1000")),
                ("limit=two", ValidationIssue(path: ["limit"], message: "Must be an integer between 1 and 1000")),
                ("after=nope", ValidationIssue(path: ["after"], message: "Invalid UUID")),
            ] {
                let bad = try await api.request(.get, "\(path)?\(query)", token: t)
                #expect(bad.status == .badRequest, "\(query)")
                #expect(bad.details == [issue], "\(query)")
            }
            #expect(try await api.request(.get, "\(path)?limit=2", token: tenant.bob.token).status == .forbidden)
            #expect(try await api.request(.get, "\(path)?limit=2", token: other.alice.token).status == .notFound)

            let accounts = try await api.createList(t, name: "Accounts", extra: #", "type": "company""#)
            _ = try await api.request(
                .post, "/api/v1/entities/leadlists/\(accounts)/add-companies", token: t,
                json: #"{"companyIds": ["\#(F.initech)", "\#(F.acme)", "\#(F.globex)"]}"#)
            let companies = "/api/v1/entities/leads/list/\(accounts)"
            let first = try await api.request(.get, "\(companies)?limit=2", token: t)
            #expect(Self.ids(first) == [F.acme, F.globex])
            #expect(Self.ids(try await api.request(.get, "\(companies)?limit=2&after=\(F.globex)", token: t)) == [F.initech])
        }
    }

    @Test("members=false reads lists without their member arrays, with memberCount; every list answer has memberCount")
    func withoutMembers() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let people = try await api.createList(t)
            _ = try await api.addProspects(t, people, api.manual([F.jose, F.zoe, F.john]))
            let accounts = try await api.createList(t, name: "Accounts", extra: #", "type": "company""#)
            _ = try await api.request(
                .post, "/api/v1/entities/leadlists/\(accounts)/add-companies", token: t, json: #"{"companyIds": ["\#(F.acme)"]}"#)
            let empty = try await api.createList(t, name: "Empty")
            let counts = [people: 3, accounts: 1, empty: 0]

            let full = try await api.lists(t)
            for list in LeadShapeTests.items(full.body).compactMap(\.objectValue) {
                let id = try #require(list["id"].flatMap { if case .string(let id) = $0 { id } else { nil } })
                #expect(list["memberCount"] == .number(Double(counts[id] ?? -1)))
                #expect(list["personIds"] != nil && list["companyIds"] != nil)
            }
            let summary = try await api.request(.get, "/api/v1/entities/leadlists?members=false", token: t)
            #expect(summary.status == .ok)
            #expect(listIDs(summary) == listIDs(full), "the same lists, in the same order")
            for list in LeadShapeTests.items(summary.body).compactMap(\.objectValue) {
                let id = try #require(list["id"].flatMap { if case .string(let id) = $0 { id } else { nil } })
                #expect(list["memberCount"] == .number(Double(counts[id] ?? -1)))
                #expect(Set(list.keys) == LeadShapeTests.listFields.subtracting(["personIds", "companyIds"]))
            }
            let one = try await api.request(.get, "/api/v1/entities/leadlists/\(people)?members=false", token: t)
            #expect(one["memberCount"] == 3)
            #expect(
                Set(one.body?.objectValue?.keys.map { $0 } ?? []) == LeadShapeTests.listFields.subtracting(["personIds", "companyIds"]))
            let shown = try await api.request(.get, "/api/v1/entities/leadlists/\(people)?members=true", token: t)
            #expect(shown["memberCount"] == 3)
            #expect(LeadShapeTests.items(shown["persons"]).count == 3)
            let bad = try await api.request(.get, "/api/v1/entities/leadlists?members=no", token: t)
            #expect(bad.details == [ValidationIssue(path: ["members"], message: "Must be true or false")])
            #expect(
                try await api.request(.get, "/api/v1/entities/leadlists/\(people)?members=false", token: tenant.bob.token).status
                    == .forbidden)
        }
    }
}
