import ArgumentParser
import Configuration
import Foundation
import LeadbaseCore
import LeadbaseStore
import Logging

/// The database settings every command takes, with the same environment fallbacks as `serve`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong(DatabaseSettings.dataDirectory.flag!), help: ArgumentHelp(DatabaseSettings.dataDirectory.help))
    var dataDirectory: String?

    @Option(name: .customLong(DatabaseSettings.url.flag!), help: ArgumentHelp(DatabaseSettings.url.help))
    var databaseURL: String?

    @Option(name: .customLong(LogSettings.level.flag!), help: ArgumentHelp(LogSettings.level.help))
    var logLevel: String?

    /// The flags given, by setting.
    var flags: [Setting: String] {
        [DatabaseSettings.dataDirectory: dataDirectory, DatabaseSettings.url: databaseURL, LogSettings.level: logLevel]
            .compactMapValues { $0 }
    }

    /// Opens the database (and migrates it, unless told not to), runs `body`, and closes the
    /// database whatever happens.
    func withDatabase<T: Sendable>(migrating: Bool = true, _ body: (Database) async throws -> T) async throws -> T {
        let reader = ConfigReader(settings: DatabaseSettings.keys + LogSettings.keys, flags: flags)
        let location: DatabaseLocation
        var logger = Logger(label: "leadbase")
        do {
            location = try DatabaseSettings(reader: reader).location()
            let level = try LogSettings(reader: reader).level
            // Operator commands print their results; only warnings go to the log unless asked.
            logger.logLevel = logLevel == nil ? .warning : level
        } catch {
            throw ValidationError(error.description)
        }
        let database = try await Database.open(location, logger: logger)
        do {
            if migrating { try await Migrator(database: database).migrate() }
            let result = try await body(database)
            await database.close()
            return result
        } catch let error as LeadbaseError {
            await database.close()
            throw CLIError(error)
        } catch {
            await database.close()
            throw error
        }
    }
}

/// `--json` for scripts; otherwise a line a person reads.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print the result as JSON.")
    var json = false

    func print<T: Encodable>(_ value: T, human: String) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
        } else {
            Swift.print(human)
        }
    }
}

/// A domain error told as one plain line (`Error: User usr_1 already exists in organization org_1`).
struct CLIError: Error, CustomStringConvertible {
    let description: String

    init(_ error: LeadbaseError) {
        description =
            switch error {
            case .invalid(let message, let issues):
                ([message]
                    + issues.map { issue in
                        let path = issue.path.map { component in
                            switch component {
                            case .key(let key): key
                            case .index(let index): String(index)
                            }
                        }.joined(separator: ".")
                        return path.isEmpty ? issue.message : "\(path): \(issue.message)"
                    }).joined(separator: "; ")
            case .unauthorized(let message), .forbidden(let message), .notFound(let message), .conflict(let message): message
            }
    }
}
