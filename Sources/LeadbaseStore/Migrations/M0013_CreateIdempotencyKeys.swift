extension Migration {
    /// The answers of writes sent with an `Idempotency-Key`, kept 24 hours per organization, user
    /// and key so that a retry replays them (`SQLIdempotencyStore`). A row is written in the
    /// transaction of the write it answers, so it exists exactly when the write was committed.
    static let createIdempotencyKeys = Migration(version: 13, name: "create idempotency keys") { dialect in
        let types = ColumnTypes(dialect)
        return [
            """
            CREATE TABLE idempotency_keys (
                organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
                user_id TEXT NOT NULL,
                key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                status INTEGER NOT NULL,
                headers TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at \(types.timestamp) NOT NULL,
                PRIMARY KEY (organization_id, user_id, key)
            )
            """,
            "CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at)",
        ]
    }
}
