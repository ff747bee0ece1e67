import Foundation
import HTTPTypes
import LeadbaseCore
import LeadbaseServer
import LeadbaseStore
import LeadbaseTestSupport
import Testing

/// `?dryRun=true` on the writes that take it.
@Suite("Dry runs")
struct DryRunTests {
    @Test("?dryRun=true answers exactly what add-prospects would, in every mode, and writes nothing")
    func addProspects() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await withTestApp(configure: { $0 = configuration }, directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            _ = try await api.addProspects(t, list, api.manual([F.zoe]))
            let bodies = [
                api.manual([F.jose, F.zoe, UUID()]),
                #"{"selection": {"mode": "bulk", "startIndex": 0, "targetCount": 3, "filters": {}}}"#,
                #"{"prospects": [{"id": "\#(UUID())", "firstName": "Dry", "lastName": "Run", "emails": ["dry@run.io"]}]}"#,
            ]
            for body in bodies {
                let dry = try await api.request(.post, "/api/v1/entities/leadlists/\(list)/add-prospects?dryRun=true", token: t, json: body)
                #expect(dry.status == .ok)
                #expect(try await api.members(t, list) == [F.zoe], "nothing was added")
                let real = try await api.addProspects(t, list, body)
                #expect(dry.body == real.body, "\(body)")
                _ = try await api.request(
                    .post, "/api/v1/entities/leadlists/\(list)/remove-members", token: t,
                    json: #"{"ids": [\#((real.strings("addedIds") ?? []).map { "\"\($0)\"" }.joined(separator: ","))]}"#)
            }
            let synced = try await TestEnvironment.rowCount("tenant_people", configuration)
            #expect(synced == 4, "the records the real adds wrote: zoe, jose, john, and the direct prospect")
            let bad = try await api.request(
                .post, "/api/v1/entities/leadlists/\(list)/add-prospects?dryRun=maybe", token: t, json: bodies[0])
            #expect(bad.details == [ValidationIssue(path: ["dryRun"], message: "Must be true or false")])
        }
    }

    @Test("?dryRun=true answers exactly what add-companies would, and writes nothing")
    func addCompanies() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t, name: "Accounts", extra: #", "type": "company""#)
            let path = "/api/v1/entities/leadlists/\(list)/add-companies"
            let body = #"{"companyIds": ["\#(F.acme)", "\#(UUID())"]}"#
            let dry = try await api.request(.post, path + "?dryRun=true", token: t, json: body)
            #expect(dry["addedCount"] == 1)
            #expect(try await api.list(t, list).strings("companyIds") == [])
            let real = try await api.request(.post, path, token: t, json: body)
            #expect(dry.body == real.body)
        }
    }
}
