import Foundation
import LeadbaseCore
import LeadbaseStore
import LeadbaseTestSupport
import SQLKit
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("Upgrading to migration 14 computes the new search columns of the people and companies already stored")
    func searchColumnBackfill() async throws {
        try await TestEnvironment.withDatabase(try await TestEnvironment.databaseSettings(), migrated: false) { database in
            try await Migrator(database: database).migrate(upTo: 13)
            var company = Company(id: UUID(), name: "Acme Software")
            company.specialties = ["Payments"]
            company.socialMediaLinks = ["https://twitter.com/acme"]
            var person = Person(id: UUID(), firstName: "Ann", lastName: "Lee")
            person.headline = "Builds payment rails"
            person.certifications = ["Certified Scrum Master"]
            person.languages = [.init(language: "Português", level: "Native or bilingual proficiency")]
            person.educations = [
                .init(
                    institution: .init(name: "ETH Zürich"), degreeName: "MBA", fieldOfStudy: "Finance",
                    dates: .init(start: "2009", end: "2011"))
            ]
            person.socialMediaLinks = ["https://github.com/ann"]
            let plain = Person(id: UUID(), firstName: "Bob", lastName: "Ray")
            try await database.transaction { [company, person] sql in
                try await sql.raw(
                    """
                    INSERT INTO companies (id, doc, content_hash, name, created_at, updated_at)
                    VALUES (\(bind: company.id), \(bind: String(decoding: try JSONEncoder().encode(company), as: UTF8.self)), 'h', 'Acme Software', \(bind: Date()), \(bind: Date()))
                    """
                ).run()
                for record in [person, plain] {
                    try await sql.raw(
                        """
                        INSERT INTO people (id, doc, content_hash, created_at, updated_at)
                        VALUES (\(bind: record.id), \(bind: String(decoding: try JSONEncoder().encode(record), as: UTF8.self)), 'h', \(bind: Date()), \(bind: Date()))
                        """
                    ).run()
                }
            }
            #expect(try await Migrator(database: database).migrate() == [14])
            let search = SQLDirectorySearch(database: database)
            let window = ResultWindow(offset: 0, limit: 10)
            func people(_ field: SearchField, _ criterion: Criterion) async throws -> [UUID] {
                let filter = SearchFilter(conditions: [FilterCondition(field: field, op: .anyInclude, criteria: [criterion])])
                return try await search.people(matching: filter, window: window).items.map(\.id)
            }
            #expect(try await people(.headline, .text(.word, words: ["payment"])) == [person.id])
            #expect(try await people(.certification, .text(.smart, words: ["scrum"])) == [person.id])
            #expect(try await people(.language, .text(.smart, words: ["portugues", LanguageLevel.nativeOrBilingual.token])) == [person.id])
            #expect(try await people(.school, .text(.smart, words: ["zurich"])) == [person.id])
            #expect(try await people(.degree, .equals("mba")) == [person.id])
            #expect(try await people(.fieldOfStudy, .text(.word, words: ["finance"])) == [person.id])
            #expect(try await people(.educationYear, .equals("2011")) == [person.id])
            #expect(try await people(.socialPlatform, .equals("github")) == [person.id])
            let companies = { (field: SearchField, criterion: Criterion) in
                let filter = SearchFilter(conditions: [FilterCondition(field: field, op: .anyInclude, criteria: [criterion])])
                return try await search.companies(matching: filter, urls: [], window: window).items.map(\.id)
            }
            #expect(try await companies(.companyKeyword, .text(.word, words: ["payments"])) == [company.id])
            #expect(try await companies(.companySocialPlatform, .equals("twitter")) == [company.id])
            #expect(try await companies(.companyName, .text(.strict, words: ["acme", "software"])) == [company.id])
        }
    }

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
