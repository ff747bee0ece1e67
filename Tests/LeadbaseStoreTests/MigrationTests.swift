import Foundation
import LeadbaseCore
import LeadbaseStore
import LeadbaseTestSupport
import SQLKit
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("Upgrading to migration 5 moves every tenant person's e-mails into the e-mail index")
    func tenantEmailIndexBackfill() async throws {
        try await TestEnvironment.withDatabase(try await TestEnvironment.databaseSettings(), migrated: false) { database in
            try await Migrator(database: database).migrate(upTo: 4)
            let organization = try await SQLAccountStore(database: database).createOrganization(name: "Acme").id
            let ann = UUID()
            let bob = UUID()
            let lists =
                database.dialect == .postgres
                ? ("ARRAY['a.smith@acme.io','ann@acme.io']", "ARRAY[]::text[]")
                : (#"'["a.smith@acme.io","ann@acme.io"]'"#, "'[]'")
            try await database.transaction { sql in
                for (id, emails) in [(ann, lists.0), (bob, lists.1)] {
                    try await sql.raw(
                        """
                        INSERT INTO tenant_people (organization_id, id, doc, email_keys, created_at, updated_at)
                        VALUES (\(bind: organization), \(bind: id), '{}', \(unsafeRaw: emails), \(bind: Date()), \(bind: Date()))
                        """
                    ).run()
                }
            }
            let applied = try await Migrator(database: database).migrate()
            #expect(applied.first == 5)
            let indexed = try await database.withSession { sql in
                try await sql.raw("SELECT email, person_id FROM tenant_person_emails ORDER BY email").all().map {
                    "\(try $0.decode(column: "email", as: String.self)) \(try $0.decode(column: "person_id", as: UUID.self))"
                }
            }
            #expect(indexed == ["a.smith@acme.io \(ann)", "ann@acme.io \(ann)"])
        }
    }
}
