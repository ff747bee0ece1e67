import Foundation

/// The rules of accounts (organizations, users, API tokens), which the CLI's account commands
/// call: what a valid name and user id are, and which user a token is for.
public struct AccountService: Sendable {
    let store: any AccountStore

    public init(store: any AccountStore) {
        self.store = store
    }

    /// Why an account command cannot be carried out; the CLI words it with its flags.
    public enum Refusal: Error, Equatable, Sendable {
        case emptyOrganizationName
        /// A user id must be 1 to `TextRules.maxUserIDLength` characters.
        case userIDLength
        case noSuchUser(UserID, in: OrganizationID?)
        /// The user id exists in several organizations and none was named.
        case ambiguousUser(UserID)
        case noLiveToken(String)
    }

    /// Creates an organization; the name is trimmed of spaces and must not be empty then.
    public func createOrganization(named name: String) async throws -> Organization {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw Refusal.emptyOrganizationName }
        return try await store.createOrganization(name: name)
    }

    /// Creates a user, under `id` (an identity provider's) or a new `usr_…` one.
    public func createUser(
        id: UserID?, in organization: OrganizationID, name: String, email: String?, role: Role
    ) async throws -> User {
        let user = User(
            id: id ?? IDGenerator.make(prefix: "usr"), organizationID: organization, name: name, email: email, role: role)
        guard !user.id.isEmpty, user.id.count <= TextRules.maxUserIDLength else { throw Refusal.userIDLength }
        return try await store.createUser(user)
    }

    /// Mints a token for the one user with this id (in `organization`, when given).
    public func issueToken(forUser id: UserID, in organization: OrganizationID?) async throws -> IssuedToken {
        let matches = try await store.users(withID: id).filter { organization == nil || $0.organizationID == organization }
        guard let owner = matches.first else { throw Refusal.noSuchUser(id, in: organization) }
        guard matches.count == 1 else { throw Refusal.ambiguousUser(id) }
        return try await store.createToken(for: owner)
    }

    /// Revokes a live token by its id.
    public func revokeToken(_ id: String) async throws {
        guard try await store.revokeToken(id: id) else { throw Refusal.noLiveToken(id) }
    }
}
