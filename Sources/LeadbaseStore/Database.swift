// AsyncKit predates strict concurrency: its EventLoopGroupConnectionPool is thread-safe (its state
// sits behind a lock and each per-loop pool runs on its own event loop) but is not marked Sendable.
@preconcurrency import AsyncKit
import Foundation
import LeadbaseCore
import LeadbaseJSON
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLiteKit

/// An open database: a connection pool and the way to run work on one connection, with or without
/// a transaction. Services never see which engine is behind it.
public final class Database: Sendable {
    public let dialect: SQLDialectKind
    public let location: DatabaseLocation
    private let backend: Backend
    public let logger: Logger
    /// Serializes SQLite write transactions inside this process (see `WriteLock`).
    private let writeLock = WriteLock()
    /// What tells this process's caches that the database changed under them.
    let changes: ChangeWatch
    /// The directory revision (`DirectoryRevision.current`), kept while it does not change.
    let revisions: ChangeCache<Int, Int64>

    private enum Backend: Sendable {
        case sqlite(EventLoopGroupConnectionPool<SQLiteSessionSource>)
        /// The client, and the task that runs it; nil when a service group runs it (`openForServiceGroup`).
        case postgres(PostgresClient, Task<Void, Never>?)
    }

    /// Opens a pool for `location`, ready to use, for a command or a test: the PostgreSQL client
    /// runs on a task of its own until `close()`. SQLite files (and their folder) are created
    /// when missing.
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> Database {
        guard case .postgres(let settings) = location else { return try await openForServiceGroup(location, logger: logger).0 }
        let client = settings.client(logger: logger)
        let task = Task { await client.run() }
        let running = Database(
            dialect: .postgres, location: location, backend: .postgres(client, task), changes: ChangeWatch(dataVersionOn: nil),
            logger: logger)
        do {
            try await running.waitForClientStart()
            try await running.ping()
        } catch {
            await running.close()
            throw error
        }
        return running
    }

    /// Gives a PostgreSQL client that was just started a moment to enter its `run()`: a lease
    /// before that works but logs a warning, and the client has no way to tell that it runs.
    /// Nothing on SQLite.
    public func waitForClientStart() async throws {
        guard dialect == .postgres else { return }
        try await Task.sleep(for: .milliseconds(20))
    }

    /// Opens a pool for `location` whose PostgreSQL client (returned; nil on SQLite) the caller
    /// runs as a service of its `ServiceGroup`, ahead of every service that uses the database.
    /// Nothing is connected until the client runs; the group stops it at graceful shutdown.
    public static func openForServiceGroup(_ location: DatabaseLocation, logger: Logger) async throws -> (Database, PostgresClient?) {
        switch location {
        case .sqlite(let path):
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true
            )
            let pool = EventLoopGroupConnectionPool(
                source: SQLiteSessionSource(base: SQLiteConnectionSource(configuration: .init(storage: .file(path: path)))),
                maxConnectionsPerEventLoop: 4,
                requestTimeout: .seconds(30),
                pruneInterval: nil,
                logger: logger,
                on: MultiThreadedEventLoopGroup.singleton
            )
            let versions = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            let database = Database(
                dialect: .sqlite, location: location, backend: .sqlite(pool), changes: ChangeWatch(dataVersionOn: versions), logger: logger)
            // WAL lets readers (the server) and a writer (a CLI command) share the file.
            try await database.withSession { try await $0.raw("PRAGMA journal_mode = WAL").run() }
            return (database, nil)
        case .postgres(let settings):
            let client = settings.client(logger: logger)
            return (
                Database(
                    dialect: .postgres, location: location, backend: .postgres(client, nil), changes: ChangeWatch(dataVersionOn: nil),
                    logger: logger), client
            )
        }
    }

    private init(dialect: SQLDialectKind, location: DatabaseLocation, backend: Backend, changes: ChangeWatch, logger: Logger) {
        self.dialect = dialect
        self.location = location
        self.backend = backend
        self.logger = logger
        self.changes = changes
        revisions = ChangeCache("directory_revision", on: .directory, of: changes, capacity: 1)
    }

    /// Runs `body` on one pooled connection; inside a unit of work (`unitOfWork`), on its
    /// connection, in its transaction.
    public func withSession<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let joined = joinedUnitOfWork { return try await body(joined) }
        // Read here: the SQLite body runs on a task of its own, outside this one's task-locals.
        let logger = sessionLogger
        switch backend {
        case .sqlite(let pool):
            return try await pool.withConnection(logger: logger) { connection in
                connection.eventLoop.makeFutureWithTask { try await body(connection.logging(to: logger).sql()) }
            }.get()
        case .postgres(let client, _):
            return try await client.withConnection { connection in try await body(connection.logging(to: logger).sql()) }
        }
    }

    /// The logger of the request being served, if any (`RequestLogMiddleware` sets it): the SQL
    /// run on its behalf is logged there, with its request id.
    @TaskLocal public static var requestLogger: Logger?

    /// Where a session's SQL is logged: the request's logger, else the database's.
    private var sessionLogger: Logger { Self.requestLogger ?? logger }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// Every write goes through here. On SQLite, write transactions of this process take turns
    /// (`WriteLock`) and take SQLite's write lock at the start (`BEGIN IMMEDIATE`), so writers queue
    /// instead of failing on a lock upgrade. A transaction the database refused in a way that
    /// another try can pass (`isRetryable`) is run again, so `body` must not act outside it.
    /// With `rollingBack`, a transaction that succeeds is rolled back all the same: a dry run,
    /// which answers what the write would do now and leaves nothing behind.
    /// Inside a unit of work (`unitOfWork`), `body` runs in its transaction instead, and a
    /// refusal is tried again by the unit as a whole; `rollingBack` then rolls back to a savepoint.
    public func transaction<T: Sendable>(
        rollingBack: Bool = false, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        if let joined = joinedUnitOfWork {
            guard rollingBack else { return try await body(joined) }
            let undo = "ROLLBACK TO SAVEPOINT dry_run"
            return try await Self.run(begin: "SAVEPOINT dry_run", end: undo, abort: undo, on: joined, body)
        }
        let end = rollingBack ? "ROLLBACK" : "COMMIT"
        return try await Self.retrying {
            switch self.backend {
            case .sqlite:
                try await self.writeLock.withLock { try await self.runTransaction(begin: "BEGIN IMMEDIATE", end: end, body) }
            case .postgres where rollingBack:
                try await self.runTransaction(begin: "BEGIN", end: end, body)
            case .postgres(let client, _):
                try await self.postgresTransaction(on: client) { sql, _ in try await body(sql) }
            }
        }
    }

    /// The driver's transaction (`BEGIN`, then `COMMIT`, or `ROLLBACK` when `body` throws), with
    /// the error that ended it as it was thrown rather than wrapped, so that callers see a
    /// refusal or their own error. `body` gets the session and its connection.
    private func postgresTransaction<T: Sendable>(
        on client: PostgresClient, _ body: @escaping @Sendable (any SQLDatabase, PostgresConnection) async throws -> T
    ) async throws -> T {
        let logger = sessionLogger
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await body(connection.logging(to: logger).sql(), connection)
            }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.commitError ?? error.beginError ?? error
        }
    }

    /// Runs `body` in one transaction that every `transaction` and `withSession` of this database
    /// called inside it (by the same task or its child tasks) joins: a request's writes and the
    /// record of its answer (`SQLIdempotencyStore`) commit together or not at all, on one
    /// connection. A retryable refusal runs the whole of `body` again.
    public func unitOfWork<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let joined = joinedUnitOfWork { return try await body(joined) }
        return try await transaction { sql in
            try await Self.$unitOfWork.withValue(UnitOfWork(database: ObjectIdentifier(self), session: sql)) {
                try await body(sql)
            }
        }
    }

    /// The unit of work the current task runs in, if any.
    @TaskLocal private static var unitOfWork: UnitOfWork?

    private struct UnitOfWork: Sendable {
        let database: ObjectIdentifier
        let session: any SQLDatabase
    }

    /// The session of the unit of work the current task runs in on this database.
    private var joinedUnitOfWork: (any SQLDatabase)? {
        guard let unit = Self.unitOfWork, unit.database == ObjectIdentifier(self) else { return nil }
        return unit.session
    }

    /// Listens for the notifications of changes (`ChangeWatch`) until cancelled, connecting again
    /// a second after a lost connection; nothing on SQLite, whose watch needs no listener. Caches
    /// are used only while this runs and listens.
    public func watchChanges() async {
        guard case .postgres(let client, _) = backend else { return }
        let changes = changes
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    let row = try await connection.sql().raw("SELECT pg_backend_pid() AS pid, current_schema() AS schema").first()
                    let schema = try row?.decode(column: "schema", as: String.self) ?? "public"
                    changes.listener = try row?.decode(column: "pid", as: Int32.self)
                    defer { changes.listener = nil }
                    try await connection.listen(on: ChangeWatch.channel) { notifications in
                        changes.watching(true)
                        for try await notification in notifications { changes.notified(notification.payload, schema: schema) }
                    }
                }
            } catch  where !Task.isCancelled {
                logger.warning(
                    "Listening for changes failed; caches are off until it resumes", metadata: ["error": "\(String(reflecting: error))"])
            } catch {}
            changes.watching(false)
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// How many times `transaction` tries a write that the database refused for a retryable reason.
    static let attempts = 5

    /// Runs `work` again (after a short random pause, growing with each try) while it fails with
    /// an error that `isRetryable` accepts, up to `attempts` times in all.
    static func retrying<T>(_ work: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await work()
            } catch  where isRetryable(error) && attempt < attempts {
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...5) * attempt))
                attempt += 1
            }
        }
    }

    /// Whether a failed transaction may pass when tried again: PostgreSQL picked it to give way
    /// in a deadlock (`40P01`) or refused it as not serializable (`40001`), or it met a
    /// concurrent change its plan did not allow for (`ConcurrentChange`). Nothing of it remains.
    static func isRetryable(_ error: any Error) -> Bool {
        if error is ConcurrentChange { return true }
        if let error = error as? PSQLError { return ["40P01", "40001"].contains(error.serverInfo?[.sqlState]) }
        return false
    }

    /// Runs `body` in a read-only transaction that sees one snapshot of the database throughout
    /// (PostgreSQL: `REPEATABLE READ`; SQLite in WAL mode: from its first read), so that what it
    /// reads in several statements agrees.
    func snapshotRead<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let begin = dialect == .postgres ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN"
        return try await withSession { sql in try await Self.run(begin: begin, on: sql, body) }
    }

    /// `transaction`, with a way to load rows by `COPY` on PostgreSQL (nil on SQLite).
    func transaction<T: Sendable>(
        copying body: @escaping @Sendable (any SQLDatabase, RowCopier?) async throws -> T
    ) async throws -> T {
        switch backend {
        case .sqlite:
            try await transaction { sql in try await body(sql, nil) }
        case .postgres(let client, _):
            try await postgresTransaction(on: client) { sql, connection in
                try await body(sql, RowCopier(connection: connection, logger: self.sessionLogger))
            }
        }
    }

    private func runTransaction<T: Sendable>(
        begin: String, end: String = "COMMIT", _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await withSession { database in try await Self.run(begin: begin, end: end, on: database, body) }
    }

    private static func run<T: Sendable>(
        begin: String, end: String = "COMMIT", abort: String = "ROLLBACK", on database: any SQLDatabase,
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await database.raw("\(unsafeRaw: begin)").run()
        do {
            let result = try await body(database)
            try await database.raw("\(unsafeRaw: end)").run()
            return result
        } catch {
            try? await database.raw("\(unsafeRaw: abort)").run()
            throw error
        }
    }

    /// Whether `error` is a statement refused because a row it references does not exist.
    static func isForeignKeyViolation(_ error: any Error) -> Bool {
        if let error = error as? PSQLError { return error.serverInfo?[.sqlState] == "23503" }
        if let error = error as? SQLiteError { return error.reason == .constraintForeignKeyFailed }
        return false
    }

    /// Whether `error` is a write refused because of another writer's: a unique index already
    /// holds one of its keys, or (PostgreSQL) two transactions waited for each other's rows and
    /// this one was chosen to give way. Nothing of the transaction remains; it may be tried again.
    static func isWriteConflict(_ error: any Error) -> Bool {
        if let error = error as? PSQLError { return ["23505", "40P01"].contains(error.serverInfo?[.sqlState]) }
        if let error = error as? SQLiteError { return error.reason == .constraintUniqueFailed }
        return false
    }

    /// A list of strings bound for a `textList` column: an array on PostgreSQL, JSON on SQLite.
    func listBind(_ values: [String]) -> any Encodable & Sendable {
        dialect.listBind(values)
    }

    /// A `textList` column of a row, as `listBind` wrote it.
    func decodeList(_ row: any SQLRow, column: String) throws -> [String] {
        switch dialect {
        case .postgres:
            return try row.decode(column: column, as: [String].self)
        case .sqlite:
            let json = try row.decode(column: column, as: String.self)
            guard case .array(let items) = try JSONValue.parse(json.utf8) else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(column) is not a JSON array"))
            }
            return try items.map { item in
                guard case .string(let value) = item else {
                    throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(column) holds a non-string"))
                }
                return value
            }
        }
    }

    /// Answers whether the database takes queries (readiness).
    public func ping() async throws {
        try await withSession { try await $0.raw("SELECT 1").run() }
    }

    /// Closes every connection. Call once, when nothing uses the database any more. (A client
    /// that a service group runs stops with the group.)
    public func close() async {
        await changes.close()
        switch backend {
        case .sqlite(let pool):
            try? await pool.shutdownAsync()
        case .postgres(_, let task):
            task?.cancel()
            await task?.value
        }
    }
}

extension PostgresSettings {
    /// A client for this server; nothing connects until it runs.
    func client(logger: Logger) -> PostgresClient {
        PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
    }

    var clientConfiguration: PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let unixSocketPath {
            configuration = .init(unixSocketPath: unixSocketPath, username: username, password: password, database: database)
        } else {
            let tlsConfiguration: PostgresClient.Configuration.TLS =
                switch tls {
                case .disable: .disable
                case .prefer: .prefer(.makeClientConfiguration())
                case .require: .require(.makeClientConfiguration())
                }
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: tlsConfiguration)
        }
        configuration.options.maximumConnections = 20
        if let searchPath {
            configuration.options.additionalStartupParameters = [("search_path", searchPath)]
        }
        return configuration
    }
}

/// A transaction's plan no longer holds: it read the database, and another writer changed what it
/// read before it wrote (for one, it planned to create a record that another request created
/// meanwhile). Thrown inside a transaction, it rolls it back and `Database.transaction` runs it
/// again, reading afresh.
struct ConcurrentChange: Error {}
