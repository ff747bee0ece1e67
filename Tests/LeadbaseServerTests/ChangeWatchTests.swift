import Foundation
import LeadbaseCore
import LeadbaseSeed
import LeadbaseTestSupport
import SQLKit
import Testing

@testable import LeadbaseStore

/// Identities and the directory revision are kept in memory (`ChangeWatch`): these tests show
/// that they are (the second lookup is not a read), and that a change made by another connection,
/// as the CLI in another process makes it, reaches them.
@Suite("Change watch")
struct ChangeWatchTests {
    /// How long a change made elsewhere may take to be known: on SQLite none (the next lookup
    /// reads `data_version`); on PostgreSQL the notification's delivery.
    static let delivery: Duration = TestEnvironment.postgresURL == nil ? .zero : .seconds(5)

    /// A database with its watch running, as a server runs it, and a second one on the same data,
    /// as another process opens it.
    static func withWatchedDatabase(_ body: @escaping @Sendable (Database, Database) async throws -> Void) async throws {
        let settings = try await TestEnvironment.databaseSettings()
        try await TestEnvironment.withDatabase(settings) { database in
            try await TestEnvironment.withDatabase(settings, migrated: false) { other in
                let watch = Task { await database.watchChanges() }
                defer { watch.cancel() }
                try await eventually("the watch listens", within: .seconds(10)) {
                    await database.changes.generation(of: .identities) != nil
                }
                try await body(database, other)
            }
        }
    }

    /// Waits until `condition` holds, for at most `limit`; a zero limit asks it once.
    static func eventually(
        _ what: String, within limit: Duration, _ condition: @Sendable () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + limit
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw TestFailure("not within \(limit): \(what)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    @Test("a token's identity is kept until another process revokes it, and only that token stops working")
    func revocationElsewhere() async throws {
        try await Self.withWatchedDatabase { database, other in
            let tenant = try await Tenant.make(in: database)
            let accounts = SQLAccountStore(database: database)
            let issued = try await accounts.createToken(for: tenant.alice.user)
            #expect(try await accounts.identity(forToken: issued.token)?.userID == tenant.alice.user.id)
            #expect(try await accounts.identity(forToken: tenant.alice.token)?.userID == tenant.alice.user.id)
            let before = accounts.identities.hits
            #expect(try await accounts.identity(forToken: issued.token)?.userID == tenant.alice.user.id)
            #expect(accounts.identities.hits == before + 1, "the second lookup is answered from memory")

            #expect(try await SQLAccountStore(database: other).revokeToken(id: issued.id))
            try await Self.eventually("the revoked token is refused", within: Self.delivery) {
                try await accounts.identity(forToken: issued.token) == nil
            }
            #expect(try await accounts.identity(forToken: tenant.alice.token)?.userID == tenant.alice.user.id)
            #expect(try await accounts.identity(forToken: "lb_never-issued") == nil)
        }
    }

    @Test("a token revoked by this process is refused at its next use")
    func revocationHere() async throws {
        try await Self.withWatchedDatabase { database, _ in
            let tenant = try await Tenant.make(in: database)
            let accounts = SQLAccountStore(database: database)
            let issued = try await accounts.createToken(for: tenant.bob.user)
            for _ in 0..<2 { #expect(try await accounts.identity(forToken: issued.token) != nil) }
            #expect(try await accounts.revokeToken(id: issued.id))
            #expect(try await accounts.identity(forToken: issued.token) == nil)
        }
    }

    @Test("a user's changed role reaches the identity of every token of theirs")
    func roleChange() async throws {
        try await Self.withWatchedDatabase { database, other in
            let tenant = try await Tenant.make(in: database)
            let accounts = SQLAccountStore(database: database)
            for _ in 0..<2 { #expect(try await accounts.identity(forToken: tenant.bob.token)?.role == .member) }
            try await other.transaction { sql in
                try await sql.raw(
                    "UPDATE users SET role = 'admin' WHERE organization_id = \(bind: tenant.organization.id) AND id = \(bind: tenant.bob.user.id)"
                ).run()
            }
            try await Self.eventually("the new role is seen", within: Self.delivery) {
                try await accounts.identity(forToken: tenant.bob.token)?.role == .admin
            }
        }
    }

    @Test("the directory revision is kept until a directory write commits, here or elsewhere")
    func directoryRevision() async throws {
        try await Self.withWatchedDatabase { database, other in
            let start = try await DirectoryRevision.current(in: database)
            let before = database.revisions.hits
            #expect(try await DirectoryRevision.current(in: database) == start)
            #expect(database.revisions.hits == before + 1, "the second read is answered from memory")

            _ = try await SQLDirectoryStore(database: other).upsert(people: [Person(id: UUID(), firstName: "Ely", lastName: "Where")])
            try await Self.eventually("another process's write is seen", within: Self.delivery) {
                try await DirectoryRevision.current(in: database) > start
            }
            let seen = try await DirectoryRevision.current(in: database)
            _ = try await SQLDirectoryStore(database: database).upsert(people: [Person(id: UUID(), firstName: "Here", lastName: "Now")])
            #expect(try await DirectoryRevision.current(in: database) > seen, "this process's write is seen at once")
        }
    }

    @Test(
        "a lost listening connection stops the caching until listening resumes (PostgreSQL)",
        .enabled(if: TestEnvironment.postgresURL != nil))
    func lostListener() async throws {
        try await Self.withWatchedDatabase { database, other in
            let tenant = try await Tenant.make(in: database)
            let accounts = SQLAccountStore(database: database)
            let issued = try await accounts.createToken(for: tenant.alice.user)
            for _ in 0..<2 { #expect(try await accounts.identity(forToken: issued.token) != nil) }
            let listener = try #require(database.changes.listener)
            let ended = try await other.withSession { sql in
                try await sql.raw("SELECT pg_terminate_backend(\(bind: listener)) AS ended").first()?.decode(column: "ended", as: Bool.self)
            }
            #expect(ended == true)
            try await Self.eventually("the loss is noticed", within: .seconds(5)) {
                await database.changes.generation(of: .identities) == nil
            }
            // A change made while nobody listens is still seen...
            try await other.transaction { sql in
                try await sql.raw("UPDATE api_tokens SET revoked_at = \(bind: Date()) WHERE id = \(bind: issued.id)").run()
            }
            #expect(try await accounts.identity(forToken: issued.token) == nil)
            // ...and caching resumes with the next connection.
            try await Self.eventually("listening resumes", within: .seconds(10)) {
                await database.changes.generation(of: .identities) != nil
            }
            for _ in 0..<2 { _ = try await accounts.identity(forToken: tenant.alice.token) }
            let before = accounts.identities.hits
            #expect(try await accounts.identity(forToken: tenant.alice.token) != nil)
            #expect(accounts.identities.hits == before + 1)
        }
    }
}
