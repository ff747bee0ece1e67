import Configuration
import Foundation
import LeadbaseServer
import LeadbaseStore
import Synchronization
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    @Test("defaults: 127.0.0.1:8080 on SQLite in .leadbase")
    func defaults() throws {
        let configuration = try AppConfiguration.load(environment: [:])
        #expect(configuration.http.host == "127.0.0.1")
        #expect(configuration.http.port == 8080)
        #expect(try configuration.database.location() == .sqlite(path: "\(FileManagerPath.current)/.leadbase/leadbase.sqlite"))
        #expect(!configuration.jwt.isEnabled)
        #expect(configuration.searchIndex == .files)
        #expect(configuration.indexDirectory == "\(FileManagerPath.current)/.leadbase/index")
        #expect(try AppConfiguration.load(environment: ["LEADBASE_DATA_DIR": "/d"]).indexDirectory == "/d/index")
        #expect(try AppConfiguration.load(environment: ["LEADBASE_INDEX_DIR": "/i"]).indexDirectory == "/i")
        #expect(try AppConfiguration.load(environment: ["LEADBASE_SEARCH_INDEX": "SQL"]).searchIndex == .sql)
    }

    @Test("flags win over the environment, which wins over defaults")
    func precedence() throws {
        let environment = ["LEADBASE_PORT": "9000", "LEADBASE_HOST": "0.0.0.0", "LEADBASE_LOG_LEVEL": "debug"]
        let configuration = try AppConfiguration.load(flags: [HTTPSettings.port: "9100"], environment: environment)
        #expect(configuration.http.port == 9100)
        #expect(configuration.http.host == "0.0.0.0")
        #expect(configuration.log.level == .debug)
    }

    @Test("an empty flag or variable counts as unset: the next provider's value, else the default, applies")
    func emptyIsUnset() throws {
        let environment = ["LEADBASE_PORT": "", "LEADBASE_HOST": "0.0.0.0", "LEADBASE_JWT_ISSUER": ""]
        let configuration = try AppConfiguration.load(flags: [HTTPSettings.host: ""], environment: environment)
        #expect(configuration.http.port == 8080)
        #expect(configuration.http.host == "0.0.0.0")
        #expect(configuration.jwt.issuer == nil)
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

    @Test("the README's configuration table lists every key the code reads, with its flag and default")
    func readmeTable() throws {
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let section = readme.components(separatedBy: "## Configuration\n")[1].components(separatedBy: "\n## ")[0]
        // A row is `| flag | variable | meaning |`; `\|` is a bar inside a cell.
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| flag ") }.map { row in
            row.replacingOccurrences(of: "\\|", with: "¦").split(separator: "|", omittingEmptySubsequences: false).dropFirst()
                .dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
        }
        try #require(rows.allSatisfy { $0.count == 3 }, "every row has three cells")
        #expect(rows.map { $0[1] } == AppConfiguration.keys.map { "`\($0.environment)`" })
        #expect(rows.map { $0[0] } == AppConfiguration.keys.map { $0.flag.map { "`--\($0)`" } ?? "" })
        for (row, setting) in zip(rows, AppConfiguration.keys) {
            if let value = setting.defaultValue { #expect(row[2].contains("`\(value)`"), "\(setting.environment)'s default") }
        }

        let reads = KeysRead()
        _ = try AppConfiguration(reader: ConfigReader(settings: AppConfiguration.keys, environment: [:], accessReporter: reads))
        #expect(reads.keys.withLock { $0 } == Set(AppConfiguration.keys.map(\.key)))
        #expect(Set(AppConfiguration.keys.map(\.environment)).count == AppConfiguration.keys.count, "no variable twice")
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

extension ConfigurationTests {
    /// The checkout this file is in.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every key a reader was asked for.
    final class KeysRead: AccessReporter {
        let keys = Mutex<Set<String>>([])

        func report(_ event: AccessEvent) {
            keys.withLock { _ = $0.insert(event.metadata.key.components.joined(separator: ".")) }
        }
    }
}

enum FileManagerPath {
    static var current: String { FileManager.default.currentDirectoryPath }
}
