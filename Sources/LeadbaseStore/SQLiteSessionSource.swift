@preconcurrency import AsyncKit
import Logging
import NIOCore
import SQLiteKit

/// SQLite connections for the pool, each set up once as it opens (rather than before every
/// session): SQLiteKit's own source, which turns foreign keys on, then the settings below.
struct SQLiteSessionSource: ConnectionPoolSource {
    let base: SQLiteConnectionSource

    /// How long a statement waits for another process's writer before it fails. (SQLiteNIO's
    /// default busy handler would wait forever, on a pool thread.)
    static let busyTimeoutMilliseconds = 10_000

    /// Each connection's page cache, in KiB (SQLite's default is 2000). A write transaction whose
    /// dirty pages outgrow the cache spills them to the WAL before it commits, as linking 1000
    /// people who are in many lists did (bench/README.md, "Figures behind the code's choices").
    /// The pool holds at most 8 connections.
    static let cacheKiB = 8192

    /// The pragmas, in order. `temp_store = MEMORY` keeps statement journals (the undo of one
    /// statement inside a transaction) and sorts in memory, not in temporary files.
    static let pragmas = [
        "PRAGMA busy_timeout = \(busyTimeoutMilliseconds)", "PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -\(cacheKiB)",
    ]

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        base.makeConnection(logger: logger, on: eventLoop).flatMap { connection in
            Self.pragmas.reduce(eventLoop.makeSucceededVoidFuture()) { done, pragma in
                done.flatMap { connection.query(pragma).map { _ in } }
            }
            .flatMapError { error in connection.close().flatMapThrowing { throw error } }
            .map { connection }
        }
    }
}
