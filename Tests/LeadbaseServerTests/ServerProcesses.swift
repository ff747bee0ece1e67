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

/// The suites that start server processes, one at a time: each keeps both cores busy, and
/// several at once starved a server's start past its deadline.
@Suite(.serialized)
struct ServerProcesses {}

extension ServerProcesses {
    @Suite("Two server processes")
    struct TwoServerTests {
        /// Starts `leadbase serve` on a free port and waits (up to 120 s: the suite keeps both cores
        /// busy) until it is ready; a server that exits first, having lost its port to someone else
        /// after all, is started again on another.
        static func serve(_ binary: LeadbaseBinary, _ configuration: AppConfiguration) async throws -> (Process, Int) {
            for _ in 0..<3 {
                let port = Ports.free()
                let process = Process()
                process.executableURL = binary.url
                process.arguments = ["serve", "--port", "\(port)", "--log-level", "warning"] + LeadbaseBinary.databaseFlags(configuration)
                let log = TestEnvironment.scratchPath("serve-\(port).log")
                _ = FileManager.default.createFile(atPath: log, contents: nil)
                process.standardOutput = FileHandle.nullDevice
                process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
                try process.run()
                for _ in 0..<1200 where process.isRunning {
                    try await Task.sleep(for: .milliseconds(100))
                    if (try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/ready")!)) != nil {
                        return (process, port)
                    }
                }
                if process.isRunning {
                    process.terminate()
                    let said = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                    throw TestFailure("server on \(port) did not become ready in 120 s; it logged:\n\(said.suffix(2000))")
                }
            }
            throw TestFailure("three servers in a row exited before becoming ready")
        }

        static func post(_ port: Int, _ path: String, token: String, _ json: String) async throws -> JSONValue {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            request.httpMethod = "POST"
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(json.utf8)
            let (data, _) = try await URLSession.shared.data(for: request)
            return try JSONDecoder().decode(JSONValue.self, from: data)
        }

        /// The status of `GET path` with `token`.
        static func status(_ port: Int, _ path: String, token: String) async throws -> Int {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            let (_, response) = try await URLSession.shared.data(for: request)
            return (response as? HTTPURLResponse)?.statusCode ?? 0
        }

        /// How many of the server's identity lookups were answered from memory (`/metrics`).
        static func identitiesFromMemory(_ port: Int) async throws -> Int {
            let (data, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/metrics")!)
            let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first {
                $0.hasPrefix("leadbase_cache_lookups_total") && $0.contains(#"cache="identities""#) && $0.contains(#"answered_by="memory""#)
            }
            return line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        }

        @Test("a token revoked with `leadbase token revoke` is refused by both servers, which had kept it in memory")
        func revocationAcrossProcesses() async throws {
            let binary = try LeadbaseBinary()
            let configuration = try await TestEnvironment.configuration()
            let (tenant, issued) = try await TestEnvironment.withDatabase(configuration) { database in
                let tenant = try await Tenant.make(in: database)
                return (tenant, try await SQLAccountStore(database: database).createToken(for: tenant.alice.user))
            }
            let (first, firstPort) = try await Self.serve(binary, configuration)
            defer { first.terminate() }
            let (second, secondPort) = try await Self.serve(binary, configuration)
            defer { second.terminate() }
            let lists = "/api/v1/entities/leadlists"
            for port in [firstPort, secondPort] {
                for _ in 0..<3 { #expect(try await Self.status(port, lists, token: issued.token) == 200) }
                #expect(try await Self.identitiesFromMemory(port) >= 2, "the server answers a known token from memory")
            }
            let revoked = try await binary.run(["token", "revoke", issued.id], configuration)
            #expect(revoked.status == 0, "\(revoked.stderr)")
            for port in [firstPort, secondPort] {
                try await ChangeWatchTests.eventually("server on \(port) refuses the revoked token", within: ChangeWatchTests.delivery) {
                    try await Self.status(port, lists, token: issued.token) == 401
                }
                #expect(try await Self.status(port, lists, token: tenant.alice.token) == 200, "the user's other token still works")
            }
        }

        @Test("16 concurrent add-prospects spread over two servers on one database add every person once")
        func concurrentAcrossProcesses() async throws {
            let binary = try LeadbaseBinary()
            let configuration = try await TestEnvironment.configuration()
            let tenant = try await TestEnvironment.withDatabase(configuration) { database in
                try await DirectoryFixture.load(into: database)
                return try await Tenant.make(in: database)
            }
            let (first, firstPort) = try await Self.serve(binary, configuration)
            defer { first.terminate() }
            let (second, secondPort) = try await Self.serve(binary, configuration)
            defer { second.terminate() }
            let token = tenant.alice.token
            guard
                case .string(let list)? = try await Self.post(firstPort, "/api/v1/entities/leadlists", token: token, #"{"name": "Shared"}"#)
                    .objectValue?["id"]
            else {
                throw TestFailure("no list")
            }
            let everyone = [F.jose, F.zoe, F.john, F.jane, F.joseS]
            let added = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<16 {
                    let pick = (0..<3).map { everyone[(index + $0 * 2) % everyone.count].uuidString.lowercased() }
                    let port = index.isMultiple(of: 2) ? firstPort : secondPort
                    group.addTask {
                        let body = #"{"selection": {"mode": "manual", "includedIds": ["\#(pick.joined(separator: "\",\""))"]}}"#
                        let response = try await Self.post(port, "/api/v1/entities/leadlists/\(list)/add-prospects", token: token, body)
                        guard case .number(let count)? = response.objectValue?["addedCount"] else { throw TestFailure("\(response)") }
                        return Int(count)
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(added == 5, "the addedCounts sum to the list's growth")
            let members = try await TestEnvironment.rowCount("lead_list_persons", configuration)
            #expect(members == 5)
        }
    }

    @Suite("Crashes")
    struct CrashTests {
        @Test("a server killed with SIGKILL during adds of 1000 leaves every list with all of an add or none of it")
        func killedDuringAdds() async throws {
            let binary = try LeadbaseBinary()
            let configuration = try await TestEnvironment.configuration()
            let seed = DirectorySeed(seed: 11, companies: 20, people: 1500)
            let tenant = try await TestEnvironment.withDatabase(configuration) { database in
                let store = SQLDirectoryStore(database: database)
                _ = try await store.upsert(companies: Array(seed.companies))
                _ = try await store.upsert(people: (0..<1500).map(seed.person(at:)))
                return try await Tenant.make(in: database)
            }
            let token = tenant.alice.token
            for round in 0..<2 {
                let (server, port) = try await TwoServerTests.serve(binary, configuration)
                var lists: [String] = []
                for index in 0..<6 {
                    let created = try await TwoServerTests.post(
                        port, "/api/v1/entities/leadlists", token: token, #"{"name": "Crash \#(round).\#(index)"}"#)
                    guard case .string(let id)? = created.objectValue?["id"] else { throw TestFailure("no list: \(created)") }
                    lists.append(id)
                }
                let direct =
                    #"{"prospects": ["#
                    + (0..<1000).map { #"{"firstName": "C\#(round)", "lastName": "L\#($0)", "emails": ["c\#(round).\#($0)@crash.io"]}"# }
                    .joined(separator: ",") + "]}"
                // The adds start together; the server is killed as soon as the first has answered,
                // so that one at least has committed and the others are under way.
                let answered = Flag()
                await withTaskGroup(of: Void.self) { group in
                    for (index, list) in lists.enumerated() {
                        let body =
                            index.isMultiple(of: 3)
                            ? direct
                            : #"{"selection": {"mode": "bulk", "startIndex": \#(index * 80), "targetCount": 1000, "filters": {}}}"#
                        group.addTask {
                            if (try? await TwoServerTests.post(port, "/api/v1/entities/leadlists/\(list)/add-prospects", token: token, body))
                                != nil
                            {
                                answered.set()
                            }
                        }
                    }
                    group.addTask {
                        for _ in 0..<30_000 where !answered.isSet { try? await Task.sleep(for: .milliseconds(1)) }
                        kill(server.processIdentifier, SIGKILL)
                    }
                }
                server.waitUntilExit()
                #expect(server.terminationReason == .uncaughtSignal)
                // A new server on the same database: every list holds 0 or 1000 people.
                let created = lists
                let (restarted, _) = try await TwoServerTests.serve(binary, configuration)
                defer { restarted.terminate() }
                let counts = try await TestEnvironment.withDatabase(configuration) { database in
                    try await database.withSession { sql in
                        try await created.asyncMap { list in
                            try await sql.raw(
                                "SELECT count(*) AS n FROM lead_list_persons WHERE list_id = \(bind: UUID(uuidString: list)!)"
                            )
                            .first()?.decode(column: "n", as: Int.self) ?? -1
                        }
                    }
                }
                for count in counts { #expect(count == 0 || count == 1000, "round \(round): \(counts)") }
                #expect(counts.contains(1000), "the first add to answer had committed")
            }
        }
    }

}

/// A flag that any task may raise.
final class Flag: Sendable {
    private let raised = Mutex(false)
    func set() { raised.withLock { $0 = true } }
    var isSet: Bool { raised.withLock { $0 } }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
