extension Migration {
    /// Organizations, their users and the users' API tokens.
    static let createAccounts = Migration(version: 1, name: "create accounts") { dialect in
        let types = ColumnTypes(dialect)
        return [
            """
            CREATE TABLE organizations (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                created_at \(types.timestamp) NOT NULL
            )
            """,
            """
            CREATE TABLE users (
                organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
                id TEXT NOT NULL,
                name TEXT NOT NULL,
                email TEXT,
                role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
                created_at \(types.timestamp) NOT NULL,
                PRIMARY KEY (organization_id, id)
            )
            """,
            "CREATE INDEX users_by_id ON users (id)",
            """
            CREATE TABLE api_tokens (
                organization_id TEXT NOT NULL,
                id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                token_hash TEXT NOT NULL,
                created_at \(types.timestamp) NOT NULL,
                revoked_at \(types.timestamp),
                PRIMARY KEY (organization_id, id),
                FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
            )
            """,
            "CREATE UNIQUE INDEX api_tokens_by_hash ON api_tokens (token_hash)",
            "CREATE UNIQUE INDEX api_tokens_by_id ON api_tokens (id)",
        ]
    }
}
