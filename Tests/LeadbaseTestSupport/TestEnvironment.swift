import Configuration
import Foundation
import LeadbaseStore
import Logging
import SQLKit

/// Where the suites run: SQLite in a fresh temporary folder per test (the default), or the
/// PostgreSQL server named by `LEADBASE_TEST_DATABASE_URL` (what `scripts/test.sh` starts).
/// The server suite adds its application's configuration (`TestEnvironment.configuration`).
public enum TestEnvironment {
    /// Where the tests write files (SQLite databases, import files, keys): one folder per test
    /// process, removed when the process exits, so that runs leave nothing behind.
    public static let scratch: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadbase-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestEnvironment.scratch) }
        return folder
    }()

    /// A path named `name` in `scratch`.
    public static func scratchPath(_ name: String) -> String {
        scratch.appendingPathComponent(name).path
    }

    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["LEADBASE_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A database of the test's own: on PostgreSQL a new schema in the shared test database (see
    /// `freshSchema`), on SQLite a new file.
    public static func databaseSettings() async throws -> DatabaseSettings {
        var settings = try DatabaseSettings(reader: ConfigReader(settings: DatabaseSettings.keys, environment: [:]))
        if let postgresURL {
            settings.url = try await freshSchema(in: postgresURL)
        } else {
            settings.dataDirectory = scratchPath("database-\(UUID().uuidString)")
        }
        return settings
    }

    /// Creates an empty schema and returns the URL that works in it. `pg_trgm` lives in `public`
    /// (`scripts/with-postgres.sh` installs it), which stays on the search path.
    public static func freshSchema(in url: String) async throws -> String {
        let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let database = try await open(try DatabaseLocation(url: url))
        do {
            try await database.withSession { try await $0.raw("CREATE SCHEMA \(ident: schema)").run() }
            await database.close()
        } catch {
            await database.close()
            throw error
        }
        return url + (url.contains("?") ? "&" : "?") + "search_path=\(schema),public"
    }

    /// Opens a database, logging only what the tests should see (`logLevel`).
    public static func open(_ location: DatabaseLocation, logLevel: Logger.Level = .warning) async throws -> Database {
        var logger = Logger(label: "leadbase-tests")
        logger.logLevel = logLevel
        return try await Database.open(location, logger: logger)
    }

    /// How many rows `table` holds now, read beside the application.
    public static func rowCount(_ table: String, _ settings: DatabaseSettings) async throws -> Int? {
        try await withDatabase(settings) { database in
            try await database.withSession {
                try await $0.raw("SELECT count(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self)
            }
        }
    }

    /// Opens the test database beside the application, as an operator's CLI would; migrated
    /// unless `migrated` is false.
    public static func withDatabase<T: Sendable>(
        _ settings: DatabaseSettings, migrated: Bool = true, _ body: (Database) async throws -> T
    ) async throws -> T {
        let database = try await open(try settings.location())
        do {
            if migrated { try await Migrator(database: database).migrate() }
            let result = try await body(database)
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }
}

/// A test's own failure, thrown where a step must not be reached.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
