extension Migration {
    /// Each directory row records the revision that last wrote it, so that a search index can
    /// read only the rows changed since its own revision instead of the whole directory. Rows
    /// written before this migration keep 0: every index is loaded after it, and holds them.
    static let stampDirectoryRows = Migration(version: 7, name: "stamp directory rows") { _ in
        [
            "ALTER TABLE people ADD COLUMN revision BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE companies ADD COLUMN revision BIGINT NOT NULL DEFAULT 0",
            "CREATE INDEX people_by_revision ON people (revision)",
            "CREATE INDEX companies_by_revision ON companies (revision)",
        ]
    }
}
