import Foundation
import Hummingbird
import LeadbaseCore
import Synchronization

/// Establishes who is calling from `Authorization: Bearer …`: an API token (`lb_…`) or an
/// identity-provider JWT. Any failure is a 401; routes behind it run in an `AuthenticatedContext`.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let accounts: any AccountStore
    let jwt: JWTVerifier?
    /// Identities already recorded by this process, so that a JWT user costs a write only on first
    /// use (or when their role changes), not on every request.
    let recorded = RecordedIdentities()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.identity = try await identity(for: request)
        context.logger[metadataKey: "org_id"] = .string(context.identity?.organizationID ?? "")
        context.logger[metadataKey: "user_id"] = .string(context.identity?.userID ?? "")
        return try await next(request, context)
    }

    func identity(for request: Request) async throws -> Identity {
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthorized("Missing bearer token")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else {
            throw APIError.unauthorized("Authorization header must be 'Bearer <token>'")
        }
        let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
        if token.hasPrefix("lb_") {
            guard let identity = try await accounts.identity(forToken: token) else {
                throw APIError.unauthorized("Invalid or revoked token")
            }
            return identity
        }
        guard let jwt else { throw APIError.unauthorized("Invalid or expired token") }
        let identity = try await jwt.identity(from: token)
        if !recorded.contains(identity) {
            try await accounts.recordExternalIdentity(identity)
            recorded.insert(identity)
        }
        return identity
    }
}

/// A thread-safe set of identities, shared by every request of one application.
final class RecordedIdentities: Sendable {
    private let identities = Mutex<Set<Identity>>([])

    func contains(_ identity: Identity) -> Bool { identities.withLock { $0.contains(identity) } }
    func insert(_ identity: Identity) { _ = identities.withLock { $0.insert(identity) } }
}
