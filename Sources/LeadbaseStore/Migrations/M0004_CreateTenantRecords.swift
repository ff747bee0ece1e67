extension Migration {
    /// The organization's own copies of people and companies, made when they are added to a list
    /// ("tenant sync"). A copy keeps the global id and when it was synced; later directory changes
    /// do not rewrite it.
    static let createTenantRecords = Migration(version: 4, name: "create tenant records") { dialect in
        let types = ColumnTypes(dialect)
        // Direct prospect data is matched by e-mail: a GIN index on PostgreSQL (SQLite reads the JSON).
        let emailIndex = dialect == .postgres ? ["CREATE INDEX tenant_people_by_email ON tenant_people USING GIN (email_keys)"] : []
        return base(types) + emailIndex
    }

    private static func base(_ types: ColumnTypes) -> [String] {
        [
            """
            CREATE TABLE tenant_companies (
                organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
                id \(types.uuid) NOT NULL,
                doc TEXT NOT NULL,
                synced_at \(types.timestamp),
                created_at \(types.timestamp) NOT NULL,
                updated_at \(types.timestamp) NOT NULL,
                PRIMARY KEY (organization_id, id)
            )
            """,
            """
            CREATE TABLE tenant_people (
                organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
                id \(types.uuid) NOT NULL,
                doc TEXT NOT NULL,
                company_id \(types.uuid),
                linkedin_key TEXT,
                email_keys \(types.textList),
                synced_at \(types.timestamp),
                created_at \(types.timestamp) NOT NULL,
                updated_at \(types.timestamp) NOT NULL,
                PRIMARY KEY (organization_id, id)
            )
            """,
            "CREATE INDEX tenant_people_by_linkedin ON tenant_people (organization_id, linkedin_key)",
        ]
    }
}
