import Foundation
import LeadbaseCore
import LeadbaseStore
import LeadbaseTestSupport
import Testing

@Suite("Idempotency store")
struct IdempotencyStoreTests {
    @Test("a key is replayed for 24 hours; after that it is unused again, and the purge deletes it")
    func lifetime() async throws {
        let settings = try await TestEnvironment.databaseSettings()
        let tenant = try await TestEnvironment.withDatabase(settings) { try await Tenant.make(in: $0) }
        try await TestEnvironment.withDatabase(settings) { database in
            let store = SQLIdempotencyStore(database: database)
            let identity = Identity(organizationID: tenant.organization.id, userID: tenant.alice.user.id, role: .member)
            let first = IdempotencyClaim(identity: identity, key: "k", request: [Array("first".utf8)])
            let second = IdempotencyClaim(identity: identity, key: "k", request: [Array("second".utf8)])
            let start = Date()
            let answer = RecordedAnswer(status: 201, headers: [["Content-Type", "application/json"]], body: "{}")
            let answered = try await store.once(first, now: start) { answer }
            #expect(answered == .answered(answer))
            let almost = start.addingTimeInterval(SQLIdempotencyStore.lifetime - 1)
            let replayed = try await store.once(first, now: almost) { throw TestFailure("ran twice") }
            #expect(replayed == .replayed(answer))
            await #expect(throws: IdempotencyKeyReused.self) { try await store.once(second, now: almost) { answer } }
            #expect(try await store.purge(now: almost) == 0)
            let later = start.addingTimeInterval(SQLIdempotencyStore.lifetime + 1)
            let other = RecordedAnswer(status: 200, headers: [], body: "[]")
            let reused = try await store.once(second, now: later) { other }
            #expect(reused == .answered(other))
            #expect(try await store.purge(now: later.addingTimeInterval(SQLIdempotencyStore.lifetime + 1)) == 1)
        }
    }
}
