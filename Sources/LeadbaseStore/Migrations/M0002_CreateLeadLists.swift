extension Migration {
    /// Lead lists, who may use them, and their person and company members.
    static let createLeadLists = Migration(version: 2, name: "create lead lists") { dialect in
        let types = ColumnTypes(dialect)
        return [
            """
            CREATE TABLE lead_lists (
                organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
                id \(types.uuid) NOT NULL,
                name TEXT NOT NULL,
                type TEXT NOT NULL CHECK (type IN ('person', 'company')),
                icp_id \(types.uuid),
                start_date \(types.timestamp),
                end_date \(types.timestamp),
                created_by TEXT NOT NULL,
                created_at \(types.timestamp) NOT NULL,
                updated_at \(types.timestamp) NOT NULL,
                PRIMARY KEY (organization_id, id)
            )
            """,
            "CREATE INDEX lead_lists_by_creation ON lead_lists (organization_id, created_at)",
            """
            CREATE TABLE lead_list_users (
                organization_id TEXT NOT NULL,
                list_id \(types.uuid) NOT NULL,
                user_id TEXT NOT NULL,
                PRIMARY KEY (organization_id, list_id, user_id),
                FOREIGN KEY (organization_id, list_id) REFERENCES lead_lists (organization_id, id) ON DELETE CASCADE
            )
            """,
            "CREATE INDEX lead_list_users_by_user ON lead_list_users (organization_id, user_id)",
            """
            CREATE TABLE lead_list_persons (
                organization_id TEXT NOT NULL,
                list_id \(types.uuid) NOT NULL,
                person_id \(types.uuid) NOT NULL,
                added_at \(types.timestamp) NOT NULL,
                PRIMARY KEY (organization_id, list_id, person_id),
                FOREIGN KEY (organization_id, list_id) REFERENCES lead_lists (organization_id, id) ON DELETE CASCADE
            )
            """,
            """
            CREATE TABLE lead_list_companies (
                organization_id TEXT NOT NULL,
                list_id \(types.uuid) NOT NULL,
                company_id \(types.uuid) NOT NULL,
                added_at \(types.timestamp) NOT NULL,
                PRIMARY KEY (organization_id, list_id, company_id),
                FOREIGN KEY (organization_id, list_id) REFERENCES lead_lists (organization_id, id) ON DELETE CASCADE
            )
            """,
        ]
    }
}
