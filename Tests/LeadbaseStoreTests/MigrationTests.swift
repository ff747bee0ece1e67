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
            #expect(try await Migrator(database: database).migrate(upTo: 14) == [14])
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

    /// `value` without its `null`s and empty lists, at every depth: a document as writers before
    /// migration 15 stored it.
    static func compact(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .null: return nil
        case .array(let items): return items.isEmpty ? nil : .array(items.compactMap(compact))
        case .object(let object): return .object(object.compactMapValues(compact))
        default: return value
        }
    }

    static func compactDocument(_ record: some Encodable) throws -> String {
        let value = try #require(compact(try JSONValue.parse(try JSONEncoder().encode(record))))
        return String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    @Test("Upgrading to migration 15 writes every stored document complete, keeps its timestamps, and hashes it as an import would")
    func completeDocuments() async throws {
        try await TestEnvironment.withDatabase(try await TestEnvironment.databaseSettings(), migrated: false) { database in
            try await Migrator(database: database).migrate(upTo: 14)
            var company = Company(id: UUID(), name: "Acme")
            company.createdAt = "2025-03-01T10:00:00.000Z"
            company.updatedAt = "2025-03-02T10:00:00.000Z"
            company.location = .init(headquarter: .init(country: "Norway", state: nil, city: "Oslo"), locations: nil)
            var person = Person(id: UUID(), firstName: "Ann", lastName: "Lee")
            person.createdAt = "2025-04-01T10:00:00.000Z"
            person.updatedAt = "2025-04-02T10:00:00.000Z"
            person.companyId = company.id
            person.languages = [.init(language: "Norwegian", level: nil)]
            try await database.transaction { [company, person] sql in
                try await sql.raw(
                    """
                    INSERT INTO companies (id, doc, content_hash, name, created_at, updated_at)
                    VALUES (\(bind: company.id), \(bind: try Self.compactDocument(company)), 'old', 'Acme', \(bind: Date()), \(bind: Date()))
                    """
                ).run()
                try await sql.raw(
                    """
                    INSERT INTO people (id, doc, content_hash, company_id, created_at, updated_at)
                    VALUES (\(bind: person.id), \(bind: try Self.compactDocument(person)), 'old', \(bind: company.id), \(bind: Date()), \(bind: Date()))
                    """
                ).run()
            }
            // Two organizations' copies of one company: each is rewritten from its own document.
            var organizations: [String] = []
            for name in ["Acme", "Globex"] {
                organizations.append(try await SQLAccountStore(database: database).createOrganization(name: name).id)
            }
            try await database.transaction { [company, organizations] sql in
                for (index, organization) in organizations.enumerated() {
                    var copy = company
                    copy.description = "copy \(index)"
                    try await sql.raw(
                        """
                        INSERT INTO tenant_companies (organization_id, id, doc, created_at, updated_at)
                        VALUES (\(bind: organization), \(bind: company.id), \(bind: try Self.compactDocument(copy)), \(bind: Date()), \(bind: Date()))
                        """
                    ).run()
                }
            }
            #expect(try await Migrator(database: database).migrate(upTo: 15) == [15])
            let copies = try await database.withSession { sql in
                try await sql.raw("SELECT doc FROM tenant_companies ORDER BY organization_id").all().map {
                    try JSONValue.parse(Array(try $0.decode(column: "doc", as: String.self).utf8))
                }
            }
            let expectedCopies = try organizations.enumerated().map { index, _ in
                var copy = company
                copy.description = "copy \(index)"
                return try JSONValue.parse(try JSONEncoder().encode(copy))
            }
            #expect(Set(copies) == Set(expectedCopies), "each copy complete, from its own document")
            let store = SQLDirectoryStore(database: database)
            let prospect = try #require(try await store.person(person.id))
            let written = try JSONValue.parse(Array(prospect.person.text.utf8))
            #expect(written == (try JSONValue.parse(try JSONEncoder().encode(person))), "complete, at every depth, timestamps kept")
            #expect(written.objectValue?["skills"] == .array([]))
            #expect(written.objectValue?["jobTitle"] == .null)
            #expect(written.objectValue?["languages"] == .array([.object(["language": "Norwegian", "level": .null])]))
            let storedCompany = try #require(try await store.company(company.id))
            #expect(storedCompany == (try encodedAndDecoded(company)))
            // The hash is the new form's: the same records imported again change nothing.
            #expect(try await store.upsert(companies: [company]).unchanged == 1)
            #expect(try await store.upsert(people: [person]).unchanged == 1)
        }
    }

    @Test("Upgrading to migration 16 gives the organization's people no owner and an unknown consent")
    func leadAttributes() async throws {
        try await TestEnvironment.withDatabase(try await TestEnvironment.databaseSettings(), migrated: false) { database in
            try await Migrator(database: database).migrate(upTo: 15)
            let organization = try await SQLAccountStore(database: database).createOrganization(name: "Acme").id
            let id = UUID()
            try await database.transaction { sql in
                try await sql.raw(
                    """
                    INSERT INTO tenant_people (organization_id, id, doc, created_at, updated_at)
                    VALUES (\(bind: organization), \(bind: id), '{}', \(bind: Date()), \(bind: Date()))
                    """
                ).run()
            }
            #expect(try await Migrator(database: database).migrate(upTo: 16) == [16])
            let row = try await database.withSession { sql in
                try await sql.raw("SELECT lead_owner_id, consent_status, consent_source, consent_updated_at FROM tenant_people").first()
            }
            #expect(try row?.decode(column: "lead_owner_id", as: String?.self) == nil)
            #expect(try row?.decode(column: "consent_status", as: String.self) == "UNKNOWN")
            #expect(try row?.decode(column: "consent_source", as: String?.self) == nil)
            #expect(try row?.decode(column: "consent_updated_at", as: Date?.self) == nil)
            await #expect(throws: (any Error).self) {
                try await database.transaction { sql in
                    try await sql.raw("UPDATE tenant_people SET consent_status = 'MAYBE'").run()
                }
            }
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
