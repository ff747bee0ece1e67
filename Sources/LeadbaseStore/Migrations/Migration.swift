import SQLKit

/// One schema change. Migrations are append-only: once shipped, a migration is never edited;
/// a later one changes what it made. Each lives in its own file, named by intent.
struct Migration: Sendable {
    let version: Int
    let name: String
    /// The statements, per dialect, run in order inside the migration's transaction.
    let statements: @Sendable (SQLDialectKind) -> [String]
    /// Work that SQL alone cannot do (computing search columns in Swift), run after the
    /// statements in the same transaction.
    let backfill: (@Sendable (any SQLDatabase, SQLDialectKind) async throws -> Void)?

    init(
        version: Int, name: String, statements: @escaping @Sendable (SQLDialectKind) -> [String],
        backfill: (@Sendable (any SQLDatabase, SQLDialectKind) async throws -> Void)? = nil
    ) {
        self.version = version
        self.name = name
        self.statements = statements
        self.backfill = backfill
    }

    /// Every migration, in the order they are applied.
    static let all: [Migration] = [
        .createAccounts,
        .createLeadLists,
        .createDirectory,
        .createTenantRecords,
        .indexTenantEmails,
        .countDirectoryRevisions,
        .stampDirectoryRows,
        .lightenPeopleWrites,
        .widenFoundedYear,
        .keepPeopleRowsInline,
        .indexListMembersByPerson,
        .recordUserSource,
        .createIdempotencyKeys,
        .searchEveryLanceKey,
        .completeDirectoryDocuments,
        .recordLeadOwnerAndConsent,
        .createICPs,
        .notifyChanges,
        .recordDirectoryRemovals,
    ]
}

extension Migration {
    /// A PostgreSQL block that applies `alteration` (`SET STORAGE MAIN`…) to every variable-length
    /// column of `table`; with `unlessUnsupported`, a server without the feature skips it.
    static func alterVariableLengthColumns(of table: String, _ alteration: String, unlessUnsupported: Bool = false) -> String {
        """
        DO $$
        DECLARE
            variable_length_column name;
        BEGIN
            FOR variable_length_column IN
                SELECT attname FROM pg_attribute
                WHERE attrelid = '\(table)'::regclass AND attnum > 0 AND NOT attisdropped AND attlen = -1
            LOOP
                EXECUTE format('ALTER TABLE \(table) ALTER COLUMN %I \(alteration)', variable_length_column);
            END LOOP;\(unlessUnsupported ? "\nEXCEPTION WHEN feature_not_supported THEN NULL;" : "")
        END $$
        """
    }
}

/// Column types that differ between the dialects, so that a migration reads once for both.
struct ColumnTypes {
    let uuid: String
    let timestamp: String
    /// A list of strings, never NULL: a `TEXT[]` on PostgreSQL, a JSON array on SQLite.
    let textList: String

    init(_ dialect: SQLDialectKind) {
        switch dialect {
        case .postgres:
            uuid = "UUID"
            timestamp = "TIMESTAMPTZ"
            textList = "TEXT[] NOT NULL DEFAULT '{}'"
        case .sqlite:
            // UUIDs are stored as their text; timestamps as seconds since 1970 (what SQLiteNIO binds).
            uuid = "TEXT"
            timestamp = "REAL"
            textList = "TEXT NOT NULL DEFAULT '[]'"
        }
    }
}
