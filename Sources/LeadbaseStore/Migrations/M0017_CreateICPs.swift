extension Migration {
    /// ICPs of each organization, with their access lists. A list's `icp_id` must name an ICP of
    /// its organization from now on (writes check it; deleting an ICP sets it null), so the ids
    /// lists held before, which named nothing Leadbase kept, are cleared.
    static let createICPs = Migration(version: 17, name: "create icps") { dialect in
        let types = ColumnTypes(dialect)
        return [
            """
            CREATE TABLE icps (
                organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
                id \(types.uuid) NOT NULL,
                name TEXT NOT NULL,
                description TEXT,
                lead_provider_criteria TEXT NOT NULL,
                custom_filter_criteria TEXT NOT NULL,
                crm_filters TEXT NOT NULL,
                leads_per_list INTEGER NOT NULL,
                active_until \(types.timestamp),
                created_by TEXT NOT NULL,
                created_at \(types.timestamp) NOT NULL,
                updated_at \(types.timestamp) NOT NULL,
                PRIMARY KEY (organization_id, id)
            )
            """,
            """
            CREATE TABLE icp_users (
                organization_id TEXT NOT NULL,
                icp_id \(types.uuid) NOT NULL,
                user_id TEXT NOT NULL,
                PRIMARY KEY (organization_id, icp_id, user_id),
                FOREIGN KEY (organization_id, icp_id) REFERENCES icps (organization_id, id) ON DELETE CASCADE
            )
            """,
            "CREATE INDEX icp_users_by_user ON icp_users (organization_id, user_id)",
            "CREATE INDEX lead_lists_by_icp ON lead_lists (organization_id, icp_id)",
            "UPDATE lead_lists SET icp_id = NULL",
        ]
    }
}
