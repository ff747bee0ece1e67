import ArgumentParser

/// The `leadbase` command: the server and the operator's tools.
@main
struct Leadbase: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leadbase",
        abstract: "Self-hostable prospecting backend: global directory search and per-organization lead lists.",
        subcommands: [
            Serve.self, Migrate.self, Import.self, Seed.self, Explain.self, OrgCommand.self, UserCommand.self, TokenCommand.self,
        ],
        defaultSubcommand: Serve.self
    )
}
