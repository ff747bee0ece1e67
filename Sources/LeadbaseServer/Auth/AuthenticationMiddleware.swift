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

    /// Budgets of requests and of failed authentications (`RateLimiter`).
    let limiter: RateLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let address = context.remoteAddress ?? "unknown"
        if let quota = limiter.failures(from: address, failed: false), quota.exceeded {
            throw APIError.rateLimited(quota.headers)
        }
        var context = context
        let credential: String
        do {
            (context.identity, credential) = try await identity(for: request)
        } catch {
            var refusal = ErrorEnvelopeMiddleware<Context>.apiError(for: error, request: request, logger: context.logger)
            if let quota = limiter.failures(from: address, failed: true) { refusal.headers.append(contentsOf: quota.headers) }
            throw refusal
        }
        let identity = context.identity!
        context.logger[metadataKey: "org_id"] = .string(identity.organizationID)
        context.logger[metadataKey: "user_id"] = .string(identity.userID)
        guard let quota = limiter.take(credential: credential, organization: identity.organizationID) else {
            return try await next(request, context)
        }
        if quota.exceeded { throw APIError.rateLimited(quota.headers) }
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            var answer = ErrorEnvelopeMiddleware<Context>.apiError(for: error, request: request, logger: context.logger)
            answer.headers.append(contentsOf: quota.headers)
            throw answer
        }
        response.headers.append(contentsOf: quota.headers)
        return response
    }

    /// The caller, and the key of its credential's budget: the token for an API token (as a
    /// hash, not kept in the clear), the organization and subject for a JWT.
    func identity(for request: Request) async throws -> (Identity, credential: String) {
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
            return (identity, "token:\(token.hashValue)")
        }
        guard let jwt else { throw APIError.unauthorized("Invalid or expired token") }
        // The role is the token's claim, for this request only; the stored user is not changed.
        let identity = try await jwt.identity(from: token)
        let user = RecordedUsers.Key(organization: identity.organizationID, user: identity.userID)
        if !recorded.contains(user) {
            try await accounts.recordExternalIdentity(identity)
            recorded.insert(user)
        }
        return (identity, "jwt:\(identity.organizationID):\(identity.userID)")
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
