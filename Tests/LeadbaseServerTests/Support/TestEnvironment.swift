import Foundation
import LeadbaseCore
import LeadbaseServer
import LeadbaseStore
import Logging

/// Where the suite runs: SQLite in a fresh temporary folder per test (the default), or the
/// PostgreSQL server named by `LEADBASE_TEST_DATABASE_URL` (what `scripts/test.sh` starts).
enum TestEnvironment {
    static let jwtSecret = "test-secret-of-at-least-thirty-two-bytes"

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["LEADBASE_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A configuration on a database no other test writes to the same tenants of.
    /// On PostgreSQL tests share one database; each test makes its own organizations.
    static func configuration(_ adjust: (inout AppConfiguration) -> Void = { _ in }) -> AppConfiguration {
        var configuration = AppConfiguration()
        if let postgresURL {
            configuration.databaseURL = postgresURL
        } else {
            configuration.dataDirectory = FileManager.default.temporaryDirectory
                .appendingPathComponent("leadbase-tests-\(UUID().uuidString)").path
        }
        configuration.logLevel = .warning
        configuration.port = 0
        configuration.jwt.hs256Secret = jwtSecret
        adjust(&configuration)
        return configuration
    }

    /// Opens the test database beside the application, as an operator's CLI would.
    static func withDatabase<T: Sendable>(_ configuration: AppConfiguration, _ body: (Database) async throws -> T) async throws -> T {
        var logger = Logger(label: "leadbase-tests")
        logger.logLevel = .warning
        let database = try await Database.open(try configuration.databaseLocation(), logger: logger)
        do {
            try await Migrator(database: database).migrate()
            let result = try await body(database)
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }
}
