import Foundation
import Hummingbird
import HummingbirdTesting
import LeadbaseCore
import LeadbaseStore
import LeadbaseTestSupport
import Synchronization
import Testing

@testable import LeadbaseServer

@Suite("Operations")
struct OperationsTests {
    @Test("health and readiness answer without authentication")
    func healthAndReady() async throws {
        try await withTestApp { api, _, _ in
            let health = try await api.request(.get, "/health")
            #expect(health.status == .ok)
            #expect(health.text == #"{"status":"ok"}"#)
            let ready = try await api.request(.get, "/ready")
            #expect(ready.status == .ok)
            #expect(ready.text == #"{"status":"ready"}"#)
        }
    }

    @Test("a database newer than the server stops it before it serves anything")
    func newerSchema() async throws {
        var configuration = try await TestEnvironment.configuration()
        configuration.log.level = .critical
        try await TestEnvironment.withDatabase(configuration) { database in
            try await database.transaction { sql in
                try await sql.raw(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from the future', \(bind: Date()))"
                ).run()
            }
        }
        let app = try await buildApplication(configuration)
        let served = Mutex(false)
        await #expect(throws: MigrationError.self) {
            try await app.test(.router) { client in
                served.withLock { $0 = true }
                _ = try await client.execute(uri: "/health", method: .get)
            }
        }
        #expect(!served.withLock { $0 }, "no request reached the server")
    }

    @Test("readiness is a 503 in the envelope when the database cannot be used")
    func notReady() async throws {
        let configuration = try await TestEnvironment.configuration()
        let database = try await TestEnvironment.open(try configuration.database.location(), logLevel: .critical)
        let router = try await buildRouter(configuration, database: database)
        await database.close()
        try await Application(router: router).test(.router) { client in
            let response = try await APIClient(client: client).request(.get, "/ready")
            #expect(response.status == .serviceUnavailable)
            #expect(response.text == #"{"error":{"code":"SERVICE_UNAVAILABLE","message":"Database unavailable"}}"#)
        }
    }

    @Test("readiness is a 503 until the search index has loaded; searches meanwhile use SQL")
    func notReadyUntilIndexed() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            try await DirectoryFixture.load(into: database)
            let tenant = try await Tenant.make(in: database)
            let index = IndexedDirectorySearch(database: database)
            let router = try await buildRouter(configuration, database: database, search: index)
            try await Application(router: router).test(.router) { client in
                let api = APIClient(client: client)
                let loading = try await api.request(.get, "/ready")
                #expect(loading.status == .serviceUnavailable)
                #expect(loading.text == #"{"error":{"code":"SERVICE_UNAVAILABLE","message":"Search index loading"}}"#)
                #expect(try await api.peopleIDs(tenant.alice.token, "{}") == [F.jose, F.zoe, F.john, F.jane, F.joseS])
                try await index.load()
                #expect(try await api.request(.get, "/ready").status == .ok)
            }
        }
    }

    @Test("every response carries a request id; a sane caller id is kept, an unsafe one replaced")
    func requestID() async throws {
        try await withTestApp { api, _, _ in
            let generated = try await api.request(.get, "/health")
            let id = try #require(generated.headers[.init("X-Request-Id")!])
            #expect(UUID(uuidString: id) != nil)
            var given = HTTPFields()
            given[.init("X-Request-Id")!] = "trace-123.abc_DEF"
            #expect(try await api.request(.get, "/health", headers: given).headers[.init("X-Request-Id")!] == "trace-123.abc_DEF")
            var unsafe = HTTPFields()
            unsafe[.init("X-Request-Id")!] = "bad id\nwith newline"
            let replaced = try await api.request(.get, "/nowhere", headers: unsafe).headers[.init("X-Request-Id")!]
            #expect(replaced != nil && replaced != "bad id\nwith newline")
        }
    }

    @Test("metrics are exposed in the Prometheus format and count API requests")
    func metrics() async throws {
        try await withTestApp { api, tenant, _ in
            _ = try await api.lists(tenant.alice.token)
            let metrics = try await api.request(.get, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(metrics.text.contains(#"http_route="/api/v1/entities/leadlists""#))
        }
    }

    @Test("metrics count directory searches answered by the search index, and tell what it holds")
    func searchIndexMetrics() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            /// The counter's value (the registry is shared by the tests running alongside).
            func answeredByIndex() async throws -> Double {
                let text = try await api.request(.get, "/metrics").text
                let line = text.split(separator: "\n").first { $0.hasPrefix(#"leadbase_directory_searches_total{answered_by="index"} "#) }
                return line.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) } ?? -1
            }
            let before = try await answeredByIndex()
            _ = try await api.searchPeople(tenant.alice.token, "{}")
            let after = try await answeredByIndex()
            #expect(before >= 0)
            #expect(after >= before + 1)
            let metrics = try await api.request(.get, "/metrics").text
            #expect(metrics.contains("leadbase_search_index_people "))
            #expect(metrics.contains("leadbase_search_index_segments "))
            #expect(metrics.contains("leadbase_search_index_bytes "))
        }
    }
}
