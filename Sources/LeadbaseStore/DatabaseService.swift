import Logging
import ServiceLifecycle

/// The database's part in a server's `ServiceGroup`, after the PostgreSQL client (which the group
/// runs as a service of its own): migrates the database once the group runs, then opens
/// `migrated`, which the server and every service that uses the database wait for; closes the
/// database at graceful shutdown, once the server has drained (the group stops its services in
/// the reverse of their order).
public struct DatabaseService: Service {
    public let database: Database
    public let migrated = Signal()

    public init(database: Database) {
        self.database = database
    }

    public func run() async throws {
        do {
            try await database.waitForClientStart()
            try await Migrator(database: database).migrate()
            migrated.finish(.success(()))
        } catch {
            migrated.finish(.failure(error))
            await database.close()
            throw error
        }
        try? await gracefulShutdown()
        await database.close()
        database.logger.info("Database closed")
    }
}
