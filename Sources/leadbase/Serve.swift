import ArgumentParser
import Hummingbird
import LeadbaseServer
import LeadbaseStore

/// `leadbase serve`: the HTTP server. With no settings it runs on SQLite in `./.leadbase`.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the HTTP server (applies pending migrations first).")

    @Option(name: .customLong(HTTPSettings.host.flag!), help: ArgumentHelp(HTTPSettings.host.help))
    var host: String?

    @Option(name: .customLong(HTTPSettings.port.flag!), help: ArgumentHelp(HTTPSettings.port.help))
    var port: String?

    @Option(name: .customLong(SearchIndexMode.directory.flag!), help: ArgumentHelp(SearchIndexMode.directory.help))
    var indexDirectory: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let flags = database.flags.merging(
            [HTTPSettings.host: host, HTTPSettings.port: port, SearchIndexMode.directory: indexDirectory].compactMapValues { $0 }
        ) { $1 }
        let configuration: AppConfiguration
        do {
            configuration = try AppConfiguration.load(flags: flags)
        } catch {
            throw ValidationError(error.description)
        }
        let app = try await buildApplication(configuration)
        try await app.runService()
    }
}

/// `leadbase migrate`: applies pending migrations and says which.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        struct Result: Encodable { let applied: [Int] }
        let applied = try await database.withDatabase(migrating: false) { try await Migrator(database: $0).migrate() }
        try output.print(Result(applied: applied), human: applied.isEmpty ? "Schema is up to date." : "Applied migrations \(applied).")
    }
}
