import Foundation
import LeadbaseCore
import LeadbaseJSON
import LeadbaseSeed
import LeadbaseServer
import LeadbaseStore
import LeadbaseTestSupport
import SQLKit
import Testing

@Suite("Directory import and seed")
struct DirectoryImportTests {
    static let fullPerson = """
        {"id": "b1000000-0000-4000-8000-000000000001", "firstName": "Ann", "lastName": "Lee", "jobTitle": "Head of Growth",
         "headline": "Growth at Acme", "city": "Lisboa", "state": "Lisbon", "postalCode": "1000-001", "country": "Portugal",
         "linkedinUrl": "https://www.linkedin.com/in/annlee", "socialMediaLinks": ["https://twitter.com/annlee"],
         "phones": ["+351 21 000 0000"], "emails": ["ann@acme.io", "ann.lee@gmail.com"],
         "companyId": "B2000000-0000-4000-8000-000000000001", "birthDate": "1990-04-01", "seniority": "head",
         "departments": ["master_marketing"], "subDepartments": ["demand_generation"], "functions": ["marketing"],
         "skills": ["SEO", "Paid Search"], "industry": "software development",
         "languages": [{"language": "Portuguese", "level": "NATIVE_OR_BILINGUAL"}, {"language": "English", "level": "FULL_PROFESSIONAL"}],
         "educations": [{"institution": {"id": "edu_1", "name": "Universidade de Lisboa", "logoUrl": "https://x/logo.png", "linkedinUrl": "https://www.linkedin.com/school/ulisboa"},
                         "degreeName": "MSc", "fieldOfStudy": "Economics", "grade": "18/20", "dates": {"start": "2008", "end": "2013"}}],
         "workExperiences": [{"company": {"id": "b2000000-0000-4000-8000-000000000001", "name": "Acme", "logoUrl": "https://x/acme.png",
                              "linkedinUrl": "https://www.linkedin.com/company/acme", "employees": {"start": 51, "end": 200}},
                              "dates": {"start": "2020-01", "end": null},
                              "profilePositions": [{"company": "Acme", "title": "Head of Growth", "description": "Growth.", "location": "Lisboa", "dates": {"start": "2020-01"}}]}],
         "baseProviderId": "ark_42", "bullhornId": 98765, "crmId": "crm_1"}
        """
    static let fullCompany = """
        {"id": "b2000000-0000-4000-8000-000000000001", "name": "Acme", "legalName": "Acme Lda", "description": "Tools.", "summary": "Makes tools.",
         "headcount": "51-200", "employeeCount": 120, "industry": "software development", "phones": ["+351 21 111 1111"],
         "linkedinUrl": "https://www.linkedin.com/company/acme", "websiteUrl": "https://acme.io", "domain": "acme.io", "city": "Lisboa",
         "state": "Lisbon", "postalCode": "1000-002", "country": "Portugal", "logoUrl": "https://x/acme.png", "baseProviderId": "ark_7",
         "bullhornId": 12, "crmId": "crm_c", "foundedYear": 2015, "revenue": "$10M - $50M", "annualRevenue": 20000000, "type": "PRIVATELY_HELD",
         "technologies": ["AWS"], "location": {"headquarter": {"continent": "Europe", "country": "Portugal", "state": "Lisbon", "city": "Lisboa",
         "street": "Rua Augusta 1", "postalCode": "1000-002", "rawAddress": "Rua Augusta 1, Lisboa", "coordinates": {"lat": 38.71, "lng": -9.14}},
         "locations": [{"country": "Spain", "city": "Madrid"}]}}
        """

    static func file(_ lines: [String]) throws -> String {
        let path = TestEnvironment.scratchPath("import-\(UUID().uuidString).jsonl")
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// People as the importer reads them: one JSON line each, numbered from 1.
    static func lines(_ people: some Sequence<Person>) throws -> [(line: Int, text: Data)] {
        try people.enumerated().map { index, person in (line: index + 1, text: try JSONEncoder().encode(person)) }
    }

    /// The JSON of one line, without the keys the directory owns.
    static func json(_ text: String, dropping keys: [String] = []) throws -> JSONValue {
        guard case .object(var object) = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return .null }
        for key in keys { object[key] = nil }
        return .object(object.filter { $0.value != .null })
    }

    /// The JSON `text` of a record as the API writes it.
    static func complete<Record: Codable>(_: Record.Type, _ text: String) throws -> String {
        String(decoding: try JSONEncoder().encode(try JSONDecoder().decode(Record.self, from: Data(text.utf8))), as: UTF8.self)
    }

    @Test("a record read back through the API equals what was imported, field for field")
    func roundTrip() async throws {
        let binary = try LeadbaseBinary()
        let configuration = try await TestEnvironment.configuration()
        let people = try Self.file([Self.fullPerson.replacingOccurrences(of: "\n", with: " ")])
        let companies = try Self.file([Self.fullCompany.replacingOccurrences(of: "\n", with: " ")])
        let result = try await binary.run(["import", "--people", people, "--companies", companies], configuration)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("people: 1 read, 1 inserted"))
        try await withTestApp(configure: { $0 = configuration }) { api, tenant, _ in
            let person = try await api.request(
                .get, "/api/v1/entities/prospects/person/b1000000-0000-4000-8000-000000000001", token: tenant.alice.token)
            #expect(person.status == .ok)
            // What was imported, as the API writes it: every field (a list the file left out is
            // `[]`), ids in lower case.
            let expected = try Self.json(Self.complete(Person.self, Self.fullPerson))
            let read = try Self.json(person.text, dropping: ["createdAt", "updatedAt", "company"])
            #expect(read.normalizingExperienceEnd == expected.normalizingExperienceEnd)
            #expect(try Self.json(person.text).objectValue?["createdAt"] != nil)
            let company = try await api.request(
                .get, "/api/v1/entities/prospects/company/b2000000-0000-4000-8000-000000000001", token: tenant.alice.token)
            #expect(
                try Self.json(company.text, dropping: ["createdAt", "updatedAt"])
                    == Self.json(Self.complete(Company.self, Self.fullCompany)))
        }
    }

    @Test("JSON Lines are read whole whatever the chunk boundaries, blank lines skipped but counted", arguments: [1, 2, 3, 7, 64, 1 << 20])
    func lineReader(chunkSize: Int) throws {
        let path = try Self.file(["{\"a\": 1}", "", "  \t", "{\"b\": \"two words\"}", "{\"c\": [1, 2, 3]}\r", "{\"last\": true}"])
        let lines = JSONLinesFile(path: path, chunkSize: chunkSize).map { "\($0.line):\(String(decoding: $0.text, as: UTF8.self))" }
        #expect(lines == ["1:{\"a\": 1}", "4:{\"b\": \"two words\"}", "5:{\"c\": [1, 2, 3]}\r", "6:{\"last\": true}"])
    }

    @Test("every line arrives whatever the batch boundaries: none, exactly full batches, a batch of only bad lines, a partial last batch")
    func batchBoundaries() async throws {
        let binary = try LeadbaseBinary()
        let configuration = try await TestEnvironment.configuration()
        let good = { (n: Int) in #"{"firstName": "Person", "lastName": "Number \#(n)"}"# }
        for (lines, inserted) in [([String](), 0), ((1...4).map(good), 4), ([good(5), good(6), "bad", "bad"], 2), ((7...11).map(good), 5)] {
            let result = try await binary.run(["import", "--people", try Self.file(lines), "--batch-size", "2", "--json"], configuration)
            let summary = try JSONDecoder().decode([JSONValue].self, from: Data(result.stdout.utf8))
            guard case .object(let people)? = summary.first else {
                Issue.record("\(result.stdout) \(result.stderr)")
                continue
            }
            #expect(people["read"] == .number(Double(lines.count)))
            #expect(people["inserted"] == .number(Double(inserted)))
        }
        let count = try await TestEnvironment.rowCount("people", configuration)
        #expect(count == 11)
    }

    @Test("bad lines are reported with their number and reason and skipped; the exit status says so")
    func badLines() async throws {
        let binary = try LeadbaseBinary()
        let configuration = try await TestEnvironment.configuration()
        let path = try Self.file([
            #"{"firstName": "Good", "lastName": "One"}"#,
            #"{"firstName": "Broken""#,
            #"{"lastName": "Nameless"}"#,
            #"{"firstName": "Typed", "lastName": "Wrong", "emails": "not-a-list"}"#,
            "",
            #"["an", "array"]"#,
            #"{"firstName": " ", "lastName": "Blank"}"#,
            #"{"firstName": "Also", "lastName": "Good", "id": "b1000000-0000-4000-8000-0000000000aa"}"#,
        ])
        let result = try await binary.run(["import", "--people", path, "--json"], configuration)
        #expect(result.status == 1)
        let summary = try JSONDecoder().decode([JSONValue].self, from: Data(result.stdout.utf8))
        guard case .object(let people)? = summary.first else {
            Issue.record("\(result.stdout)")
            return
        }
        #expect(people["read"] == 7)
        #expect(people["inserted"] == 2)
        #expect(
            people["rejected"] == [
                ["line": 2, "reason": "not valid JSON"],
                ["line": 3, "reason": "firstName: Required"],
                ["line": 4, "reason": "emails: expected a list"],
                ["line": 6, "reason": "expected a JSON object, got array"],
                ["line": 7, "reason": "firstName: Expected a non-empty string"],
            ])
        let again = try await binary.run(["import", "--people", path, "--json"], configuration)
        let second = try JSONDecoder().decode([JSONValue].self, from: Data(again.stdout.utf8))
        guard case .object(let rerun)? = second.first else {
            Issue.record("\(again.stdout)")
            return
        }
        #expect(rerun["inserted"] == 0, "a record without id gets the same id again")
        #expect(rerun["unchanged"] == 2, "re-importing changes nothing")
    }

    @Test("a person without id is matched by normalized LinkedIn URL and updated in place")
    func linkedinMatch() async throws {
        let binary = try LeadbaseBinary()
        let configuration = try await TestEnvironment.configuration()
        let first = try Self.file([
            #"{"id": "b1000000-0000-4000-8000-000000000009", "firstName": "Ann", "lastName": "Lee", "linkedinUrl": "https://www.linkedin.com/in/annlee"}"#
        ])
        let second = try Self.file([#"{"firstName": "Ann", "lastName": "Lee-Smith", "linkedinUrl": "http://uk.linkedin.com/in/AnnLee/"}"#])
        #expect(try await binary.run(["import", "--people", first], configuration).status == 0)
        let update = try await binary.run(["import", "--people", second], configuration)
        #expect(update.stdout.contains("0 inserted, 1 updated"), "\(update.stdout)")
        try await withTestApp(configure: { $0 = configuration }) { api, tenant, _ in
            let search = try await api.searchPeople(tenant.alice.token, "{}")
            #expect(contentIDs(search) == [UUID(uuidString: "b1000000-0000-4000-8000-000000000009")!])
            guard case .array(let content)? = search["content"], case .object(let ann)? = content.first else { return }
            #expect(ann["lastName"] == "Lee-Smith")
        }
    }

    @Test("seed is deterministic and its --out files import to the same directory")
    func seed() async throws {
        let binary = try LeadbaseBinary()
        let configuration = try await TestEnvironment.configuration()
        let out = TestEnvironment.scratchPath("seed-\(UUID().uuidString)")
        #expect(
            try await binary.run(["seed", "--people", "40", "--companies", "5", "--seed", "7", "--out", out], configuration).status == 0)
        let imported = try await binary.run(
            ["import", "--people", "\(out)/people.jsonl", "--companies", "\(out)/companies.jsonl"], configuration)
        #expect(imported.status == 0, "\(imported.stderr)")
        let seeded = try await binary.run(["seed", "--people", "40", "--companies", "5", "--seed", "7"], configuration)
        #expect(seeded.stdout.contains("people: 40 read, 0 inserted, 0 updated, 40 unchanged"), "\(seeded.stdout)")
        let first = DirectorySeed(seed: 7, companies: 5, people: 40)
        #expect(Array(first.people) == Array(DirectorySeed(seed: 7, companies: 5, people: 40).people))
        #expect(Array(first.people) != Array(DirectorySeed(seed: 8, companies: 5, people: 40).people))
        try await withTestApp(configure: { $0 = configuration }) { api, tenant, _ in
            let all = try await api.searchPeople(tenant.alice.token, #"{"size": 0}"#)
            #expect(all["totalElements"] == 40)
            let companies = try await api.searchCompanies(tenant.alice.token, #"{"size": 0}"#)
            #expect(companies["totalElements"] == 5)
        }
    }

    /// Text that a bulk format must escape: `COPY`'s backslash, tab, line feed and carriage
    /// return, an array literal's quotes, braces, commas and backslashes, and a NULL look-alike.
    static var awkwardPerson: Person {
        var person = Person(id: UUID(), firstName: "Back\\slash \"Quote\"", lastName: "Tab\tNew\nLine\rReturn")
        person.jobTitle = "\\N"
        person.city = "Zürich\\"
        person.departments = ["a\"b", "c\\d", "{e,f}", "g\th", "NULL", "\\N", " "]
        person.skills = ["C\\", "{}", "\"", "x,y"]
        person.emails = ["a\\b@example.com"]
        person.linkedinUrl = "https://www.linkedin.com/in/back\\slash"
        return person
    }

    @Test("a person's text survives the bulk write whole: document and search columns")
    func awkwardText() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let person = Self.awkwardPerson
            let outcome = try await SQLDirectoryStore(database: database).upsert(people: [person])
            #expect(outcome.inserted == 1)
            let stored = try #require(try await SQLDirectoryStore(database: database).person(person.id))
            var read = try JSONDecoder().decode(Person.self, from: Data(stored.person.text.utf8))
            read.createdAt = nil
            read.updatedAt = nil
            #expect(read == (try encodedAndDecoded(person)))

            let indexed = IndexedDirectorySearch(database: database)
            try await indexed.load()
            for search in [indexed as any DirectorySearch, SQLDirectorySearch(database: database)] {
                for body in [
                    #"{"contact": {"departmentAndFunction": {"all": {"include": ["a\"b", "c\\d", "{e,f}", "g\th", "NULL", "\\N"]}}}}"#,
                    #"{"contact": {"location": {"any": {"include": ["ZÜRICH\\"]}}}}"#,
                    #"{"contact": {"jobTitle": {"any": {"include": {"mode": "STRICT", "content": ["n"]}}}}}"#,
                    #"{"contact": {"skill": {"any": {"include": {"mode": "WORD", "content": ["c"]}}}}}"#,
                    #"{"contact": {"socialMediaLink": {"any": {"include": ["linkedin.com/in/back\\slash"]}}}}"#,
                ] {
                    let filter = try SearchRequests.people(from: JSONValue.parse(body.utf8)).filter
                    let found = try await search.people(matching: filter, window: ResultWindow(offset: 0, limit: 10))
                    #expect(found.items.map(\.id) == [person.id], "\(type(of: search)): \(body)")
                }
            }
        }
    }

    @Test("two imports of the same new people at once: each person is written once, neither fails")
    func concurrentImports() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let seed = DirectorySeed(seed: 5, companies: 20, people: 2_500)
            let importer = DirectoryImporter(store: SQLDirectoryStore(database: database), batchSize: 500)
            let lines = try Self.lines(seed.people)
            async let first = importer.run(.people, lines: lines)
            async let second = importer.run(.people, lines: lines.reversed())
            let reports = try await [first, second]
            #expect(reports.map(\.rejected.count) == [0, 0])
            #expect(reports.map(\.inserted).reduce(0, +) == 2_500, "each person inserted by one of them")
            #expect(reports.map { $0.inserted + $0.unchanged } == [2_500, 2_500])
            let count = try await database.withSession { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM people").first()?.decode(column: "n", as: Int.self)
            }
            #expect(count == 2_500)
        }
    }

    @Test("a later line wins over an earlier one in another batch, also when the earlier batch meets a stored person")
    func laterLineWins() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let store = SQLDirectoryStore(database: database)
            let people = Array(DirectorySeed(seed: 9, companies: 3, people: 3).people)
            _ = try await store.upsert(people: [people[2]])
            var stored = people[2]
            stored.headline = "Changed"
            var first = people[0]
            first.headline = "First"
            var second = people[0]
            second.headline = "Second"
            // Batches of two: the first is refused as all new (a stored person) and written the
            // usual way; PostgreSQL would write the second beside it, were it not for their
            // shared person.
            let lines = try Self.lines([stored, first, second, people[1]])
            let report = try await DirectoryImporter(store: store, batchSize: 2).run(.people, lines: lines)
            #expect(report.rejected.isEmpty)
            #expect(report.inserted == 2)
            #expect(report.updated == 2)
            let written = try #require(try await store.person(people[0].id))
            #expect(try JSONDecoder().decode(Person.self, from: Data(written.person.text.utf8)).headline == "Second")
        }
    }

    @Test(
        "a write that meets a person another writer stored after it read is read and planned again (PostgreSQL, whose writers run side by side)",
        .enabled(if: TestEnvironment.postgresURL != nil))
    func writeConflictRetried() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let person = DirectorySeed(seed: 9, companies: 3, people: 1).person(at: 0)
            var earlier = person
            earlier.headline = "Earlier"
            var later = person
            later.headline = "Later"
            let (first, second) = (earlier, later)
            // The first writer stores the person and stops before it commits; the second reads
            // (nothing committed yet), plans an insert, and waits on the first's row.
            let lock = try await RevisionRowLock.take(in: database)
            let (firstWrite, waiting) = try await lock.write([first], in: database)
            #expect(waiting, "the first write waits for the revision row")
            let secondWrite = Task { try await SQLDirectoryStore(database: database).upsert(people: [second]) }
            #expect(
                try await RevisionRowLock.waitUntil(
                    """
                    SELECT count(*) AS n FROM pg_stat_activity
                    WHERE wait_event = 'transactionid' AND query LIKE 'COPY "people"%' AND datname = current_database()
                    """, in: database), "the second write waits on the first's row")
            try await lock.release()

            #expect(try await firstWrite.value.inserted == 1)
            let outcome = try await secondWrite.value
            #expect((outcome.inserted, outcome.updated) == (0, 1), "refused as new, then planned as a change")
            let stored = try #require(try await SQLDirectoryStore(database: database).person(person.id))
            #expect(try JSONDecoder().decode(Person.self, from: Data(stored.person.text.utf8)).headline == "Later")
        }
    }

    @Test("a LinkedIn URL that belongs to another person is refused at write time, reported at its own line")
    func refusedAtWrite() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let (first, second) = (UUID(), UUID())
            func person(_ id: UUID, _ name: String, _ url: String?) -> Person {
                var person = Person(id: id, firstName: name, lastName: "Example")
                person.linkedinUrl = url
                return person
            }
            // Batches of two, prepared side by side: line 5 gives the second person the first one's URL.
            let people = [
                person(first, "First", "https://linkedin.com/in/first"), person(second, "Second", "https://linkedin.com/in/second"),
                person(UUID(), "Third", nil), person(UUID(), "Fourth", nil),
                person(second, "Second", "https://www.linkedin.com/in/first/"), person(UUID(), "Sixth", nil),
            ]
            let lines = try Self.lines(people)
            let report = try await DirectoryImporter(store: SQLDirectoryStore(database: database), batchSize: 2).run(.people, lines: lines)
            #expect(report.rejected.map(\.line) == [5])
            #expect(report.rejected.map(\.reason) == ["linkedinUrl already belongs to \(first.uuidString.lowercased())"])
            #expect(report.inserted == 5)
            #expect(report.updated == 0)
        }
    }

    @Test("a row's timestamp columns hold the times its document shows, for new rows and updated ones")
    func timestampColumnsMatchDocuments() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let store = SQLDirectoryStore(database: database)
            let people = Array(DirectorySeed(seed: 4, companies: 2, people: 12).people)
            // One write each, so that each has a time of its own: half of all milliseconds are a
            // hair below themselves as a Double, which is where a column and its document parted.
            for person in people { _ = try await store.upsert(people: [person]) }
            for var person in people.prefix(6) {
                person.headline = "Changed"
                _ = try await store.upsert(people: [person])
            }
            let rows = try await database.withSession { sql in
                try await sql.raw("SELECT doc, created_at, updated_at FROM people").all()
            }
            #expect(rows.count == 12)
            var updated = 0
            for row in rows {
                let document = try JSONDecoder().decode(Person.self, from: Data(try row.decode(column: "doc", as: String.self).utf8))
                let (created, changed) = (
                    try row.decode(column: "created_at", as: Date.self), try row.decode(column: "updated_at", as: Date.self)
                )
                #expect(document.createdAt == ISO8601.format(created))
                #expect(document.updatedAt == ISO8601.format(changed))
                if document.headline == "Changed" {
                    updated += 1
                    #expect(changed > created)
                }
            }
            #expect(updated == 6)
        }
    }

    @Test("a company's integers are kept whole, beyond a 32-bit integer too, and a missing one stays missing")
    func companyIntegers() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let store = SQLDirectoryStore(database: database)
            var big = Company(id: UUID(), name: "Big")
            big.foundedYear = 3_000_000_000
            big.employeeCount = 9_000_000_000
            big.annualRevenue = 9_000_000_000_000
            let small = Company(id: UUID(), name: "Small")
            #expect(try await store.upsert(companies: [big, small]).inserted == 2)
            for company in [big, small] {
                var read = try #require(try await store.company(company.id))
                read.createdAt = nil
                read.updatedAt = nil
                #expect(read == (try encodedAndDecoded(company)))
            }
            let years = try await database.withSession { sql in
                try await sql.raw("SELECT founded_year FROM companies ORDER BY name").all().map {
                    try $0.decode(column: "founded_year", as: Int?.self)
                }
            }
            #expect(years == [3_000_000_000, nil])
        }
    }

    @Test("a wide person is read back whole, and on PostgreSQL its row stays out of the TOAST table")
    func widePersonInline() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let store = SQLDirectoryStore(database: database)
            var person = Person(id: UUID(), firstName: "Wide", lastName: "Row")
            // ~1.5 kB of text that compresses badly, in the document and twice more in the search
            // columns (skills, keywords): over PostgreSQL's 2 kB threshold, within a page.
            person.skills = (0..<40).map { _ in UUID().uuidString }
            #expect(try await store.upsert(people: [person]).inserted == 1)
            let written = try #require(try await store.person(person.id))
            var read = try JSONDecoder().decode(Person.self, from: Data(written.person.text.utf8))
            read.createdAt = nil
            read.updatedAt = nil
            #expect(read == (try encodedAndDecoded(person)))
            guard database.dialect == .postgres else { return }
            let toastBytes = try await database.withSession { sql in
                try await sql.raw("SELECT pg_relation_size(reltoastrelid) AS size FROM pg_class WHERE oid = 'people'::regclass")
                    .first()?.decode(column: "size", as: Int.self)
            }
            #expect(toastBytes == 0)
        }
    }

    @Test("an import whose write fails ends with that error, after the batches it started, instead of hanging")
    func failedWrite() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            try await database.withSession { sql in try await sql.raw("ALTER TABLE people RENAME TO people_elsewhere").run() }
            let lines = try Self.lines(DirectorySeed(seed: 5, companies: 2, people: 40).people)
            await #expect(throws: (any Error).self) {
                try await DirectoryImporter(store: SQLDirectoryStore(database: database), batchSize: 5).run(.people, lines: lines)
            }
            try await database.withSession { sql in try await sql.raw("ALTER TABLE people_elsewhere RENAME TO people").run() }
            let report = try await DirectoryImporter(store: SQLDirectoryStore(database: database), batchSize: 5).run(.people, lines: lines)
            #expect(report.inserted == 40)
        }
    }

    @Test("batches of new people, then one that meets stored people: those are updated in place, nobody is written twice")
    func newThenStored() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let store = SQLDirectoryStore(database: database)
            let people = Array(DirectorySeed(seed: 9, companies: 3, people: 8).people)
            _ = try await store.upsert(people: [people[6], people[7]])
            // The same LinkedIn URL under another id, and the same id with other content.
            var sameURL = people[6]
            sameURL.id = UUID()
            sameURL.headline = "Changed by URL"
            var sameID = people[7]
            sameID.headline = "Changed by id"
            // In batches of two: new, then new and stored (by URL), then new, then stored (by id)
            // and new. PostgreSQL writes a batch after an all-new one without reading first.
            let lines = try Self.lines([people[0], people[1], people[2], sameURL, people[3], people[4], sameID, people[5]])
            let report = try await DirectoryImporter(store: store, batchSize: 2).run(.people, lines: lines)
            #expect(report.rejected.isEmpty)
            #expect(report.inserted == 6)
            #expect(report.updated == 2)
            #expect(report.unchanged == 0)
            let rows = try await database.withSession { sql in
                try await sql.raw("SELECT id, doc FROM people").all().map { row in
                    (try row.decode(column: "id", as: UUID.self), try row.decode(column: "doc", as: String.self))
                }
            }
            #expect(Set(rows.map(\.0)) == Set(people.map(\.id)), "no row for the id that came with a known URL")
            let headlines = try Dictionary(
                uniqueKeysWithValues: rows.map { id, doc in
                    (id, try JSONDecoder().decode(Person.self, from: Data(doc.utf8)).headline ?? "")
                })
            #expect(headlines[people[6].id] == "Changed by URL")
            #expect(headlines[people[7].id] == "Changed by id")
            #expect(headlines[people[0].id] == people[0].headline ?? "")
        }
    }

}

extension JSONValue {
    /// Explicit `"end": null` and a left-out `end` mean the same; compare without them.
    var normalizingExperienceEnd: JSONValue {
        switch self {
        case .object(let object):
            return .object(object.filter { $0.value != .null }.mapValues(\.normalizingExperienceEnd))
        case .array(let values):
            return .array(values.map(\.normalizingExperienceEnd))
        default:
            return self
        }
    }
}
