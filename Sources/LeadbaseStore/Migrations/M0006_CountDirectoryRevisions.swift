extension Migration {
    /// A counter of directory changes, raised in the same transaction as every import batch that
    /// writes a record: a process holding a copy of the directory in memory (the search index)
    /// compares it with the revision its copy was read at to know whether the copy is current,
    /// whichever process imported.
    static let countDirectoryRevisions = Migration(version: 6, name: "count directory revisions") { _ in
        [
            """
            CREATE TABLE directory_revision (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                revision BIGINT NOT NULL
            )
            """,
            "INSERT INTO directory_revision (id, revision) VALUES (1, 0)",
        ]
    }
}
