import Foundation
import LeadbaseServer
import LeadbaseStore
import LeadbaseTestSupport

extension TestEnvironment {
    static let jwtSecret = "test-secret-of-at-least-thirty-two-bytes"

    /// A configuration on a database of the test's own (`databaseSettings()`), on an unused port,
    /// logging warnings, with HS256 JWTs signed by `jwtSecret`.
    static func configuration(_ adjust: (inout AppConfiguration) -> Void = { _ in }) async throws -> AppConfiguration {
        var configuration = try AppConfiguration.load(environment: [:])
        configuration.database = try await databaseSettings()
        configuration.indexDirectory = scratchPath("index-\(UUID().uuidString)")
        configuration.log.level = .warning
        configuration.http.port = 0
        configuration.jwt.hs256Secret = jwtSecret
        adjust(&configuration)
        return configuration
    }

    /// How many rows `table` holds now, read beside the application.
    static func rowCount(_ table: String, _ configuration: AppConfiguration) async throws -> Int? {
        try await rowCount(table, configuration.database)
    }

    /// Opens the application's database beside it, as an operator's CLI would; migrated unless
    /// `migrated` is false.
    static func withDatabase<T: Sendable>(
        _ configuration: AppConfiguration, migrated: Bool = true, _ body: (Database) async throws -> T
    ) async throws -> T {
        try await withDatabase(configuration.database, migrated: migrated, body)
    }
}
