import Foundation
import LeadbaseCore
import SQLKit

/// The directory's revision, a counter (`M0006`) raised by every write that changes a record, and
/// what each written row is stamped with (its `revision` column, `M0007`), so that a search index
/// can tell whether it is current and read only the rows written since it was loaded.
///
/// On SQLite (one writer at a time) a write raises the counter first and stamps its rows with the
/// new value: the rows written after a revision are those stamped above it.
///
/// On PostgreSQL writers run side by side (the importer writes two batches at once): a write
/// stamps its rows with its own transaction id and raises the counter last, just before it
/// commits, so the counter's row lock is held only while committing. Transactions commit in any
/// order, so "stamped above n" would miss a slow writer's rows; a reader instead keeps the
/// snapshot it read at (`pg_current_snapshot()`, read in the same statement as the counter), and
/// the rows written since are those whose transaction that snapshot does not show. Rows stamped
/// by the counter before this scheme hold values below any later snapshot's oldest transaction
/// (every raise used a transaction id of its own), so they count as old, as they are.
enum DirectoryRevision {
    /// The counter: a search index is current while it is unchanged.
    static func current(_ sql: any SQLDatabase) async throws -> Int64 {
        try await sql.raw("SELECT revision FROM directory_revision WHERE id = 1").first()?.decode(column: "revision", as: Int64.self) ?? 0
    }

    /// The counter as this process knows it: kept in memory (`Database.revisions`) while no
    /// change to it is known (`ChangeWatch`), else read.
    static func current(in database: Database) async throws -> Int64 {
        try await database.revisions.value(1) { try await database.withSession { try await current($0) } } ?? 0
    }

    /// The random id of this database's directory (migration 19), which index files record.
    static func instance(_ sql: any SQLDatabase) async throws -> String {
        try await sql.raw("SELECT instance FROM directory_revision WHERE id = 1").first()?.decode(column: "instance", as: String.self) ?? ""
    }

    /// Where the directory stands, for a reader about to read it.
    static func position(_ sql: any SQLDatabase, _ dialect: SQLDialectKind) async throws -> DirectoryPosition {
        guard dialect == .postgres else { return DirectoryPosition(revision: try await current(sql), snapshot: nil) }
        let row = try await sql.raw("SELECT revision, pg_current_snapshot()::text AS snapshot FROM directory_revision WHERE id = 1").first()
        return DirectoryPosition(
            revision: try row?.decode(column: "revision", as: Int64.self) ?? 0,
            snapshot: try row?.decode(column: "snapshot", as: String.self))
    }

    /// What the caller's transaction stamps its rows with: on PostgreSQL its transaction id, on
    /// SQLite the counter, raised.
    static func stamp(_ sql: any SQLDatabase, _ dialect: SQLDialectKind) async throws -> Int64 {
        guard dialect == .postgres else { return try await raise(sql) }
        let row = try await sql.raw("SELECT pg_current_xact_id()::text::bigint AS stamp").first()
        return try row?.decode(column: "stamp", as: Int64.self) ?? 0
    }

    /// Ends a write that stamped rows: on PostgreSQL the counter is raised now, as the last
    /// statement before the commit (its row stays locked until then); SQLite's `stamp` raised it.
    static func publish(_ sql: any SQLDatabase, _ dialect: SQLDialectKind) async throws {
        if dialect == .postgres { _ = try await raise(sql) }
    }

    private static func raise(_ sql: any SQLDatabase) async throws -> Int64 {
        guard let row = try await sql.raw("UPDATE directory_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision").first()
        else {
            throw DecodingError.valueNotFound(Int64.self, .init(codingPath: [], debugDescription: "directory_revision has no row"))
        }
        return try row.decode(column: "revision", as: Int64.self)
    }
}

/// Where the directory stood when a search index began to read it: the revision counter and, on
/// PostgreSQL, the snapshot (see `DirectoryRevision`).
struct DirectoryPosition: Sendable, Equatable {
    let revision: Int64
    /// `pg_current_snapshot()` as text: `xmin:xmax:xip,…`.
    let snapshot: String?

    /// The condition on a directory table's rows written after this position; the revision index
    /// finds them (on PostgreSQL, those stamped at or above the snapshot's oldest running
    /// transaction, then those it does not show).
    var writtenSince: SQLQueryString {
        guard let snapshot, let xmin = snapshot.split(separator: ":").first.flatMap({ Int64($0) }) else {
            return "revision > \(bind: revision)"
        }
        return "revision >= \(bind: xmin) AND NOT pg_visible_in_snapshot(revision::text::xid8, \(bind: snapshot)::pg_snapshot)"
    }
}
