extension Migration {
    /// What an organization records about each of its leads beyond the person's data: the user
    /// who owns it and its consent to be contacted (`LeadAttributes`). Records made before have
    /// no owner and an unknown consent.
    static let recordLeadOwnerAndConsent = Migration(version: 16, name: "record lead owner and consent") { dialect in
        let types = ColumnTypes(dialect)
        return [
            "ALTER TABLE tenant_people ADD COLUMN lead_owner_id TEXT",
            """
            ALTER TABLE tenant_people ADD COLUMN consent_status TEXT NOT NULL DEFAULT 'UNKNOWN'
                CHECK (consent_status IN ('UNKNOWN', 'GRANTED', 'DENIED', 'WITHDRAWN'))
            """,
            "ALTER TABLE tenant_people ADD COLUMN consent_source TEXT",
            "ALTER TABLE tenant_people ADD COLUMN consent_updated_at \(types.timestamp)",
        ]
    }
}
