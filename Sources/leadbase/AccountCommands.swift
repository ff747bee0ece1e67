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
            let organization = try await database.withAccounts { try await $0.createOrganization(named: name) }
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
            let created = try await database.withAccounts {
                try await $0.createUser(id: id, in: org, name: name, email: email, role: admin ? .admin : .member)
            }
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
            let issued = try await database.withAccounts { try await $0.issueToken(forUser: user, in: org) }
            try output.print(issued, human: "Token \(issued.id) (shown once, store it now):\n\(issued.token)")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API token by its id.")

        @Argument(help: "Token id (tok_…).") var tokenID: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await database.withAccounts { try await $0.revokeToken(tokenID) }
            try output.print(["id": tokenID, "revoked": "true"], human: "Revoked \(tokenID)")
        }
    }
}

extension DatabaseOptions {
    /// Runs `body` with the account rules on this database; a refusal is a usage error naming the flag.
    func withAccounts<T: Sendable>(_ body: (AccountService) async throws -> T) async throws -> T {
        do {
            return try await withDatabase { try await body(AccountService(store: SQLAccountStore(database: $0))) }
        } catch let refusal as AccountService.Refusal {
            throw ValidationError(refusal.message)
        }
    }
}

extension AccountService.Refusal {
    var message: String {
        switch self {
        case .emptyOrganizationName: "--name must not be empty"
        case .userIDLength: "--id must be 1 to \(TextRules.maxUserIDLength) characters"
        case .noSuchUser(let user, let organization): "no user \(user)\(organization.map { " in \($0)" } ?? "")"
        case .ambiguousUser(let user): "user \(user) exists in several organizations; pass --org"
        case .noLiveToken(let id): "no live token \(id)"
        }
    }
}
