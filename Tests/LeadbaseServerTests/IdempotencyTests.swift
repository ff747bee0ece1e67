import Foundation
import HTTPTypes
import LeadbaseCore
import LeadbaseServer
import LeadbaseStore
import LeadbaseTestSupport
import Testing

extension APIClient {
    func post(_ token: String, _ path: String, key: String?, _ json: String) async throws -> APIResponse {
        var headers = HTTPFields()
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        return try await request(.post, "/api/v1/entities/leadlists" + path, token: token, json: json, headers: headers)
    }
}

extension APIResponse {
    var replayed: String? { headers[HTTPField.Name("Idempotent-Replayed")!] }
}

/// `Idempotency-Key` on the POSTs that write.
@Suite("Idempotency keys")
struct IdempotencyTests {
    @Test("a create sent twice with one key creates one list and answers the same twice, the second marked a replay")
    func createReplays() async throws {
        try await withTestApp { api, tenant, other in
            let t = tenant.alice.token
            let first = try await api.post(t, "", key: "create-1", #"{"name": "Once"}"#)
            let second = try await api.post(t, "", key: "create-1", #"{"name": "Once"}"#)
            #expect(first.status == .created)
            #expect(first.replayed == nil)
            #expect(second.status == .created)
            #expect(second.replayed == "true")
            #expect(second.text == first.text)
            #expect(second.headers[.contentType] == first.headers[.contentType])
            #expect(listIDs(try await api.lists(t)).count == 1)
            // Keys belong to a user of an organization: the same key elsewhere is another request.
            let bobs = try await api.post(tenant.bob.token, "", key: "create-1", #"{"name": "Once"}"#)
            let others = try await api.post(other.alice.token, "", key: "create-1", #"{"name": "Once"}"#)
            #expect(bobs.status == .created && bobs.replayed == nil && bobs.string("id") != first.string("id"))
            #expect(others.status == .created && others.replayed == nil && others.string("id") != first.string("id"))
            #expect(listIDs(try await api.lists(tenant.admin.token)).count == 2)
        }
    }

    @Test("the same key with another body or another path is 422 IDEMPOTENCY_KEY_REUSED and writes nothing")
    func reuse() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            _ = try await api.post(t, "/\(list)/add-prospects", key: "k", api.manual([F.jose]))
            for (path, body) in [("/\(list)/add-prospects", api.manual([F.zoe])), ("", #"{"name": "Other"}"#)] {
                let reused = try await api.post(t, path, key: "k", body)
                #expect(reused.status == .unprocessableContent)
                #expect(
                    reused.body == [
                        "error": [
                            "code": "IDEMPOTENCY_KEY_REUSED", "message": "Idempotency-Key k was used for a different request",
                        ]
                    ])
            }
            #expect(try await api.members(t, list) == [F.jose])
            #expect(listIDs(try await api.lists(t)).count == 1)
        }
    }

    @Test("add-prospects, add-companies and remove-members replay their first answer and do not write again")
    func membershipReplays() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let add = try await api.post(t, "/\(list)/add-prospects", key: "add", api.manual([F.jose, F.zoe]))
            #expect(add["addedCount"] == 2)
            _ = try await api.post(t, "/\(list)/remove-members", key: "remove", #"{"ids": ["\#(F.zoe)"]}"#)
            let replayedAdd = try await api.post(t, "/\(list)/add-prospects", key: "add", api.manual([F.jose, F.zoe]))
            #expect(replayedAdd.replayed == "true")
            #expect(replayedAdd.text == add.text, "the first answer, although a new add would now add zoe again")
            #expect(try await api.members(t, list) == [F.jose])
            let replayedRemove = try await api.post(t, "/\(list)/remove-members", key: "remove", #"{"ids": ["\#(F.zoe)"]}"#)
            #expect(replayedRemove.replayed == "true")
            #expect(replayedRemove.body == ["removedCount": 1, "notInListCount": 0])

            let accounts = try await api.createList(t, name: "Accounts", extra: #", "type": "company""#)
            let companies = #"{"companyIds": ["\#(F.acme)"]}"#
            let first = try await api.post(t, "/\(accounts)/add-companies", key: "companies", companies)
            let again = try await api.post(t, "/\(accounts)/add-companies", key: "companies", companies)
            #expect(first["addedCount"] == 1)
            #expect(again.text == first.text && again.replayed == "true")
        }
    }

    @Test("a request that fails keeps nothing, its key included; a dry run neither uses nor keeps a key")
    func failuresKeepNothing() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let bad = try await api.post(t, "/\(list)/add-prospects", key: "retry-me", #"{"selection": {"mode": "manual"}}"#)
            #expect(bad.status == .badRequest)
            let missing = try await api.post(t, "/\(UUID())/add-prospects", key: "retry-me", api.manual([F.jose]))
            #expect(missing.status == .notFound)
            let dry = try await api.request(
                .post, "/api/v1/entities/leadlists/\(list)/add-prospects?dryRun=true", token: t,
                json: api.manual([F.zoe]), headers: [HTTPField.Name("Idempotency-Key")!: "retry-me"])
            #expect(dry.status == .ok && dry.replayed == nil)
            let good = try await api.post(t, "/\(list)/add-prospects", key: "retry-me", api.manual([F.jose]))
            #expect(good.status == .ok && good.replayed == nil)
            #expect(good["addedCount"] == 1)
            #expect(try await api.members(t, list) == [F.jose])
        }
    }

    @Test(
        "a key that is empty of visible ASCII, or longer than 255, is 400 naming the header",
        arguments: [
            String(repeating: "k", count: 256), "has space", "tab\there", "ünïcode",
        ])
    func badKeys(key: String) async throws {
        try await withTestApp { api, tenant, _ in
            let response = try await api.post(tenant.alice.token, "", key: key, #"{"name": "Never"}"#)
            #expect(response.status == .badRequest)
            #expect(response.details == [ValidationIssue(path: ["Idempotency-Key"], message: "Must be 1 to 255 visible ASCII characters")])
            #expect(listIDs(try await api.lists(tenant.alice.token)).isEmpty)
        }
        try await withTestApp { api, tenant, _ in
            let longest = try await api.post(tenant.alice.token, "", key: String(repeating: "k", count: 255), #"{"name": "Kept"}"#)
            #expect(longest.status == .created)
        }
    }

    @Test("eight concurrent requests with one key run once: one list, one answer, seven replays")
    func concurrent() async throws {
        try await withTestApp { api, tenant, _ in
            let t = tenant.alice.token
            let answers = try await withThrowingTaskGroup(of: APIResponse.self) { group in
                for _ in 0..<8 { group.addTask { try await api.post(t, "", key: "together", #"{"name": "Together"}"#) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.status == .created })
            #expect(Set(answers.map(\.text)).count == 1)
            #expect(answers.filter { $0.replayed == "true" }.count == 7)
            #expect(listIDs(try await api.lists(t)).count == 1)
        }
    }
}
