import Foundation
import Hummingbird
import HummingbirdTesting
import LeadbaseCore
import LeadbaseServer
import LeadbaseStore
import LeadbaseTestSupport
import Testing

/// Runs `body` against a freshly built application (the same `buildApplication` as `serve`)
/// with two tenants already in its database, and `DirectoryFixture` when `directory` is set,
/// once `/ready` says it is ready.
func withTestApp(
    configure: (inout AppConfiguration) -> Void = { _ in },
    directory: Bool = false,
    _ body: @escaping @Sendable (APIClient, Tenant, Tenant) async throws -> Void
) async throws {
    var configuration = try await TestEnvironment.configuration()
    configure(&configuration)
    let (first, second) = try await TestEnvironment.withDatabase(configuration) { database in
        if directory { try await DirectoryFixture.load(into: database) }
        return (try await Tenant.make(in: database), try await Tenant.make(in: database))
    }
    let app = try await buildApplication(configuration)
    try await app.test(.router) { client in
        let api = APIClient(client: client)
        // As a load balancer would: no requests before the search index has loaded.
        var ready = false
        for _ in 0..<1500 where !ready {
            ready = try await api.request(.get, "/ready").status == .ok
            if !ready { try await Task.sleep(for: .milliseconds(20)) }
        }
        try #require(ready, "the application became ready within 30 s")
        try await body(api, first, second)
    }
}

/// A response: status, headers and the body read as JSON (nil when empty).
struct APIResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: JSONValue?
    let text: String

    subscript(key: String) -> JSONValue? {
        guard case .object(let object) = body else { return nil }
        return object[key]
    }

    /// The error envelope's `error` object.
    var error: [String: JSONValue]? {
        guard case .object(let error) = self["error"] else { return nil }
        return error
    }

    var errorCode: String? {
        if case .string(let code) = error?["code"] { return code }
        return nil
    }

    var errorMessage: String? {
        if case .string(let message) = error?["message"] { return message }
        return nil
    }

    /// `details` as (path, message) pairs, for exact comparisons.
    var details: [ValidationIssue] {
        guard let details = error?["details"],
            let data = try? JSONEncoder().encode(details),
            let issues = try? JSONDecoder().decode([ValidationIssue].self, from: data)
        else { return [] }
        return issues
    }

    func string(_ key: String) -> String? {
        if case .string(let value) = self[key] { return value }
        return nil
    }

    func strings(_ key: String) -> [String]? {
        guard case .array(let values) = self[key] else { return nil }
        return values.compactMap { if case .string(let value) = $0 { value } else { nil } }
    }
}
