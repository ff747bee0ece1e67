import Configuration
import Foundation
import LeadbaseStore

/// How directory searches are answered. `files`: from the search index, kept in files in the
/// index folder (`indexDirectory`), opened in moments at start and caught up with the database,
/// built from the database when there are none (or none to trust). `memory`: the same index kept
/// in memory only, built at every start. `sql`: plain SQL only, for the smallest machines.
public enum SearchIndexMode: String, Sendable, CaseIterable {
    case files
    case memory
    case sql

    public static let setting = Setting(
        key: "search.index", environment: "LEADBASE_SEARCH_INDEX", default: "files",
        summary: "files (the search index, kept in the index folder), memory (the index, rebuilt at every start) or sql")
    public static let directory = Setting(
        key: "search.indexDirectory", flag: "index-dir", environment: "LEADBASE_INDEX_DIR",
        summary: "folder of the search index's files, one folder in it per database (index in the data folder)")
    public static let keys = [setting, directory]

    public init(reader: ConfigReader) throws(ConfigurationError) {
        self = try reader.requiredValue(Self.setting, expected: "one of files, memory, sql") { Self(rawValue: $0.lowercased()) }
    }

    /// The index folder `reader` names, else `index` in the data folder.
    public static func directory(reader: ConfigReader, database: DatabaseSettings) -> String {
        reader.text(directory) ?? URL(fileURLWithPath: database.dataDirectory).appendingPathComponent("index").path
    }
}
