import Foundation
import LeadbaseStore
import Logging

/// Every setting of the server in one typed value. Each key is read from a command-line flag, then
/// its environment variable, then its default (see `AppConfiguration.keys` and the README).
/// A bad value stops start-up with a `ConfigurationError` that names the key.
public struct AppConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// Folder of the embedded database, when no database URL is given.
    public var dataDirectory: String = ".leadbase"
    /// Explicit database; nil means SQLite in `dataDirectory`.
    public var databaseURL: String?
    public var logLevel: Logger.Level = .info
    /// Largest accepted request body, in bytes.
    public var maxBodySize: Int = 4 * 1024 * 1024
    public var jwt = JWTSettings()
    /// How people searches are answered.
    public var searchIndex: SearchIndexMode = .memory
    /// Requests per minute allowed; 0 turns a budget off.
    public var rateLimits = RateLimitSettings()

    public init() {}

    /// Where the data lives, from `databaseURL` or the data folder.
    public func databaseLocation() throws(ConfigurationError) -> DatabaseLocation {
        guard let databaseURL else {
            return .sqlite(path: URL(fileURLWithPath: dataDirectory).appendingPathComponent("leadbase.sqlite").path)
        }
        do {
            return try DatabaseLocation(url: databaseURL)
        } catch {
            throw ConfigurationError(key: "LEADBASE_DATABASE_URL", message: error.description)
        }
    }
}

/// `memory`: people searches come from an in-memory index of the directory's search columns,
/// loaded when the server starts and reloaded after imports (SQL answers while it is behind). `sql`: every
/// search is plain SQL, for small memory budgets.
public enum SearchIndexMode: String, Sendable, CaseIterable {
    case memory
    case sql
}

/// How JWTs from an identity provider are checked. With neither a secret nor a key, JWTs are refused
/// and only API tokens authenticate.
public struct JWTSettings: Sendable {
    /// Shared secret for HS256 tokens.
    public var hs256Secret: String?
    /// PEM of an RSA (RS256) or P-256 EC (ES256) public key.
    public var publicKeyPEM: String?
    /// Required `iss`, when set.
    public var issuer: String?
    /// Required `aud` (one of them, for a list), when set.
    public var audience: String?
    /// Claim with the organization id; a dotted path reaches into objects (`o.id`).
    public var organizationClaim: String = "org_id"
    /// Claim with the organization role; `admin` or `org:admin` means admin.
    public var roleClaim: String = "org_role"
    /// Tokens whose `exp` lies further ahead than this are refused.
    public var maxLifetimeSeconds: Int = 86_400

    public init() {}

    public var isEnabled: Bool { hs256Secret != nil || publicKeyPEM != nil }
}

/// The per-minute budgets of `/api/v1` requests, in each server process (0 turns one off).
public struct RateLimitSettings: Sendable {
    /// Requests of one credential: an API token, or a JWT's organization and subject.
    public var perCredential = 6_000
    /// Requests of one organization, all its users together.
    public var perOrganization = 12_000
    /// Failed authentications from one client address.
    public var authenticationFailures = 300

    public init() {}
}

/// A setting that cannot be used; the message names the key.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let key: String
    public let message: String

    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { "invalid configuration \(key): \(message)" }
}

extension AppConfiguration {
    /// One documented setting: its flag, its environment variable and what it does.
    public struct Key: Sendable {
        public let flag: String?
        public let environment: String
        public let summary: String
    }

    /// Every key, in one place (the README's configuration table is this list).
    public static let keys: [Key] = [
        Key(flag: "--host", environment: "LEADBASE_HOST", summary: "address to listen on (127.0.0.1)"),
        Key(flag: "--port", environment: "LEADBASE_PORT", summary: "port to listen on (8080)"),
        Key(flag: "--data-dir", environment: "LEADBASE_DATA_DIR", summary: "folder of the embedded SQLite database (.leadbase)"),
        Key(flag: "--database-url", environment: "LEADBASE_DATABASE_URL", summary: "postgres://… or sqlite:PATH; overrides --data-dir"),
        Key(flag: "--log-level", environment: "LEADBASE_LOG_LEVEL", summary: "trace, debug, info, notice, warning, error, critical (info)"),
        Key(flag: nil, environment: "LEADBASE_MAX_BODY_BYTES", summary: "largest request body in bytes (4194304)"),
        Key(flag: nil, environment: "LEADBASE_SEARCH_INDEX", summary: "memory (people searches from an in-memory index) or sql (memory)"),
        Key(
            flag: nil, environment: "LEADBASE_RATE_LIMIT_CREDENTIAL",
            summary: "requests per minute of one API token or JWT subject; 0 turns it off (6000)"),
        Key(
            flag: nil, environment: "LEADBASE_RATE_LIMIT_ORGANIZATION",
            summary: "requests per minute of one organization; 0 turns it off (12000)"),
        Key(
            flag: nil, environment: "LEADBASE_RATE_LIMIT_AUTH_FAILURES",
            summary: "failed authentications per minute from one client address; 0 turns it off (300)"),
        Key(flag: nil, environment: "LEADBASE_JWT_HS256_SECRET", summary: "secret of HS256 JWTs"),
        Key(flag: nil, environment: "LEADBASE_JWT_PUBLIC_KEY_FILE", summary: "PEM file of the RS256/ES256 public key of JWTs"),
        Key(flag: nil, environment: "LEADBASE_JWT_ISSUER", summary: "required JWT issuer (iss)"),
        Key(flag: nil, environment: "LEADBASE_JWT_AUDIENCE", summary: "required JWT audience (aud)"),
        Key(flag: nil, environment: "LEADBASE_JWT_ORG_CLAIM", summary: "claim holding the organization id (org_id)"),
        Key(flag: nil, environment: "LEADBASE_JWT_ROLE_CLAIM", summary: "claim holding the organization role (org_role)"),
        Key(
            flag: nil, environment: "LEADBASE_JWT_MAX_LIFETIME",
            summary: "longest accepted time from now to a JWT's exp, in seconds (86400)"),
    ]

    /// Flag values given on the command line; nil where the flag was not given.
    public struct Flags: Sendable {
        public var host: String?
        public var port: String?
        public var dataDirectory: String?
        public var databaseURL: String?
        public var logLevel: String?

        public init(
            host: String? = nil, port: String? = nil, dataDirectory: String? = nil, databaseURL: String? = nil, logLevel: String? = nil
        ) {
            self.host = host
            self.port = port
            self.dataDirectory = dataDirectory
            self.databaseURL = databaseURL
            self.logLevel = logLevel
        }
    }

    /// Reads flags, then the environment, then defaults; validates every value.
    public static func load(
        flags: Flags = Flags(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> AppConfiguration {
        func value(_ flag: String?, _ key: String) -> String? {
            (flag ?? environment[key]).flatMap { $0.isEmpty ? nil : $0 }
        }
        var configuration = AppConfiguration()
        if let host = value(flags.host, "LEADBASE_HOST") { configuration.host = host }
        if let port = value(flags.port, "LEADBASE_PORT") {
            guard let number = Int(port), (0...65535).contains(number) else {
                throw ConfigurationError(key: "LEADBASE_PORT", message: "'\(port)' is not a port number (0-65535)")
            }
            configuration.port = number
        }
        if let folder = value(flags.dataDirectory, "LEADBASE_DATA_DIR") { configuration.dataDirectory = folder }
        configuration.databaseURL = value(flags.databaseURL, "LEADBASE_DATABASE_URL")
        _ = try configuration.databaseLocation()
        if let level = value(flags.logLevel, "LEADBASE_LOG_LEVEL") {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw ConfigurationError(
                    key: "LEADBASE_LOG_LEVEL", message: "'\(level)' is not one of trace, debug, info, notice, warning, error, critical")
            }
            configuration.logLevel = parsed
        }
        if let size = value(nil, "LEADBASE_MAX_BODY_BYTES") {
            guard let bytes = Int(size), bytes > 0 else {
                throw ConfigurationError(key: "LEADBASE_MAX_BODY_BYTES", message: "'\(size)' is not a positive number of bytes")
            }
            configuration.maxBodySize = bytes
        }
        if let mode = value(nil, "LEADBASE_SEARCH_INDEX") {
            guard let parsed = SearchIndexMode(rawValue: mode.lowercased()) else {
                throw ConfigurationError(key: "LEADBASE_SEARCH_INDEX", message: "'\(mode)' is not one of memory, sql")
            }
            configuration.searchIndex = parsed
        }
        for (key, budget) in [
            ("LEADBASE_RATE_LIMIT_CREDENTIAL", \RateLimitSettings.perCredential),
            ("LEADBASE_RATE_LIMIT_ORGANIZATION", \.perOrganization),
            ("LEADBASE_RATE_LIMIT_AUTH_FAILURES", \.authenticationFailures),
        ] {
            guard let text = value(nil, key) else { continue }
            guard let limit = Int(text), limit >= 0 else {
                throw ConfigurationError(key: key, message: "'\(text)' is not a number of requests per minute (0 turns it off)")
            }
            configuration.rateLimits[keyPath: budget] = limit
        }
        configuration.jwt.hs256Secret = value(nil, "LEADBASE_JWT_HS256_SECRET")
        if let path = value(nil, "LEADBASE_JWT_PUBLIC_KEY_FILE") {
            guard let pem = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ConfigurationError(key: "LEADBASE_JWT_PUBLIC_KEY_FILE", message: "cannot read '\(path)'")
            }
            configuration.jwt.publicKeyPEM = pem
        }
        configuration.jwt.issuer = value(nil, "LEADBASE_JWT_ISSUER")
        configuration.jwt.audience = value(nil, "LEADBASE_JWT_AUDIENCE")
        if let claim = value(nil, "LEADBASE_JWT_ORG_CLAIM") { configuration.jwt.organizationClaim = claim }
        if let claim = value(nil, "LEADBASE_JWT_ROLE_CLAIM") { configuration.jwt.roleClaim = claim }
        if let lifetime = value(nil, "LEADBASE_JWT_MAX_LIFETIME") {
            guard let seconds = Int(lifetime), seconds > 0 else {
                throw ConfigurationError(key: "LEADBASE_JWT_MAX_LIFETIME", message: "'\(lifetime)' is not a positive number of seconds")
            }
            configuration.jwt.maxLifetimeSeconds = seconds
        }
        return configuration
    }
}
