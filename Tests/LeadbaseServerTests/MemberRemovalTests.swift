import Foundation
import HTTPTypes
import LeadbaseCore
import LeadbaseSeed
import LeadbaseServer
import LeadbaseStore
import SQLKit
import Testing

@Suite("Member removal")
struct MemberRemovalTests {
    @Test("remove-members unlinks by id, counts ids that were not members, keeps the records, and checks access")
    func remove() async throws {
        try await withTestApp(directory: true) { api, tenant, other in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            _ = try await api.addProspects(t, list, api.manual([F.jose, F.zoe, F.john]))
            let path = "/api/v1/entities/leadlists/\(list)/remove-members"
            let removed = try await api.request(.post, path, token: t, json: #"{"ids": ["\#(F.jose)", "\#(F.jose)", "\#(F.jane)"]}"#)
            #expect(removed.status == .ok)
            #expect(removed.body == ["removedCount": 1, "notInListCount": 1])
            #expect(try await api.members(t, list) == [F.zoe, F.john])
            let again = try await api.addProspects(t, list, api.manual([F.jose]))
            #expect(again["addedCount"] == 1, "the record stayed and can be linked again")
            #expect(try await api.request(.post, path, token: tenant.bob.token, json: #"{"ids": ["\#(F.zoe)"]}"#).status == .forbidden)
            #expect(try await api.request(.post, path, token: other.admin.token, json: #"{"ids": ["\#(F.zoe)"]}"#).status == .notFound)
            let invalid = try await api.request(.post, path, token: t, json: #"{"ids": ["nope"]}"#)
            #expect(invalid.details == [ValidationIssue(path: ["ids", 0], message: "Invalid UUID")])
            #expect(try await api.members(t, list) == [F.jose, F.zoe, F.john])
        }
    }
}
