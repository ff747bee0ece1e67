import Foundation
import Hummingbird
import HummingbirdTesting
import LeadbaseCore
import LeadbaseSeed
import LeadbaseServer
import LeadbaseStore
import LeadbaseTestSupport
import SQLKit
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Runs the built `leadbase` executable, as an operator would.
struct LeadbaseBinary {
    let url: URL

    init() throws {
        let candidates = [
            ProcessInfo.processInfo.environment["LEADBASE_BINARY"].map(URL.init(fileURLWithPath:)),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("leadbase"),
        ].compactMap { $0 }
        guard let url = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw TestFailure("no leadbase executable beside the tests; run `swift build --build-tests` first")
        }
        self.url = url
    }

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String

        func json() throws -> [String: String] {
            try JSONDecoder().decode([String: String].self, from: Data(stdout.utf8))
        }
    }

    /// Runs `arguments` to completion with the database flags of `configuration`. The waiting
    /// happens on a Dispatch thread: blocking one of the few cooperative threads could starve the
    /// in-process work the child is waiting for (a migration lock, say) and deadlock the suite.
    func run(_ arguments: [String], _ configuration: AppConfiguration) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(arguments, configuration) })
            }
        }
    }

    private func runBlocking(_ arguments: [String], _ configuration: AppConfiguration) throws -> Output {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments + Self.databaseFlags(configuration)
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    static func databaseFlags(_ configuration: AppConfiguration) -> [String] {
        if let url = configuration.database.url { return ["--database-url", url] }
        return ["--data-dir", configuration.database.dataDirectory]
    }
}

@Suite("Command line")
struct CommandLineTests {
    @Test("org, user and token commands print JSON ids, and work while a server uses the same database")
    func accounts() async throws {
        let binary = try LeadbaseBinary()
        let configuration = try await TestEnvironment.configuration()
        let app = try await buildApplication(configuration)
        try await app.test(.router) { client in
            let api = APIClient(client: client)
            let org = try await binary.run(["org", "create", "--name", "Acme", "--json"], configuration)
            #expect(org.status == 0, "\(org.stderr)")
            let orgID = try #require(try org.json()["id"])
            #expect(orgID.hasPrefix("org_"))

            let user = try await binary.run(
                ["user", "create", "--org", orgID, "--name", "Ann", "--admin", "--id", "user_2xAnn", "--json"], configuration)
            #expect(user.status == 0, "\(user.stderr)")
            #expect(try user.json() == ["id": "user_2xAnn"])

            let duplicate = try await binary.run(["user", "create", "--org", orgID, "--name", "Ann", "--id", "user_2xAnn"], configuration)
            #expect(duplicate.status != 0)
            #expect(duplicate.stderr.contains("User user_2xAnn already exists in organization \(orgID)"))

            let noOrg = try await binary.run(["user", "create", "--org", "org_missing", "--name", "X"], configuration)
            #expect(noOrg.status != 0)
            #expect(noOrg.stderr.contains("Organization not found: org_missing"))

            let token = try await binary.run(["token", "create", "--user", "user_2xAnn", "--json"], configuration)
            #expect(token.status == 0, "\(token.stderr)")
            let issued = try token.json()
            let secret = try #require(issued["token"])
            let tokenID = try #require(issued["id"])
            #expect(secret.hasPrefix("lb_") && tokenID.hasPrefix("tok_"))

            let created = try await api.createList(secret, #"{"name": "Made with a CLI token"}"#)
            #expect(created.status == .created)
            #expect(created.strings("userIds") == ["user_2xAnn"])

            let revoke = try await binary.run(["token", "revoke", tokenID, "--json"], configuration)
            #expect(revoke.status == 0, "\(revoke.stderr)")
            // Known to the server at once on SQLite, on PostgreSQL once the notification arrives.
            try await ChangeWatchTests.eventually("the revoked token is refused", within: ChangeWatchTests.delivery) {
                try await api.lists(secret).status == .unauthorized
            }
            #expect(try await api.lists(secret).status == .unauthorized)
            #expect(try await binary.run(["token", "revoke", tokenID], configuration).status != 0, "already revoked")

            let migrate = try await binary.run(["migrate", "--json"], configuration)
            #expect(migrate.status == 0)
            #expect(migrate.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == #"{"applied":[]}"#)
        }
    }

    @Test("a bad setting stops start-up with a message naming it")
    func badSetting() async throws {
        let binary = try LeadbaseBinary()
        let configuration = try await TestEnvironment.configuration()
        let port = try await binary.run(["serve", "--port", "eighty"], configuration)
        #expect(port.status != 0)
        #expect(port.stderr.contains("LEADBASE_PORT"))
        let url = try await binary.run(["migrate", "--database-url", "mysql://db"], try AppConfiguration.load(environment: [:]))
        #expect(url.status != 0)
        #expect(url.stderr.contains("LEADBASE_DATABASE_URL"))
    }

    @Test("serve answers on its port and drains and exits 0 on SIGTERM")
    func serveAndTerminate() async throws {
        let binary = try LeadbaseBinary()
        let configuration = try await TestEnvironment.configuration()
        let port = Ports.free()
        let process = Process()
        process.executableURL = binary.url
        process.arguments = ["serve", "--port", "\(port)"] + LeadbaseBinary.databaseFlags(configuration)
        let log = Pipe()
        process.standardError = log
        process.standardOutput = log
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var healthy = false
        for _ in 0..<300 where !healthy && process.isRunning {
            try await Task.sleep(for: .milliseconds(100))
            if let (data, _) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/health")!) {
                healthy = String(decoding: data, as: UTF8.self) == #"{"status":"ok"}"#
            }
        }
        #expect(healthy)
        kill(process.processIdentifier, SIGTERM)
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume()
            }
        }
        #expect(process.terminationStatus == 0)
        let output = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output.contains("Database closed"))
    }
}
