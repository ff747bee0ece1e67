import Foundation
import LeadbaseServer
import LeadbaseStore
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    @Test("defaults: 127.0.0.1:8080 on SQLite in .leadbase")
    func defaults() throws {
        let configuration = try AppConfiguration.load(environment: [:])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(try configuration.databaseLocation() == .sqlite(path: "\(FileManagerPath.current)/.leadbase/leadbase.sqlite"))
        #expect(!configuration.jwt.isEnabled)
        #expect(configuration.searchIndex == .memory)
        #expect(try AppConfiguration.load(environment: ["LEADBASE_SEARCH_INDEX": "SQL"]).searchIndex == .sql)
    }

    @Test("flags win over the environment, which wins over defaults")
    func precedence() throws {
        let environment = ["LEADBASE_PORT": "9000", "LEADBASE_HOST": "0.0.0.0", "LEADBASE_LOG_LEVEL": "debug"]
        let configuration = try AppConfiguration.load(flags: .init(port: "9100"), environment: environment)
        #expect(configuration.port == 9100)
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.logLevel == .debug)
    }

    @Test(
        "a bad value names its key",
        arguments: [
            (["LEADBASE_PORT": "http"], "LEADBASE_PORT"),
            (["LEADBASE_PORT": "70000"], "LEADBASE_PORT"),
            (["LEADBASE_LOG_LEVEL": "loud"], "LEADBASE_LOG_LEVEL"),
            (["LEADBASE_DATABASE_URL": "mysql://x"], "LEADBASE_DATABASE_URL"),
            (["LEADBASE_DATABASE_URL": "postgres://localhost/db"], "LEADBASE_DATABASE_URL"),
            (["LEADBASE_DATABASE_URL": "postgres://u@h/db?sslmode=sometimes"], "LEADBASE_DATABASE_URL"),
            (["LEADBASE_MAX_BODY_BYTES": "-1"], "LEADBASE_MAX_BODY_BYTES"),
            (["LEADBASE_SEARCH_INDEX": "disk"], "LEADBASE_SEARCH_INDEX"),
            (["LEADBASE_JWT_PUBLIC_KEY_FILE": "/nonexistent.pem"], "LEADBASE_JWT_PUBLIC_KEY_FILE"),
        ])
    func badValue(environment: [String: String], key: String) throws {
        #expect { try AppConfiguration.load(environment: environment) } throws: { error in
            (error as? ConfigurationError)?.key == key
        }
    }

    @Test("database URLs")
    func databaseURLs() throws {
        let settings = try PostgresSettings(url: "postgresql://app:s%40cret@db.internal:6543/leads?sslmode=require")
        #expect(settings.host == "db.internal")
        #expect(settings.port == 6543)
        #expect(settings.username == "app")
        #expect(settings.password == "s@cret")
        #expect(settings.database == "leads")
        #expect(settings.tls == .require)
        #expect(settings.description == "postgres://app@db.internal:6543/leads", "no password in logs")
        let socket = try PostgresSettings(url: "postgres://app@localhost:5433/leads?host=/tmp/pg")
        #expect(socket.unixSocketPath == "/tmp/pg/.s.PGSQL.5433")
        #expect(try DatabaseLocation(url: "sqlite:/var/lib/leadbase/db.sqlite") == .sqlite(path: "/var/lib/leadbase/db.sqlite"))
        #expect(try DatabaseLocation(url: "sqlite://data.sqlite") == .sqlite(path: "data.sqlite"))
    }
}

enum FileManagerPath {
    static var current: String { FileManager.default.currentDirectoryPath }
}
