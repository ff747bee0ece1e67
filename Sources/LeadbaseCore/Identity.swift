/// An organization id: minted by Leadbase (`org_…`) or taken from an identity provider (`org_2x…`).
public typealias OrganizationID = String
/// A user id: minted by Leadbase (`usr_…`) or an identity provider's subject (`user_2x…`).
public typealias UserID = String

/// What a user may do inside their organization.
public enum Role: String, Sendable, Codable, CaseIterable {
    case admin
    case member
}

/// Who is making a request. It cannot exist without an organization, so every handler that has
/// one acts inside exactly one tenant.
public struct Identity: Sendable, Hashable {
    public let organizationID: OrganizationID
    public let userID: UserID
    public let role: Role

    public init(organizationID: OrganizationID, userID: UserID, role: Role) {
        self.organizationID = organizationID
        self.userID = userID
        self.role = role
    }

    public var isAdmin: Bool { role == .admin }
}

/// A tenant.
public struct Organization: Sendable, Hashable, Codable {
    public let id: OrganizationID
    public let name: String

    public init(id: OrganizationID, name: String) {
        self.id = id
        self.name = name
    }
}

/// A user of one organization.
public struct User: Sendable, Hashable, Codable {
    public let id: UserID
    public let organizationID: OrganizationID
    public let name: String
    public let email: String?
    public let role: Role

    public init(id: UserID, organizationID: OrganizationID, name: String, email: String?, role: Role) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.email = email
        self.role = role
    }
}

/// A freshly minted API token: its id (to revoke it) and its secret, shown once and stored only hashed.
public struct IssuedToken: Sendable, Hashable, Codable {
    public let id: String
    public let token: String

    public init(id: String, token: String) {
        self.id = id
        self.token = token
    }
}
