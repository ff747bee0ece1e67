extension Migration {
    /// On PostgreSQL, a notification on `leadbase_changes` (`ChangeWatch.channel`) from every
    /// statement that changes tokens, users or the directory revision, whichever process or tool
    /// runs it, delivered when its transaction commits: what lets servers keep identities and the
    /// revision in memory (`ChangeWatch`). The payload is the table's schema and the topic
    /// (`public:identities`): the channel is the database's, and installations in other schemas
    /// of it have changes of their own. SQLite needs nothing: its `data_version` tells of every
    /// commit.
    static let notifyChanges = Migration(version: 18, name: "notify changes") { dialect in
        guard dialect == .postgres else { return [] }
        return [
            """
            CREATE FUNCTION leadbase_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('\(ChangeWatch.channel)', TG_TABLE_SCHEMA || ':' || TG_ARGV[0]);
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE TRIGGER api_tokens_changed AFTER UPDATE OR DELETE OR TRUNCATE ON api_tokens
            FOR EACH STATEMENT EXECUTE FUNCTION leadbase_notify_change('\(ChangeWatch.Topic.identities.payload)')
            """,
            """
            CREATE TRIGGER users_changed AFTER UPDATE OR DELETE OR TRUNCATE ON users
            FOR EACH STATEMENT EXECUTE FUNCTION leadbase_notify_change('\(ChangeWatch.Topic.identities.payload)')
            """,
            """
            CREATE TRIGGER directory_revision_changed AFTER UPDATE OR DELETE OR TRUNCATE ON directory_revision
            FOR EACH STATEMENT EXECUTE FUNCTION leadbase_notify_change('\(ChangeWatch.Topic.directory.payload)')
            """,
        ]
    }
}
