import ArgumentParser
import LeadbaseCore
import LeadbaseStore

/// `leadbase org …`
struct OrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "org", abstract: "Manage organizations.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an organization and print its id.")

        @Option(help: "Display name.") var name: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let name = name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw ValidationError("--name must not be empty") }
            let organization = try await database.withDatabase {
                try await SQLAccountStore(database: $0).createOrganization(name: name)
            }
            try output.print(["id": organization.id], human: "Created organization \(organization.id) (\(organization.name))")
        }
    }
}

/// `leadbase user …`
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user in an organization and print its id.")

        @Option(help: "Organization id.") var org: String
        @Option(help: "Display name.") var name: String
        @Option(help: "E-mail address.") var email: String?
        @Flag(help: "Make the user an admin of the organization.") var admin = false
        @Option(help: "Use this id (e.g. the identity provider's) instead of a new usr_… id.") var id: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let user = User(
                id: id ?? IDGenerator.make(prefix: "usr"), organizationID: org, name: name,
                email: email, role: admin ? .admin : .member
            )
            guard !user.id.isEmpty, user.id.count <= 255 else { throw ValidationError("--id must be 1 to 255 characters") }
            let created = try await database.withDatabase { try await SQLAccountStore(database: $0).createUser(user) }
            try output.print(["id": created.id], human: "Created \(created.role.rawValue) \(created.id) in \(created.organizationID)")
        }
    }
}

/// `leadbase token …`
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mint an API token for a user. The token is shown once.")

        @Option(help: "User id.") var user: String
        @Option(help: "Organization id, when the user id exists in several organizations.") var org: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let issued = try await database.withDatabase { database in
                let accounts = SQLAccountStore(database: database)
                let matches = try await accounts.users(withID: user).filter { org == nil || $0.organizationID == org }
                guard let owner = matches.first else { throw ValidationError("no user \(user)\(org.map { " in \($0)" } ?? "")") }
                guard matches.count == 1 else {
                    throw ValidationError("user \(user) exists in several organizations; pass --org")
                }
                return try await accounts.createToken(for: owner)
            }
            try output.print(issued, human: "Token \(issued.id) (shown once, store it now):\n\(issued.token)")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API token by its id.")

        @Argument(help: "Token id (tok_…).") var tokenID: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let revoked = try await database.withDatabase { try await SQLAccountStore(database: $0).revokeToken(id: tokenID) }
            guard revoked else { throw ValidationError("no live token \(tokenID)") }
            try output.print(["id": tokenID, "revoked": "true"], human: "Revoked \(tokenID)")
        }
    }
}
