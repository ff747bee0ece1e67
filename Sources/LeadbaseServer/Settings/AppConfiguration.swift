import Configuration
import Foundation
import LeadbaseStore

/// Every setting of the server, one typed value per concern, each read from the same
/// `ConfigReader` (flags, then environment, then defaults; see `ConfigReader(settings:)`).
/// A bad value stops start-up with a `ConfigurationError` that names the key.
public struct AppConfiguration: Sendable {
    public var http: HTTPSettings
    public var database: DatabaseSettings
    public var log: LogSettings
    public var jwt: JWTSettings
    public var searchIndex: SearchIndexMode
    /// The folder of the search index's files (`SearchIndexMode.files`).
    public var indexDirectory: String
    public var rateLimits: RateLimitSettings

    /// Every key the server reads, in the README's order (its configuration table is this list).
    public static let keys: [Setting] =
        HTTPSettings.keys + DatabaseSettings.keys + LogSettings.keys + SearchIndexMode.keys + RateLimitSettings.keys + JWTSettings.keys

    public init(reader: ConfigReader) throws(ConfigurationError) {
        http = try HTTPSettings(reader: reader)
        database = try DatabaseSettings(reader: reader)
        log = try LogSettings(reader: reader)
        searchIndex = try SearchIndexMode(reader: reader)
        indexDirectory = SearchIndexMode.directory(reader: reader, database: database)
        rateLimits = try RateLimitSettings(reader: reader)
        jwt = try JWTSettings(reader: reader)
    }

    /// The configuration from these flags and this environment (by default the process's own).
    public static func load(
        flags: [Setting: String] = [:], environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> AppConfiguration {
        try AppConfiguration(reader: ConfigReader(settings: keys, flags: flags, environment: environment))
    }
}
