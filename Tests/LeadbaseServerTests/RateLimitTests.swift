import Foundation
import HTTPTypes
import LeadbaseCore
import LeadbaseServer
import LeadbaseStore
import LeadbaseTestSupport
import Testing

/// Request budgets per credential, organization and failed authentications.
@Suite("Trust: rate limits")
struct RateLimitTests {
    /// Budgets are whole minutes of the clock (`RateLimiter`): a test's requests must fall in one.
    /// Waits, when less than 15 s of the current minute are left, until the next one begins.
    static func inOneWindow() async throws {
        let left = 60 - Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 60)
        if left < 15 { try await Task.sleep(for: .milliseconds(Int(left * 1000) + 100)) }
    }

    @Test("a credential's budget: RateLimit headers on every answer, then 429 RATE_LIMITED with Retry-After; other credentials go on")
    func perCredential() async throws {
        try await withTestApp(configure: { $0.rateLimits.perCredential = 3 }) { api, tenant, _ in
            try await Self.inOneWindow()
            for remaining in [2, 1, 0] {
                let response = try await api.lists(tenant.alice.token)
                #expect(response.status == .ok)
                #expect(response.headers[.rateLimitLimit] == "3")
                #expect(response.headers[.rateLimitRemaining] == String(remaining))
                let reset = try #require(response.headers[.rateLimitReset].flatMap { Int($0) })
                #expect((1...60).contains(reset))
            }
            let limited = try await api.lists(tenant.alice.token)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorCode == "RATE_LIMITED")
            #expect(limited.headers[.retryAfter] != nil && limited.headers[.retryAfter] == limited.headers[.rateLimitReset])
            #expect(
                try await api.createList(tenant.alice.token, #"{"name": "x"}"#).status == .tooManyRequests,
                "writes too, and nothing is written")
            let error = try await api.list(tenant.bob.token, UUID().uuidString)
            #expect(error.status == .notFound)
            #expect(error.headers[.rateLimitRemaining] == "2", "errors carry the headers too")
            #expect(listIDs(try await api.lists(tenant.admin.token)).isEmpty)
        }
    }

    @Test("an organization's budget is shared by its users; another organization's is its own")
    func perOrganization() async throws {
        try await withTestApp(configure: { $0.rateLimits.perOrganization = 2 }) {
            (api: APIClient, tenant: Tenant, other: Tenant) async throws in
            try await Self.inOneWindow()
            #expect(try await api.lists(tenant.alice.token).status == .ok)
            #expect(try await api.lists(tenant.bob.token).status == .ok)
            #expect(try await api.lists(tenant.admin.token).status == .tooManyRequests)
            #expect(try await api.lists(other.alice.token).status == .ok)
        }
    }

    @Test("failed authentications are limited: past the budget even a good token waits")
    func failures() async throws {
        try await withTestApp(configure: { $0.rateLimits.authenticationFailures = 5 }) { api, tenant, _ in
            try await Self.inOneWindow()
            for _ in 0..<5 {
                let response = try await api.lists("lb_wrong")
                #expect(response.status == .unauthorized)
                #expect(response.headers[.rateLimitLimit] == "5")
            }
            let limited = try await api.lists("lb_wrong")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
            #expect(try await api.lists(tenant.alice.token).status == .tooManyRequests)
        }
    }
}
