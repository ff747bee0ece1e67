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
    /// JWT users already recorded by this process (organization and user id, not role), so that
    /// a JWT user costs a write only on first use, not on every request.
    let recorded = RecordedUsers()

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
        // The role is the token's claim, for this request only; the stored user is not changed.
        let identity = try await jwt.identity(from: token)
        let user = RecordedUsers.Key(organization: identity.organizationID, user: identity.userID)
        if !recorded.contains(user) {
            try await accounts.recordExternalIdentity(identity)
            recorded.insert(user)
        }
        return identity
    }
}

/// A thread-safe set of users, shared by every request of one application. Only users that may
/// sign in with a JWT are kept; an operator's user is looked up again each time (and refused).
final class RecordedUsers: Sendable {
    struct Key: Hashable, Sendable {
        let organization: OrganizationID
        let user: UserID
    }

    private let users = Mutex<Set<Key>>([])

    func contains(_ key: Key) -> Bool { users.withLock { $0.contains(key) } }
    func insert(_ key: Key) { _ = users.withLock { $0.insert(key) } }
}
