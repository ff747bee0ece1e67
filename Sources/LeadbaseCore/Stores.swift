import Foundation

/// Storage of lead lists. Every call is scoped to one organization; an id of another
/// organization's list behaves exactly like an id that does not exist.
public protocol LeadListStore: Sendable {
    /// Lists of `organization`, newest first; only those whose access list holds `user` when it is
    /// given. Their `personIDs`/`companyIDs` are loaded only when `includingMembers`.
    func leadLists(in organization: OrganizationID, usableBy user: UserID?, includingMembers: Bool) async throws -> [LeadList]
    /// How many members each of `lists` has; a list without members may be left out.
    func memberCounts(of lists: [UUID], in organization: OrganizationID) async throws -> [UUID: Int]
    /// One list; its `personIDs`/`companyIDs` are loaded only when `includingMembers` (a list can
    /// have many members, and most requests only need its access list and type).
    func leadList(_ id: UUID, in organization: OrganizationID, includingMembers: Bool) async throws -> LeadList?
    /// Inserts the list with its access list and members (copied into the organization's records
    /// first, like an add, under the same rule of which records `identity` may link), in one
    /// transaction. Member ids it may not link, and an `icpID` that names no ICP of the
    /// organization, are a 400 naming them (as for `update`).
    func insert(_ list: LeadList, by identity: Identity) async throws
    /// Writes the list's name, ICP, dates, access list and `updatedAt`, and, when
    /// `replacingMembers`, makes its members exactly `memberIDs` (synced like an add); all in one
    /// transaction.
    func update(_ list: LeadList, replacingMembers: Bool, by identity: Identity) async throws
    /// Deletes the list and its member links (not the members' records); false when there was none.
    func delete(_ id: UUID, in organization: OrganizationID) async throws -> Bool
}

/// ICPs of each organization, with their access lists.
public protocol ICPStore: Sendable {
    /// ICPs of `organization`, newest first; only those whose access list holds `user` when it is given.
    func icps(in organization: OrganizationID, usableBy user: UserID?) async throws -> [ICP]
    func icp(_ id: UUID, in organization: OrganizationID) async throws -> ICP?
    func insert(_ icp: ICP) async throws
    /// Writes every field and the access list; false when the ICP is gone.
    func update(_ icp: ICP) async throws -> Bool
    /// Deletes the ICP and unlinks its lists (their `icpId` becomes null), in one transaction;
    /// false when there was none.
    func delete(_ id: UUID, in organization: OrganizationID) async throws -> Bool
}

/// Organizations, users and API tokens: what operators manage with the CLI and what
/// authentication reads.
public protocol AccountStore: Sendable {
    func createOrganization(name: String) async throws -> Organization
    func organization(_ id: OrganizationID) async throws -> Organization?
    /// Creates a user; `LeadbaseError.conflict` if the id is taken in that organization,
    /// `notFound` if the organization does not exist.
    func createUser(_ user: User) async throws -> User
    /// The organizations a user id belongs to.
    func users(withID id: UserID) async throws -> [User]
    /// Mints a token for the user; the secret is returned once and kept only as a hash.
    func createToken(for user: User) async throws -> IssuedToken
    /// Revokes a token; false when no live token has that id.
    func revokeToken(id: String) async throws -> Bool
    /// The identity a live token stands for, or nil for unknown or revoked tokens.
    func identity(forToken token: String) async throws -> Identity?
    /// Records an identity vouched for by the identity provider: creates its organization and
    /// user (a member, whatever the JWT's role) on first sight. Throws
    /// `LeadbaseError.operatorManagedUser` when an operator made a user of that id in that
    /// organization: a JWT does not act for it. Never changes a stored user's role.
    func recordExternalIdentity(_ identity: Identity) async throws
}
