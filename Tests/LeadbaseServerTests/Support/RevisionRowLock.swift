import Foundation
import LeadbaseCore
import SQLKit

@testable import LeadbaseStore

/// Directory writes held open on PostgreSQL: while the directory revision's row is held, every
/// directory write stops at its last statement (`DirectoryRevision.publish`), its rows written
/// but not committed.
struct RevisionRowLock {
    private let release: AsyncStream<Void>.Continuation
    private let holder: Task<Void, any Error>

    static func take(in database: Database) async throws -> RevisionRowLock {
        let (held, holding) = AsyncStream.makeStream(of: Void.self)
        let (released, release) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await database.transaction { sql in
                try await sql.raw("SELECT revision FROM directory_revision WHERE id = 1 FOR UPDATE").run()
                holding.yield()
                for await _ in released {}
            }
        }
        for await _ in held { break }
        return RevisionRowLock(release: release, holder: holder)
    }

    /// Starts upserting `people` and waits (up to 5 s) until the write waits for the held row, its
    /// rows written but not committed; answers the write and whether it got there.
    func write(_ people: [Person], in database: Database) async throws -> (write: Task<UpsertOutcome, any Error>, waiting: Bool) {
        let write = Task { try await SQLDirectoryStore(database: database).upsert(people: people) }
        let waiting = try await Self.waitUntil(
            """
            SELECT count(*) AS n FROM pg_locks WHERE locktype = 'tuple' AND relation = 'directory_revision'::regclass
            """, in: database)
        return (write, waiting)
    }

    /// Ends the holding transaction: the writes that waited commit.
    func release() async throws {
        release.finish()
        try await holder.value
    }

    /// Waits up to 5 s until `query`, a count named `n`, is above zero; answers whether it was.
    static func waitUntil(_ query: SQLQueryString, in database: Database) async throws -> Bool {
        for _ in 0..<500 {
            let count = try await database.withSession { sql in
                try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
            }
            if count > 0 { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}
