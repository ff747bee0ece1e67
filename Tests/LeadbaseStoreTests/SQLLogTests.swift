import LeadbaseStore
import LeadbaseTestSupport
import Logging
import SQLKit
import Synchronization
import Testing

@Suite("SQL logs")
struct SQLLogTests {
    @Test("the SQL run on a request's behalf is logged with the request's logger, in sessions and transactions")
    func requestLogger() async throws {
        let records = Records()
        var logger = Logger(label: "request") { _ in RecordingHandler(records: records) }
        logger.logLevel = .debug
        logger[metadataKey: "request_id"] = "req-7"
        try await TestEnvironment.withDatabase(try await TestEnvironment.databaseSettings()) { database in
            try await database.withSession { try await $0.raw("SELECT 40 AS outside").run() }
            try await Database.$requestLogger.withValue(logger) {
                try await database.withSession { try await $0.raw("SELECT 41 AS read").run() }
                try await database.transaction { try await $0.raw("SELECT 42 AS written").run() }
            }
        }
        let queries = records.lines.withLock { $0 }.filter { $0.message == "Executing query" && $0.sql?.hasPrefix("SELECT 4") == true }
        #expect(queries.map(\.sql) == ["SELECT 41 AS read", "SELECT 42 AS written"])
        #expect(queries.allSatisfy { $0.requestID == "req-7" })
    }

    struct Line: Sendable {
        let message: String
        let sql: String?
        let requestID: String?
    }

    final class Records: Sendable {
        let lines = Mutex<[Line]>([])
    }

    struct RecordingHandler: LogHandler {
        let records: Records
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(
            level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String,
            line: UInt
        ) {
            let all = self.metadata.merging(metadata ?? [:]) { $1 }
            records.lines.withLock {
                $0.append(Line(message: "\(message)", sql: all["sql"].map { "\($0)" }, requestID: all["request_id"].map { "\($0)" }))
            }
        }
    }
}
