extension Migration {
    /// The organization's own copies of people and companies, made when they are added to a list
    /// ("tenant sync"). A copy keeps the global id and when it was synced; later directory changes
    /// do not rewrite it.
    static let createTenantRecords = Migration(version: 4, name: "create tenant records") { dialect in
        let types = ColumnTypes(dialect)
        return [
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
