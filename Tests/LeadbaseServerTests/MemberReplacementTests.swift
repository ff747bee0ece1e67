import Foundation
import HTTPTypes
import LeadbaseCore
import LeadbaseSeed
import LeadbaseServer
import LeadbaseStore
import SQLKit
import Testing

@Suite("Members through create and PATCH")
struct MemberReplacementTests {
    @Test("create takes initial members; PATCH personIds replaces them; unknown ids are 400 and change nothing")
    func replace() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let created = try await api.createList(t, #"{"name": "Seeded", "personIds": ["\#(F.jose)", "\#(F.zoe)", "\#(F.jose)"]}"#)
            #expect(created.status == .created)
            let list = try #require(created.string("id"))
            #expect(try await api.members(t, list) == [F.jose, F.zoe])

            let replaced = try await api.updateList(t, list, #"{"personIds": ["\#(F.zoe)", "\#(F.john)"]}"#)
            #expect(replaced.status == .ok)
            #expect(try await api.members(t, list) == [F.zoe, F.john])
            guard case .array(let persons)? = replaced["persons"] else {
                Issue.record("no persons")
                return
            }
            #expect(persons.count == 2)

            let missing = UUID()
            let unknown = try await api.updateList(t, list, #"{"name": "Renamed", "personIds": ["\#(F.jane)", "\#(missing)"]}"#)
            #expect(unknown.status == .badRequest)
            #expect(unknown.details == [ValidationIssue(path: ["personIds", 1], message: "Not found")])
            #expect(try await api.members(t, list) == [F.zoe, F.john], "a failed PATCH changes nothing")
            #expect(try await api.list(t, list).string("name") == "Seeded")

            let cleared = try await api.updateList(t, list, #"{"personIds": []}"#)
            #expect(cleared.status == .ok)
            #expect(try await api.members(t, list) == [])

            let companies = try await api.createList(
                t, #"{"name": "Accounts", "type": "company", "companyIds": ["\#(F.acme)"], "personIds": []}"#)
            #expect(companies.status == .created)
            #expect(companies.strings("companyIds") == [F.acme.uuidString.lowercased()])
        }
    }
}
