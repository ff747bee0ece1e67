extension Migration {
    /// Makes a person cheaper to write on PostgreSQL, now that people searches are answered by the
    /// in-memory search index (`IndexedDirectorySearch`):
    ///
    /// - The eleven indexes of migration 3 that served only SQL people searches go (GIN, trigram,
    ///   and seniority). Those searches now run only as a fallback (while an index loads or
    ///   catches up, or with `LEADBASE_SEARCH_INDEX=sql`), and the indexes were most of
    ///   PostgreSQL's work per written person. Without them a fallback search scans the table,
    ///   several times slower (figures in `bench/README.md`).
    /// - Values too big for a row are compressed with LZ4 instead of pglz: about the same size,
    ///   and less of PostgreSQL's time per row. A server built without LZ4 keeps pglz.
    ///
    /// Company search still runs in SQL, so the company indexes stay.
    static let lightenPeopleWrites = Migration(version: 8, name: "lighten people writes") { dialect in
        guard dialect == .postgres else { return [] }
        let dropped = [
            "people_departments", "people_locations", "people_languages", "people_current_companies",
            "people_previous_companies", "people_social", "people_name_smart", "people_name_words",
            "people_title_words", "people_title_smart", "people_by_seniority",
        ]
        return dropped.map { "DROP INDEX IF EXISTS \($0)" }
            + ["people", "companies"].map { table in
                alterVariableLengthColumns(of: table, "SET COMPRESSION lz4", unlessUnsupported: true)
            }
    }
}
