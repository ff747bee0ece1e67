import Foundation
import Logging
import SQLKit
import Testing

@testable import LeadbaseStore

@Suite("SQLite connection settings")
struct SQLiteSessionSourceTests {
    @Test("every pooled connection waits 10 s for another writer, keeps journals in memory and 8 MiB of pages")
    func settings() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadbase-pragmas-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        let database = try await Database.open(.sqlite(path: path), logger: Logger(label: "test"))
        // Closed before any error ends the test: an open pool may not be dropped.
        let values: [[Int]]
        do {
            values = try await Self.settingsOfSessions(database, count: 6)
        } catch {
            await database.close()
            throw error
        }
        await database.close()
        #expect(values == Array(repeating: [10_000, 2, -8192], count: 6))
    }

    /// `busy_timeout`, `temp_store` and `cache_size` as `count` sessions at once see them, so
    /// that the pool opens several connections.
    static func settingsOfSessions(_ database: Database, count: Int) async throws -> [[Int]] {
        try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<count {
                group.addTask {
                    try await database.withSession { sql in
                        var values: [Int] = []
                        for pragma in ["busy_timeout", "temp_store", "cache_size"] {
                            // One row of one column, whose name is not always the pragma's.
                            let row = try await sql.raw("PRAGMA \(unsafeRaw: pragma)").first()
                            guard let row, let column = row.allColumns.first else { throw MissingPragma(name: pragma) }
                            values.append(try row.decode(column: column, as: Int.self))
                        }
                        try await Task.sleep(for: .milliseconds(20))
                        return values
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    struct MissingPragma: Error {
        let name: String
    }
}
