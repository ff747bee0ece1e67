import Foundation
import LeadbaseCore
import LeadbaseStore

/// One organization made for a test, with an admin, two members and a token each.
public struct Tenant: Sendable {
    public struct Member: Sendable {
        public let user: User
        public let token: String
    }

    public let organization: Organization
    public let admin: Member
    public let alice: Member
    public let bob: Member

    public static func make(in database: Database) async throws -> Tenant {
        let accounts = SQLAccountStore(database: database)
        let organization = try await accounts.createOrganization(name: "Test org")
        func member(_ name: String, _ role: Role) async throws -> Member {
            let user = try await accounts.createUser(
                User(
                    id: IDGenerator.make(prefix: "usr"), organizationID: organization.id, name: name, email: nil, role: role
                ))
            return Member(user: user, token: try await accounts.createToken(for: user).token)
        }
        return Tenant(
            organization: organization,
            admin: try await member("Ada Admin", .admin),
            alice: try await member("Alice", .member),
            bob: try await member("Bob", .member)
        )
    }
}
