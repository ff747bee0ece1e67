extension Migration {
    /// What a search index needs to follow the directory beyond new and changed rows, and to tell
    /// its files from another database's:
    ///
    /// - `directory_removals`: every person (`p`) or company (`c`) deleted from the directory,
    ///   whatever deleted it, stamped as writes stamp rows (`DirectoryRevision`): the index reads
    ///   the removals since its position beside the rows written since, and hides them. A
    ///   `TRUNCATE` (PostgreSQL) records a removal without an id: everything before it is gone,
    ///   and an index that sees one is rebuilt. The triggers also raise the directory revision,
    ///   as every directory write does.
    /// - `directory_revision.instance`: a random id of this database's directory, which index
    ///   files record and must match.
    static let recordDirectoryRemovals = Migration(version: 19, name: "record directory removals") { dialect in
        let types = ColumnTypes(dialect)
        let table = """
            CREATE TABLE directory_removals (
                kind TEXT NOT NULL CHECK (kind IN ('p', 'c')),
                id \(types.uuid),
                revision BIGINT NOT NULL
            )
            """
        let index = "CREATE INDEX directory_removals_by_revision ON directory_removals (revision)"
        switch dialect {
        case .postgres:
            return [
                table, index,
                "ALTER TABLE directory_revision ADD COLUMN instance TEXT NOT NULL DEFAULT md5(random()::text || clock_timestamp()::text)",
                """
                CREATE FUNCTION leadbase_record_removals() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'TRUNCATE' THEN
                        INSERT INTO directory_removals (kind, id, revision) VALUES (TG_ARGV[0], NULL, pg_current_xact_id()::text::bigint);
                    ELSE
                        INSERT INTO directory_removals (kind, id, revision)
                        SELECT TG_ARGV[0], removed.id, pg_current_xact_id()::text::bigint FROM removed;
                    END IF;
                    UPDATE directory_revision SET revision = revision + 1 WHERE id = 1;
                    RETURN NULL;
                END
                $$
                """,
                """
                CREATE TRIGGER people_removed AFTER DELETE ON people REFERENCING OLD TABLE AS removed
                FOR EACH STATEMENT EXECUTE FUNCTION leadbase_record_removals('p')
                """,
                """
                CREATE TRIGGER companies_removed AFTER DELETE ON companies REFERENCING OLD TABLE AS removed
                FOR EACH STATEMENT EXECUTE FUNCTION leadbase_record_removals('c')
                """,
                "CREATE TRIGGER people_truncated AFTER TRUNCATE ON people FOR EACH STATEMENT EXECUTE FUNCTION leadbase_record_removals('p')",
                """
                CREATE TRIGGER companies_truncated AFTER TRUNCATE ON companies
                FOR EACH STATEMENT EXECUTE FUNCTION leadbase_record_removals('c')
                """,
            ]
        case .sqlite:
            // One writer at a time: the revision is raised first, and the removal stamped with it.
            let trigger = { (name: String, table: String, kind: String) in
                """
                CREATE TRIGGER \(name) AFTER DELETE ON \(table) BEGIN
                    UPDATE directory_revision SET revision = revision + 1 WHERE id = 1;
                    INSERT INTO directory_removals (kind, id, revision)
                    VALUES ('\(kind)', old.id, (SELECT revision FROM directory_revision WHERE id = 1));
                END
                """
            }
            return [
                table, index,
                "ALTER TABLE directory_revision ADD COLUMN instance TEXT NOT NULL DEFAULT ''",
                "UPDATE directory_revision SET instance = lower(hex(randomblob(16)))",
                trigger("people_removed", "people", "p"),
                trigger("companies_removed", "companies", "c"),
            ]
        }
    }
}
