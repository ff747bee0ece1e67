import Foundation
import LeadbaseServer
import LeadbaseStore
import LeadbaseTestSupport
import Testing

@Suite("Test environment")
struct TestEnvironmentTests {
    @Test("the suite runs on the database it claims: PostgreSQL when LEADBASE_TEST_DATABASE_URL is set")
    func dialect() async throws {
        let dialect = try await TestEnvironment.withDatabase(try await TestEnvironment.configuration()) { database in
            database.dialect == .postgres ? "postgres" : "sqlite"
        }
        #expect(dialect == (TestEnvironment.postgresURL == nil ? "sqlite" : "postgres"))
    }
}
