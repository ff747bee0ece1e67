import Configuration
import LeadbaseStore

/// `memory`: people searches come from an in-memory index of the directory's search columns,
/// loaded when the server starts and reloaded after imports (SQL answers while it is behind). `sql`: every
/// search is plain SQL, for small memory budgets.
public enum SearchIndexMode: String, Sendable, CaseIterable {
    case memory
    case sql

    public static let setting = Setting(
        key: "search.index", environment: "LEADBASE_SEARCH_INDEX", default: "memory",
        summary: "memory (people searches from an in-memory index) or sql")
    public static let keys = [setting]

    public init(reader: ConfigReader) throws(ConfigurationError) {
        self = try reader.requiredValue(Self.setting, expected: "one of memory, sql") { Self(rawValue: $0.lowercased()) }
    }
}
