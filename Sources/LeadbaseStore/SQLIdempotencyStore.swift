import Crypto
import Foundation
import LeadbaseCore
import SQLKit

/// One write request sent with an `Idempotency-Key`: whose key it is and what was asked.
public struct IdempotencyClaim: Sendable {
    public let organizationID: OrganizationID
    public let userID: UserID
    public let key: String
    /// SHA-256 of what was asked (method, path, query and body), hex: the same key sent with a
    /// different request is refused, not replayed.
    public let requestHash: String

    public init(identity: Identity, key: String, request parts: [[UInt8]]) {
        self.organizationID = identity.organizationID
        self.userID = identity.userID
        self.key = key
        var hasher = SHA256()
        for part in parts {
            // Each part with its length, so that no two different requests hash alike.
            withUnsafeBytes(of: UInt64(part.count).bigEndian) { hasher.update(bufferPointer: $0) }
            hasher.update(data: part)
        }
        self.requestHash = DirectoryDocuments.hex(hasher.finalize())
    }
}

/// An answer as kept for replays: its status, the headers its handler set, and its JSON body.
public struct RecordedAnswer: Sendable, Equatable {
    public let status: Int
    public let headers: [[String]]
    public let body: String

    public init(status: Int, headers: [[String]], body: String) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// What `SQLIdempotencyStore.once` did.
public enum IdempotencyOutcome: Sendable, Equatable {
    /// The write ran now, and its answer is kept.
    case answered(RecordedAnswer)
    /// The key was used before for the same request: its answer, and nothing written.
    case replayed(RecordedAnswer)
}

/// The key was used before, within its lifetime, for a different request.
public struct IdempotencyKeyReused: Error {}

/// Keeps the answers of writes sent with an `Idempotency-Key`, per organization, user and key,
/// for `lifetime`.
public struct SQLIdempotencyStore: Sendable {
    let database: Database

    /// How long a key's answer is replayed.
    public static let lifetime: TimeInterval = 24 * 60 * 60

    public init(database: Database) {
        self.database = database
    }

    /// Runs `write` once for `claim`'s key. The key's row is inserted first, in one unit of work
    /// (`Database.unitOfWork`) with everything `write` does and the recording of its answer: a
    /// second request with the key waits on that row (PostgreSQL's unique index; SQLite's write
    /// lock) until the first is committed, then replays its answer; if the first failed (threw),
    /// nothing of it remains, key included, and the second runs as if it were the first.
    /// A key used for another request is `IdempotencyKeyReused`.
    public func once(
        _ claim: IdempotencyClaim, now: Date = Date(), _ write: @escaping @Sendable () async throws -> RecordedAnswer
    ) async throws -> IdempotencyOutcome {
        try await database.unitOfWork { sql in
            let key = SQLGroupExpression([SQLBind(claim.organizationID), SQLBind(claim.userID), SQLBind(claim.key)])
            try await sql.raw(
                """
                DELETE FROM idempotency_keys
                WHERE (organization_id, user_id, key) = \(key) AND created_at < \(bind: now.addingTimeInterval(-Self.lifetime))
                """
            ).run()
            let claimed = try await sql.raw(
                """
                INSERT INTO idempotency_keys (organization_id, user_id, key, request_hash, status, headers, body, created_at)
                VALUES (\(bind: claim.organizationID), \(bind: claim.userID), \(bind: claim.key), \(bind: claim.requestHash),
                        0, '[]', '', \(bind: now))
                ON CONFLICT (organization_id, user_id, key) DO NOTHING
                RETURNING key
                """
            ).all()
            guard !claimed.isEmpty else {
                guard
                    let row = try await sql.raw(
                        """
                        SELECT request_hash, status, headers, body FROM idempotency_keys WHERE (organization_id, user_id, key) = \(key)
                        """
                    ).first()
                else { throw ConcurrentChange() }
                guard try row.decode(column: "request_hash", as: String.self) == claim.requestHash else { throw IdempotencyKeyReused() }
                return .replayed(
                    RecordedAnswer(
                        status: try row.decode(column: "status", as: Int.self),
                        headers: try JSONDecoder().decode(
                            [[String]].self, from: Data(try row.decode(column: "headers", as: String.self).utf8)),
                        body: try row.decode(column: "body", as: String.self)
                    ))
            }
            let answer = try await write()
            let headers = String(decoding: try JSONEncoder().encode(answer.headers), as: UTF8.self)
            try await sql.raw(
                """
                UPDATE idempotency_keys SET status = \(bind: answer.status), headers = \(bind: headers), body = \(bind: answer.body)
                WHERE (organization_id, user_id, key) = \(key)
                """
            ).run()
            return .answered(answer)
        }
    }

    /// Deletes every answer older than `lifetime`; returns how many.
    @discardableResult
    public func purge(now: Date = Date()) async throws -> Int {
        try await database.transaction { sql in
            try await sql.raw(
                """
                DELETE FROM idempotency_keys WHERE created_at < \(bind: now.addingTimeInterval(-Self.lifetime)) RETURNING key
                """
            ).all().count
        }
    }
}
