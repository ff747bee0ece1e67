import Foundation
import Hummingbird
import LeadbaseCore
import Testing

@Suite("Lead lists")
struct LeadListTests {
    @Test("create answers 201 with defaults, explicit nulls and the creator in userIds")
    func createDefaults() async throws {
        try await withTestApp { api, tenant, _ in
            let response = try await api.createList(tenant.alice.token, #"{"name": "  Q1 targets  "}"#)
            #expect(response.status == .created)
            #expect(response.string("name") == "Q1 targets")
            #expect(response.string("type") == "person")
            #expect(response["icpId"] == .null)
            #expect(response["startDate"] == .null)
            #expect(response["endDate"] == .null)
            #expect(response.strings("userIds") == [tenant.alice.user.id])
            #expect(response.strings("personIds") == [])
            #expect(response.strings("companyIds") == [])
            let id = try #require(response.string("id"))
            #expect(UUID(uuidString: id) != nil)
            #expect(response.string("createdAt") == response.string("updatedAt"))
        }
    }

    @Test("create keeps every given field and reads them back the same")
    func createFull() async throws {
        try await withTestApp { api, tenant, _ in
            let icp = try #require(try await api.createICP(tenant.alice.token, #"{"name": "Fintech CFOs"}"#).string("id"))
            let created = try await api.createList(
                tenant.alice.token,
                """
                {"name": "Accounts", "type": "company", "icpId": "\(icp)", "startDate": "2026-01-15",
                 "endDate": "2026-03-31T17:30:00+02:00", "userIds": ["\(tenant.bob.user.id)", "user_2xExternal", "user_2xExternal"],
                 "personIds": [], "companyIds": []}
                """)
            #expect(created.status == .created)
            #expect(created.string("type") == "company")
            #expect(created.string("icpId") == icp)
            #expect(created.string("startDate") == "2026-01-15T00:00:00.000Z")
            #expect(created.string("endDate") == "2026-03-31T15:30:00.000Z")
            #expect(created.strings("userIds") == [tenant.alice.user.id, tenant.bob.user.id, "user_2xExternal"].sorted())

            let read = try await api.list(tenant.bob.token, try #require(created.string("id")))
            #expect(read.status == .ok)
            #expect(read["companies"] == .array([]))
            #expect(read["persons"] == nil)
            for key in ["id", "name", "type", "icpId", "startDate", "endDate", "userIds", "createdAt", "updatedAt"] {
                #expect(read[key] == created[key], "\(key)")
            }
        }
    }

    @Test("a person list is read with persons filled in")
    func personMembers() async throws {
        try await withTestApp { api, tenant, _ in
            let id = try await api.createList(tenant.alice.token)
            let read = try await api.list(tenant.alice.token, id)
            #expect(read["persons"] == .array([]))
            #expect(read["companies"] == nil)
        }
    }

    @Test("GET lists shows members their own lists and admins every list of the organization")
    func listVisibility() async throws {
        try await withTestApp { api, tenant, other in
            let alices = try await api.createList(tenant.alice.token, name: "Alice's")
            let shared = try await api.createList(tenant.bob.token, name: "Shared", extra: #", "userIds": ["\#(tenant.alice.user.id)"]"#)
            let bobs = try await api.createList(tenant.bob.token, name: "Bob's")
            _ = try await api.createList(other.admin.token, name: "Other org")

            let forAlice = try await api.lists(tenant.alice.token)
            #expect(forAlice.status == .ok)
            #expect(Set(listIDs(forAlice)) == [alices, shared])
            let forAdmin = try await api.lists(tenant.admin.token)
            #expect(listIDs(forAdmin) == [bobs, shared, alices], "newest first")
            let forOther = try await api.lists(other.alice.token)
            #expect(listIDs(forOther) == [])
        }
    }

    @Test("another organization's list does not exist (404); a list of the same organization without access is 403")
    func accessRule() async throws {
        try await withTestApp { api, tenant, other in
            let id = try await api.createList(tenant.alice.token)
            for response in [
                try await api.list(other.admin.token, id),
                try await api.updateList(other.admin.token, id, #"{"name": "x"}"#),
                try await api.deleteList(other.admin.token, id),
            ] {
                #expect(response.status == .notFound)
                #expect(response.errorCode == "NOT_FOUND")
                #expect(response.errorMessage == "LeadList not found: \(id)")
            }
            for response in [
                try await api.list(tenant.bob.token, id),
                try await api.updateList(tenant.bob.token, id, #"{"name": "x"}"#),
                try await api.deleteList(tenant.bob.token, id),
            ] {
                #expect(response.status == .forbidden)
                #expect(
                    response.body
                        == .object([
                            "error": .object([
                                "code": .string("FORBIDDEN"), "message": .string("You do not have access to this lead list"),
                            ])
                        ]))
            }
            #expect(try await api.list(tenant.admin.token, id).status == .ok, "admin override")
            #expect(try await api.list(tenant.alice.token, id).status == .ok)
        }
    }

    @Test("a list id that exists nowhere is 404 with the Lance message")
    func unknownList() async throws {
        try await withTestApp { api, tenant, _ in
            let id = "550e8400-e29b-41d4-a716-446655440000"
            let response = try await api.list(tenant.alice.token, id)
            #expect(response.status == .notFound)
            #expect(
                response.text == #"{"error":{"code":"NOT_FOUND","message":"LeadList not found: 550e8400-e29b-41d4-a716-446655440000"}}"#)
        }
    }

    @Test("PATCH changes name, dates, icpId and userIds; the creator stays; absent fields stay")
    func patch() async throws {
        try await withTestApp { api, tenant, _ in
            let id = try await api.createList(tenant.alice.token, extra: #", "startDate": "2026-01-01", "endDate": "2026-02-01""#)
            let before = try await api.list(tenant.alice.token, id)
            let patched = try await api.updateList(
                tenant.alice.token, id,
                """
                {"name": "Renamed", "endDate": null, "userIds": ["\(tenant.bob.user.id)"]}
                """)
            #expect(patched.status == .ok)
            #expect(patched.string("name") == "Renamed")
            #expect(patched.string("startDate") == "2026-01-01T00:00:00.000Z")
            #expect(patched["endDate"] == .null)
            #expect(patched.strings("userIds") == [tenant.alice.user.id, tenant.bob.user.id].sorted())
            #expect(patched["persons"] == .array([]))
            #expect(patched.string("createdAt") == before.string("createdAt"))
            #expect(try #require(patched.string("updatedAt")) >= (before.string("updatedAt") ?? ""))
            #expect(try await api.list(tenant.bob.token, id).status == .ok, "bob was given access")

            let removed = try await api.updateList(tenant.alice.token, id, #"{"userIds": []}"#)
            #expect(removed.strings("userIds") == [tenant.alice.user.id])
            #expect(try await api.list(tenant.bob.token, id).status == .forbidden, "bob's access was taken away")
        }
    }

    @Test("PATCH by an admin who is not listed works; the type cannot change")
    func patchTypeAndAdmin() async throws {
        try await withTestApp { api, tenant, _ in
            let id = try await api.createList(tenant.alice.token)
            let typeChange = try await api.updateList(tenant.admin.token, id, #"{"type": "company"}"#)
            #expect(typeChange.status == .badRequest)
            #expect(typeChange.details == [ValidationIssue(path: ["type"], message: "The type of a list cannot change")])
            let sameType = try await api.updateList(tenant.admin.token, id, #"{"type": "person", "name": "Kept"}"#)
            #expect(sameType.status == .ok)
            #expect(sameType.string("name") == "Kept")
            #expect(sameType.strings("userIds") == [tenant.alice.user.id], "an admin's edit does not add the admin")
        }
    }

    @Test("PATCH that would end the window before it starts is 400 and changes nothing")
    func patchDateOrder() async throws {
        try await withTestApp { api, tenant, _ in
            let id = try await api.createList(tenant.alice.token, extra: #", "startDate": "2026-05-01""#)
            let response = try await api.updateList(tenant.alice.token, id, #"{"name": "New", "endDate": "2026-04-30"}"#)
            #expect(response.status == .badRequest)
            #expect(response.details == [ValidationIssue(path: ["endDate"], message: "Must not be before startDate")])
            #expect(try await api.list(tenant.alice.token, id).string("name") == "Q1 targets")
        }
    }

    @Test("member arrays of the wrong kind or with bad ids are 400")
    func memberArrays() async throws {
        try await withTestApp { api, tenant, _ in
            let id = try await api.createList(tenant.alice.token)
            let uuid = UUID().uuidString
            let wrongKind = try await api.updateList(tenant.alice.token, id, #"{"companyIds": ["\#(uuid)"]}"#)
            #expect(wrongKind.status == .badRequest)
            #expect(wrongKind.details == [ValidationIssue(path: ["companyIds"], message: "Not allowed on a person list")])
            let notUUID = try await api.updateList(tenant.alice.token, id, #"{"personIds": ["lead_abc123"]}"#)
            #expect(notUUID.details == [ValidationIssue(path: ["personIds", 0], message: "Invalid UUID")])
            let empty = try await api.updateList(tenant.alice.token, id, #"{"personIds": [], "companyIds": []}"#)
            #expect(empty.status == .ok)
        }
    }

    @Test("DELETE answers 204 with no body; the list is gone afterwards")
    func delete() async throws {
        try await withTestApp { api, tenant, _ in
            let id = try await api.createList(tenant.alice.token)
            let deleted = try await api.deleteList(tenant.alice.token, id)
            #expect(deleted.status == .noContent)
            #expect(deleted.text.isEmpty)
            #expect(try await api.list(tenant.alice.token, id).status == .notFound)
            #expect(try await api.deleteList(tenant.alice.token, id).status == .notFound)
            #expect(listIDs(try await api.lists(tenant.admin.token)) == [])
        }
    }

    @Test("concurrent creates and deletes keep every list exactly once")
    func concurrentCreates() async throws {
        try await withTestApp { api, tenant, _ in
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<20 {
                    group.addTask { try await api.createList(tenant.alice.token, name: "List \(index)") }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(ids.count == 20)
            #expect(Set(listIDs(try await api.lists(tenant.alice.token))) == ids)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in ids.prefix(10) {
                    group.addTask {
                        let response = try await api.deleteList(tenant.alice.token, id)
                        #expect(response.status == .noContent)
                    }
                }
                try await group.waitForAll()
            }
            #expect(listIDs(try await api.lists(tenant.alice.token)).count == 10)
        }
    }
}
