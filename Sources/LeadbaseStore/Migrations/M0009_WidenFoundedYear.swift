extension Migration {
    /// A company's `founded_year` becomes a `BIGINT` on PostgreSQL, like every other integer the
    /// directory stores: the importer's binary `COPY` then writes one integer form (see
    /// `RowCopier`), and a year that an `INTEGER` cannot hold is kept as SQLite keeps it instead of
    /// failing the whole batch's write.
    static let widenFoundedYear = Migration(version: 9, name: "widen founded year") { dialect in
        dialect == .postgres ? ["ALTER TABLE companies ALTER COLUMN founded_year TYPE BIGINT"] : []
    }
}
