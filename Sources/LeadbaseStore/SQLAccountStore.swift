import Crypto
import Foundation
import LeadbaseCore
import SQLKit

/// `AccountStore` on SQLite or PostgreSQL.
public struct SQLAccountStore: AccountStore {
    let database: Database
    /// Live tokens' identities, by the token's hash.
    let identities: ChangeCache<String, Identity>

    public init(database: Database) {
        self.database = database
        identities = ChangeCache("identities", on: .identities, of: database.changes, capacity: 10_000)
    }

    public func createOrganization(name: String) async throws -> Organization {
        let organization = Organization(id: IDGenerator.make(prefix: "org"), name: name)
        try await database.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO organizations (id, name, created_at)
                VALUES (\(bind: organization.id), \(bind: organization.name), \(bind: Date()))
                """
            ).run()
        }
        return organization
    }

    public func organization(_ id: OrganizationID) async throws -> Organization? {
        try await database.withSession { sql in
            try await sql.raw("SELECT id, name FROM organizations WHERE id = \(bind: id)").first().map {
                Organization(id: try $0.decode(column: "id"), name: try $0.decode(column: "name"))
            }
        }
    }

    public func createUser(_ user: User) async throws -> User {
        try await database.transaction { sql in
            guard try await sql.raw("SELECT 1 AS found FROM organizations WHERE id = \(bind: user.organizationID)").first() != nil else {
                throw LeadbaseError.notFound("Organization not found: \(user.organizationID)")
            }
            let inserted = try await sql.raw(
                """
                INSERT INTO users (organization_id, id, name, email, role, created_at)
                VALUES (\(bind: user.organizationID), \(bind: user.id), \(bind: user.name), \(bind: user.email),
                        \(bind: user.role.rawValue), \(bind: Date()))
                ON CONFLICT (organization_id, id) DO NOTHING
                RETURNING id
                """
            ).first()
            guard inserted != nil else {
                throw LeadbaseError.conflict("User \(user.id) already exists in organization \(user.organizationID)")
            }
            return user
        }
    }

    public func users(withID id: UserID) async throws -> [User] {
        try await database.withSession { sql in
            try await sql.raw(
                """
                SELECT organization_id, id, name, email, role FROM users WHERE id = \(bind: id) ORDER BY organization_id
                """
            ).all().map(Self.user)
        }
    }

    public func createToken(for user: User) async throws -> IssuedToken {
        let issued = IssuedToken(id: IDGenerator.make(prefix: "tok"), token: Self.mintSecret())
        try await database.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO api_tokens (organization_id, id, user_id, token_hash, created_at)
                VALUES (\(bind: user.organizationID), \(bind: issued.id), \(bind: user.id),
                        \(bind: Self.hash(issued.token)), \(bind: Date()))
                """
            ).run()
        }
        return issued
    }

    public func revokeToken(id: String) async throws -> Bool {
        // Whether or not it committed: an error may come after the commit.
        defer { database.changes.changed(.identities) }
        return try await database.transaction { sql in
            try await sql.raw(
                """
                UPDATE api_tokens SET revoked_at = \(bind: Date()) WHERE id = \(bind: id) AND revoked_at IS NULL RETURNING id
                """
            ).first() != nil
        }
    }

    /// Who the token identifies, if it is live: kept in memory while no token or user changes
    /// (`ChangeWatch`), so that a request costs no database read.
    public func identity(forToken token: String) async throws -> Identity? {
        let hash = Self.hash(token)
        return try await identities.value(hash) { try await storedIdentity(forTokenHash: hash) }
    }

    private func storedIdentity(forTokenHash hash: String) async throws -> Identity? {
        try await database.withSession { sql in
            try await sql.raw(
                """
                SELECT u.organization_id, u.id, u.role
                FROM api_tokens t
                JOIN users u ON u.organization_id = t.organization_id AND u.id = t.user_id
                WHERE t.token_hash = \(bind: hash) AND t.revoked_at IS NULL
                """
            ).first().map { row in
                Identity(
                    organizationID: try row.decode(column: "organization_id"),
                    userID: try row.decode(column: "id"),
                    role: Role(rawValue: try row.decode(column: "role")) ?? .member
                )
            }
        }
    }

    public func recordExternalIdentity(_ identity: Identity) async throws {
        let source = try await database.transaction { sql in
            let now = Date()
            try await sql.raw(
                """
                INSERT INTO organizations (id, name, created_at) VALUES (\(bind: identity.organizationID), \(bind: identity.organizationID), \(bind: now))
                ON CONFLICT (id) DO NOTHING
                """
            ).run()
            // The stored role is an operator's to set: a user first seen through a JWT is a member
            // here, whatever its claim says (the claim applies to each request of that JWT).
            try await sql.raw(
                """
                INSERT INTO users (organization_id, id, name, email, role, source, created_at)
                VALUES (\(bind: identity.organizationID), \(bind: identity.userID), \(bind: identity.userID), NULL,
                        'member', 'identity_provider', \(bind: now))
                ON CONFLICT (organization_id, id) DO NOTHING
                """
            ).run()
            return try await sql.raw(
                """
                SELECT source FROM users WHERE organization_id = \(bind: identity.organizationID) AND id = \(bind: identity.userID)
                """
            ).first()?.decode(column: "source", as: String.self)
        }
        guard source == "identity_provider" else { throw LeadbaseError.operatorManagedUser }
    }

    static func user(_ row: any SQLRow) throws -> User {
        User(
            id: try row.decode(column: "id"),
            organizationID: try row.decode(column: "organization_id"),
            name: try row.decode(column: "name"),
            email: try row.decode(column: "email"),
            role: Role(rawValue: try row.decode(column: "role")) ?? .member
        )
    }

    /// `lb_` and 256 random bits, URL-safe: long enough that hashing without a salt is safe.
    static func mintSecret() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let encoded = bytes.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "lb_" + encoded
    }

    /// The SHA-256 of the token in hex: what is stored and looked up.
    static func hash(_ token: String) -> String {
        DirectoryDocuments.hex(SHA256.hash(data: Data(token.utf8)))
    }
}
