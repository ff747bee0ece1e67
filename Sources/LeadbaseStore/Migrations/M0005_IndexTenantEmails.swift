extension Migration {
    /// Direct prospect data is matched by e-mail. Migration 4 kept each tenant person's e-mails in
    /// a list column: PostgreSQL searched it through a GIN index whose pending list every insert
    /// grew and every lookup scanned, and SQLite read the JSON of every record of the organization.
    /// A table of (organization, e-mail, person) rows is a plain btree lookup on both.
    static let indexTenantEmails = Migration(version: 5, name: "index tenant e-mails") { dialect in
        let types = ColumnTypes(dialect)
        let backfill =
            switch dialect {
            case .postgres:
                "SELECT DISTINCT organization_id, unnest(email_keys), id FROM tenant_people"
            case .sqlite:
                "SELECT DISTINCT tp.organization_id, e.value, tp.id FROM tenant_people tp, json_each(tp.email_keys) e"
            }
        let dropIndex = dialect == .postgres ? ["DROP INDEX tenant_people_by_email"] : []
        return [
            """
            CREATE TABLE tenant_person_emails (
                organization_id TEXT NOT NULL,
                email TEXT NOT NULL,
                person_id \(types.uuid) NOT NULL,
                PRIMARY KEY (organization_id, email, person_id),
                FOREIGN KEY (organization_id, person_id) REFERENCES tenant_people (organization_id, id) ON DELETE CASCADE
            )
            """,
            "CREATE INDEX tenant_person_emails_by_person ON tenant_person_emails (organization_id, person_id)",
            "INSERT INTO tenant_person_emails (organization_id, email, person_id) \(backfill)",
        ] + dropIndex + ["ALTER TABLE tenant_people DROP COLUMN email_keys"]
    }
}
