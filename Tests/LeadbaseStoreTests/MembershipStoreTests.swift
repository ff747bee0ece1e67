import Foundation
import LeadbaseCore
import LeadbaseStore
import LeadbaseTestSupport
import SQLKit
import Testing

@Suite("Membership store")
struct MembershipStoreTests {
    @Test("a list deleted between the access check and the write is a 404, and the write is rolled back")
    func listGoneMeanwhile() async throws {
        let settings = try await TestEnvironment.databaseSettings()
        try await TestEnvironment.withDatabase(settings) { database in
            let organization = try await SQLAccountStore(database: database).createOrganization(name: "Acme").id
            let gone = UUID()
            let person = Person(id: UUID(), firstName: "Ann", lastName: "Lee")
            let prospect = DirectProspect(fields: ["firstName": "Ann", "lastName": "Lee"], person: person, hasID: false)
            await #expect(throws: LeadbaseError.leadListNotFound(gone)) {
                try await SQLMembershipStore(database: database).upsertAndLink(
                    people: [prospect], toList: gone, for: Identity(organizationID: organization, userID: "usr_ann", role: .member),
                    dryRun: false)
            }
            let written = try await database.withSession { sql in
                try await sql.raw("SELECT count(*) AS n FROM tenant_people").first()?.decode(column: "n", as: Int.self)
            }
            #expect(written == 0)
        }
    }
}
