/// One schema change. Migrations are append-only: once shipped, a migration is never edited;
/// a later one changes what it made. Each lives in its own file, named by intent.
struct Migration: Sendable {
    let version: Int
    let name: String
    /// The statements, per dialect, run in order inside the migration's transaction.
    let statements: @Sendable (SQLDialectKind) -> [String]

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
    ]
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
