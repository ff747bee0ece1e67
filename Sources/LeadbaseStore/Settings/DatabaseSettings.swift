import Configuration
import Foundation

/// Where the data lives: every command reads these (`serve`, `migrate`, the directory and account
/// commands), so they live with storage rather than with the server.
public struct DatabaseSettings: Sendable {
    /// Folder of the embedded database, when no database URL is given.
    public var dataDirectory: String
    /// Explicit database; nil means SQLite in `dataDirectory`.
    public var url: String?

    public static let dataDirectory = Setting(
        key: "database.dataDirectory", flag: "data-dir", environment: "LEADBASE_DATA_DIR", default: ".leadbase",
        summary: "folder of the embedded SQLite database")
    public static let url = Setting(
        key: "database.url", flag: "database-url", environment: "LEADBASE_DATABASE_URL", isSecret: true,
        summary: "postgres://… or sqlite:PATH; overrides the data folder")
    public static let keys = [dataDirectory, url]

    /// Reads both and checks the URL.
    public init(reader: ConfigReader) throws(ConfigurationError) {
        dataDirectory = try reader.requiredText(Self.dataDirectory)
        url = reader.text(Self.url)
        _ = try location()
    }

    /// Where the data lives, from `url` or the data folder.
    public func location() throws(ConfigurationError) -> DatabaseLocation {
        guard let url else {
            return .sqlite(path: URL(fileURLWithPath: dataDirectory).appendingPathComponent("leadbase.sqlite").path)
        }
        do {
            return try DatabaseLocation(url: url)
        } catch {
            throw ConfigurationError(Self.url, error.description)
        }
    }
}
