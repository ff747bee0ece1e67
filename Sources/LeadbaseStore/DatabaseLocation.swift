import Foundation

/// Where the data lives: an embedded SQLite file (the default) or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresSettings)

    /// Reads a database URL: `postgres://` or `postgresql://` URLs, or `sqlite:PATH` / `sqlite://PATH`.
    public init(url: String) throws(DatabaseURLError) {
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(try PostgresSettings(url: url))
        } else if url.hasPrefix("sqlite://") {
            self = .sqlite(path: try Self.sqlitePath(String(url.dropFirst("sqlite://".count)), url: url))
        } else if url.hasPrefix("sqlite:") {
            self = .sqlite(path: try Self.sqlitePath(String(url.dropFirst("sqlite:".count)), url: url))
        } else {
            throw DatabaseURLError("expected a postgres://, postgresql:// or sqlite: URL, got '\(url)'")
        }
    }

    private static func sqlitePath(_ path: String, url: String) throws(DatabaseURLError) -> String {
        guard !path.isEmpty else { throw DatabaseURLError("'\(url)' names no file") }
        return path
    }

    /// The location without its password, for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let settings): settings.description
        }
    }
}

/// A database URL that cannot be used, with the reason.
public struct DatabaseURLError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// How to reach a PostgreSQL server, read from a libpq-style URL:
/// `postgres://user:password@host:port/database?sslmode=disable|prefer|require`.
/// A `host` query item that is a folder (`?host=/run/postgresql`) selects a Unix socket;
/// `search_path=a,b` sets the schemas Leadbase works in.
public struct PostgresSettings: Sendable, Hashable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, Hashable { case disable, prefer, require }

    public var host: String
    public var port: Int
    public var unixSocketPath: String?
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    public var searchPath: String?

    public init(url: String) throws(DatabaseURLError) {
        guard let components = URLComponents(string: url) else {
            throw DatabaseURLError("'\(url)' is not a valid URL")
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 }
        )
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        port = components.port ?? 5432
        if let socketFolder = query["host"], socketFolder.hasPrefix("/") {
            unixSocketPath = "\(socketFolder)/.s.PGSQL.\(port)"
        }
        guard let user = components.user, !user.isEmpty else {
            throw DatabaseURLError("'\(components.host ?? url)': the PostgreSQL URL needs a user name")
        }
        username = user
        password = components.password
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? user : path
        searchPath = query["search_path"].flatMap { $0.isEmpty ? nil : $0 }
        let mode = query["sslmode"] ?? "prefer"
        switch mode {
        case "disable": tls = .disable
        case "allow", "prefer": tls = .prefer
        case "require", "verify-ca", "verify-full": tls = .require
        default: throw DatabaseURLError("unknown sslmode '\(mode)' (use disable, prefer or require)")
        }
    }

    public var description: String {
        let place = unixSocketPath ?? "\(host):\(port)"
        return "postgres://\(username)@\(place)/\(database)"
    }
}
