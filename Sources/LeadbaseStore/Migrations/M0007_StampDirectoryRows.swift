extension Migration {
    /// Each directory row records the revision that last wrote it, so that a search index can
    /// read only the rows changed since its own revision instead of the whole directory. Rows
    /// written before this migration keep 0: every index is loaded after it, and holds them.
    /// (On PostgreSQL, writers later began to stamp rows with their transaction id instead; see
    /// `DirectoryRevision`.)
    ///
    /// PostgreSQL gets statistics for the new column at once: without them it guesses that
    /// `revision > n` matches a third of the table and scans all of it instead of using the
    /// index, and autovacuum would not analyze a large table soon.
    static let stampDirectoryRows = Migration(version: 7, name: "stamp directory rows") { dialect in
        [
            "ALTER TABLE people ADD COLUMN revision BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE companies ADD COLUMN revision BIGINT NOT NULL DEFAULT 0",
            "CREATE INDEX people_by_revision ON people (revision)",
            "CREATE INDEX companies_by_revision ON companies (revision)",
        ] + (dialect == .postgres ? ["ANALYZE people", "ANALYZE companies"] : [])
    }
}
