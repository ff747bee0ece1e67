extension Migration {
    /// Makes a person cheaper to write on PostgreSQL, now that people searches are answered by the
    /// in-memory search index (`IndexedDirectorySearch`):
    ///
    /// - The eleven indexes of migration 3 that served only SQL people searches go (GIN, trigram,
    ///   and seniority). Those searches now run only as a fallback (while an index loads or
    ///   catches up, or with `LEADBASE_SEARCH_INDEX=sql`), and the indexes were most of
    ///   PostgreSQL's work per written person (a `COPY` of 100k rows: 10–11 s with them, 5 s
    ///   without). Without them a fallback search scans the table: 0.5–1.0 s for a count over 1M
    ///   people on 2 cores, against 0.1–0.2 s (see `bench/README.md`).
    /// - Values too big for a row are compressed with LZ4 instead of pglz: the same size within
    ///   2%, and a fifth less of PostgreSQL's time per row. A server built without LZ4 keeps pglz.
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
