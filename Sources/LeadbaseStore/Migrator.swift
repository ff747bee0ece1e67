import Foundation
import Logging
import SQLKit

/// Brings a database's schema up to date, safely when several processes start at once.
public struct Migrator: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Applies every pending migration (up to `newest`, for tests of an upgrade) in one transaction
    /// and returns the versions applied. On PostgreSQL an advisory lock on the schema being
    /// migrated serializes concurrent migrators of that schema (Leadbases in other schemas of the
    /// same database do not wait for each other); on SQLite the write lock does.
    @discardableResult
    public func migrate(upTo newest: Int = .max) async throws -> [Int] {
        let dialect = database.dialect
        let logger = database.logger
        return try await database.transaction { sql in
            if dialect == .postgres {
                try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.lockKey), hashtext(current_schema()))").run()
            }
            let types = ColumnTypes(dialect)
            try await sql.raw(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at \(unsafeRaw: types.timestamp) NOT NULL
                )
                """
            ).run()
            let applied = Set(
                try await sql.raw("SELECT version FROM schema_migrations").all().map {
                    try $0.decode(column: "version", as: Int.self)
                })
            if let newest = applied.max(), newest > (Migration.all.last?.version ?? 0) {
                throw MigrationError.databaseIsNewer(version: newest)
            }
            var ran: [Int] = []
            for migration in Migration.all where !applied.contains(migration.version) && migration.version <= newest {
                logger.info("Applying migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                for statement in migration.statements(dialect) {
                    try await sql.raw("\(unsafeRaw: statement)").run()
                }
                try await migration.backfill?(sql, dialect)
                try await sql.raw(
                    """
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Date()))
                    """
                ).run()
                ran.append(migration.version)
            }
            return ran
        }
    }

    /// An arbitrary constant ("LEAD") naming Leadbase's migration locks; the schema's hash is the
    /// lock's second key.
    static let lockKey: Int32 = 0x4C_45_41_44
}

/// Why migrations cannot run.
public enum MigrationError: Error, CustomStringConvertible {
    case databaseIsNewer(version: Int)

    public var description: String {
        switch self {
        case .databaseIsNewer(let version):
            "the database has schema version \(version), newer than this build of Leadbase knows; upgrade Leadbase"
        }
    }
}
