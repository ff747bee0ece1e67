import Foundation
import HTTPTypes
import Hummingbird
import LeadbaseServer
import LeadbaseStore
import LeadbaseTestSupport
import Testing

@Suite("HTTP manners: HEAD and CORS")
struct HTTPMannersTests {
    static let app = "https://app.example.com"

    @Test("HEAD answers as GET would, with its headers and no body; where GET is not, HEAD is a 405")
    func head() async throws {
        try await withTestApp { api, tenant, _ in
            let get = try await api.request(.get, "/health")
            let head = try await api.request(.head, "/health")
            #expect(head.status == .ok)
            #expect(head.text == "")
            #expect(head.headers[.contentLength] == String(get.text.utf8.count))
            #expect(head.headers[.contentType] == get.headers[.contentType])

            let lists = try await api.request(.head, "/api/v1/entities/leadlists", token: tenant.alice.token)
            #expect(lists.status == .ok)
            #expect(lists.text == "")
            let unauthorized = try await api.request(.head, "/api/v1/entities/leadlists")
            #expect(unauthorized.status == .unauthorized)
            #expect(unauthorized.text == "", "an error answer to a HEAD has no body either")

            let noGet = try await api.request(.head, "/api/v1/entities/leadlists/\(UUID())/add-prospects", token: tenant.alice.token)
            #expect(noGet.status == .methodNotAllowed)
            #expect(noGet.headers[.allow] == "POST")
        }
    }

    @Test("an allowed origin gets CORS headers on answers and errors, and its preflight a 204; another origin gets none")
    func allowedOrigin() async throws {
        try await withTestApp(configure: { $0.http.corsOrigins = HTTPSettings.AllowedOrigins("\(Self.app), http://localhost:3000")! }) {
            api, tenant, _ in
            let lists = try await api.request(.get, "/api/v1/entities/leadlists", token: tenant.alice.token, headers: [.origin: Self.app])
            #expect(lists.status == .ok)
            #expect(lists.headers[.accessControlAllowOrigin] == Self.app)
            #expect(lists.headers[.vary] == "Origin")
            #expect(lists.headers[.accessControlExposeHeaders]?.contains("X-Request-Id") == true)
            let error = try await api.request(.get, "/api/v1/entities/leadlists", headers: [.origin: "http://localhost:3000"])
            #expect(error.status == .unauthorized)
            #expect(error.headers[.accessControlAllowOrigin] == "http://localhost:3000", "a script can read the error")

            let preflight = try await api.request(
                .options, "/api/v1/entities/leadlists",
                headers: [
                    .origin: Self.app, .accessControlRequestMethod: "POST", .accessControlRequestHeaders: "authorization, content-type",
                ])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == Self.app)
            #expect(preflight.headers[.accessControlAllowMethods] == "GET, POST, HEAD")
            #expect(preflight.headers[.accessControlAllowHeaders] == "Authorization, Content-Type, Idempotency-Key, X-Request-Id")
            #expect(preflight.headers[.accessControlMaxAge] == "600")

            let other = try await api.request(
                .get, "/api/v1/entities/leadlists", token: tenant.alice.token, headers: [.origin: "https://evil.example"])
            #expect(other.status == .ok)
            #expect(other.headers[.accessControlAllowOrigin] == nil)
            let refused = try await api.request(
                .options, "/api/v1/entities/leadlists", headers: [.origin: "https://evil.example", .accessControlRequestMethod: "GET"])
            #expect(refused.status == .forbidden)
            #expect(refused.errorCode == "FORBIDDEN")
            let unknown = try await api.request(
                .options, "/api/v1/nothing", headers: [.origin: Self.app, .accessControlRequestMethod: "GET"])
            #expect(unknown.status == .notFound)
        }
    }

    @Test("preflights need no token and spend no rate-limit budget")
    func preflightsAreFree() async throws {
        try await withTestApp(configure: {
            $0.http.corsOrigins = HTTPSettings.AllowedOrigins(Self.app)!
            $0.rateLimits.authenticationFailures = 1
        }) { api, tenant, _ in
            for _ in 0..<3 {
                let preflight = try await api.request(
                    .options, "/api/v1/entities/leadlists", headers: [.origin: Self.app, .accessControlRequestMethod: "GET"])
                #expect(preflight.status == .noContent)
            }
            #expect(try await api.lists(tenant.alice.token).status == .ok)
        }
    }

    @Test("without allowed origins there are no CORS headers and a preflight is a 405")
    func noOrigins() async throws {
        try await withTestApp { api, tenant, _ in
            let lists = try await api.request(.get, "/api/v1/entities/leadlists", token: tenant.alice.token, headers: [.origin: Self.app])
            #expect(lists.headers[.accessControlAllowOrigin] == nil)
            let preflight = try await api.request(
                .options, "/api/v1/entities/leadlists", headers: [.origin: Self.app, .accessControlRequestMethod: "GET"])
            #expect(preflight.status == .methodNotAllowed)
        }
    }

    @Test("* allows any origin; an origin that is not scheme://host[:port] stops start-up naming the key")
    func originSettings() async throws {
        let any = try AppConfiguration.load(environment: ["LEADBASE_CORS_ORIGINS": "*"]).http.corsOrigins
        #expect(any.allows("https://anything.example"))
        let some = try AppConfiguration.load(environment: ["LEADBASE_CORS_ORIGINS": " https://App.Example.com ,http://localhost:3000"])
        #expect(some.http.corsOrigins.allows("https://app.example.com"))
        #expect(!some.http.corsOrigins.allows("https://app.example.com.evil"))
        #expect(try AppConfiguration.load(environment: [:]).http.corsOrigins.isEmpty)
        for bad in ["ftp://x.example", "https://app.example.com/path", "app.example.com", "*,https://a.example", ","] {
            #expect("\(bad)") {
                try AppConfiguration.load(environment: ["LEADBASE_CORS_ORIGINS": bad])
            } throws: { error in
                (error as? ConfigurationError)?.key == "LEADBASE_CORS_ORIGINS"
            }
        }
    }
}
