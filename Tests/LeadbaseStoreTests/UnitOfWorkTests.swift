import Foundation
import LeadbaseCore
import LeadbaseStore
import LeadbaseTestSupport
import SQLKit
import Testing

@Suite("Unit of work")
struct UnitOfWorkTests {
    @Test(
        "a unit of work is one transaction: what its transactions write commits together or not at all; a dry run inside it leaves nothing")
    func unitOfWork() async throws {
        let settings = try await TestEnvironment.databaseSettings()
        try await TestEnvironment.withDatabase(settings) { database in
            @Sendable func organization(_ id: String) -> @Sendable (any SQLDatabase) async throws -> Void {
                { sql in
                    try await sql.raw("INSERT INTO organizations (id, name, created_at) VALUES (\(bind: id), 'Unit', \(bind: Date()))")
                        .run()
                }
            }
            func names() async throws -> Set<String> {
                Set(
                    try await database.withSession { sql in
                        try await sql.raw("SELECT id FROM organizations WHERE name = 'Unit'").all().map {
                            try $0.decode(column: "id", as: String.self)
                        }
                    })
            }
            try await database.unitOfWork { _ in
                try await database.transaction(organization("org_kept"))
                try await database.transaction(rollingBack: true, organization("org_dry"))
                try await database.transaction(organization("org_also_kept"))
            }
            #expect(try await names() == ["org_kept", "org_also_kept"])
            await #expect(throws: TestFailure.self) {
                try await database.unitOfWork { _ in
                    try await database.transaction(organization("org_lost"))
                    throw TestFailure("the unit fails after its first write")
                }
            }
            #expect(try await names() == ["org_kept", "org_also_kept"], "the failed unit's write is gone with it")
        }
    }
}
