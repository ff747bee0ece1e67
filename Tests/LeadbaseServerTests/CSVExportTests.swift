import Foundation
import HTTPTypes
import LeadbaseCore
import LeadbaseSeed
import LeadbaseServer
import LeadbaseStore
import LeadbaseTestSupport
import SQLKit
import Testing

@Suite("CSV export")
struct CSVExportTests {
    @Test("a person list exports as RFC 4180 CSV with a header row and one row per member, in id order")
    func persons() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            _ = try await api.addProspects(t, list, api.manual([F.john, F.jose]))
            _ = try await api.addProspects(
                t, list,
                #"{"prospects": [{"firstName": "Quote \"Q\"", "lastName": "Comma, Inc", "jobTitle": "=SUM(A1)", "emails": ["a@x.io", "b@x.io"]}]}"#
            )
            let export = try await api.request(.get, "/api/v1/entities/leadlists/\(list)/export", token: t)
            #expect(export.status == .ok)
            #expect(export.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = export.text.components(separatedBy: "\r\n")
            #expect(lines.first == CSV.leadHeader.joined(separator: ","))
            #expect(lines.count == 5, "header, three members, and the empty string after the last CRLF")
            #expect(
                lines.contains {
                    $0.hasPrefix(
                        "a0000000-0000-4000-8000-000000000001,José,García,VP of Sales,vp,jose@acme.io,,https://www.linkedin.com/in/josegarcia,Zürich,,Switzerland,c0000000-0000-4000-8000-000000000001,Acme Software,acme.io,"
                    )
                })
            #expect(export.text.contains(#""Quote ""Q""","Comma, Inc",'=SUM(A1),,a@x.io; b@x.io"#))
            #expect(
                try await api.request(.get, "/api/v1/entities/leadlists/\(list)/export", token: tenant.bob.token).errorCode == "FORBIDDEN")
        }
    }

    @Test("the export pages through a list larger than a page without skipping or repeating anyone")
    func paging() async throws {
        let configuration = try await TestEnvironment.configuration()
        let seed = DirectorySeed(seed: 3, companies: 20, people: 2500)
        try await TestEnvironment.withDatabase(configuration) { database in
            let store = SQLDirectoryStore(database: database)
            _ = try await store.upsert(companies: Array(seed.companies))
            for chunk in stride(from: 0, to: 2500, by: 500) {
                _ = try await store.upsert(people: (chunk..<(chunk + 500)).map(seed.person(at:)))
            }
        }
        try await withTestApp(configure: { $0 = configuration }) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            for start in stride(from: 0, to: 2500, by: 1000) {
                let added = try await api.addProspects(
                    t, list, #"{"selection": {"mode": "bulk", "startIndex": \#(start), "targetCount": 1000, "filters": {}}}"#)
                #expect(added.status == .ok)
            }
            let export = try await api.request(.get, "/api/v1/entities/leadlists/\(list)/export", token: t)
            let ids = export.text.components(separatedBy: "\r\n").dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) }
            #expect(ids.count == 2500)
            #expect(Set(ids).count == 2500)
            #expect(ids == ids.sorted())
        }
    }
}
