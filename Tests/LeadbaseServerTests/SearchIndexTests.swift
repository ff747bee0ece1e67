import Foundation
import Hummingbird
import LeadbaseCore
import LeadbaseJSON
import LeadbaseSeed
import LeadbaseTestSupport
import Testing

@testable import LeadbaseServer
@testable import LeadbaseStore

/// The in-memory index must answer exactly what SQL answers: the same totals and the same
/// windows, for every key, mode and operator, on a seeded directory (plus the fixture's accents).
@Suite("Search index")
struct SearchIndexTests {
    static let seed = DirectorySeed(seed: 7, companies: 60, people: 1_500)

    /// Bodies of people searches covering every key, each form and operator, and combinations.
    static var bodies: [String] {
        let company = seed.company(at: 0)
        let person = seed.person(at: 3)
        let contact: [String: [String]] = [
            "fullName": [
                #"{"any": {"include": {"mode": "SMART", "content": ["jo", "ma"]}}}"#,
                #"{"any": {"include": {"mode": "SMART", "content": ["jos garc"]}}}"#,
                #"{"any": {"include": {"mode": "SMART", "content": ["zoe", "jurgen", "lukasz", "hernandez"]}}}"#,
                #"{"all": {"include": {"mode": "SMART", "content": ["a", "s"]}}}"#,
                #"{"any": {"include": {"mode": "WORD", "content": ["maría"]}}, "all": {"exclude": {"mode": "WORD", "content": ["smith"]}}}"#,
                #"{"any": {"include": {"mode": "STRICT", "content": ["José García", "zoë müller"]}}}"#,
                #"{"any": {"exclude": {"mode": "SMART", "content": ["m"]}}}"#,
            ],
            "jobTitle": [
                #"{"any": {"include": {"mode": "WORD", "content": ["director"]}}}"#,
                #"{"any": {"include": {"mode": "SMART", "content": ["dir of", "vp"]}}}"#,
                #"{"any": {"include": {"mode": "STRICT", "content": ["VP of Sales"]}}}"#,
                #"{"any": {"include": ["sales manager"]}}"#,
                #"{"all": {"include": {"mode": "WORD", "content": ["of", "sales"]}}}"#,
            ],
            "seniority": [
                #"{"any": {"include": ["vp", "director", "c_suite"]}}"#,
                #"{"any": {"exclude": ["senior", "mid-level"]}}"#,
                #"{"all": {"include": ["vp"]}, "any": {"exclude": ["vp"]}}"#,
                #"{"all": {"exclude": ["vp", "manager"]}}"#,
            ],
            "departmentAndFunction": [
                #"{"any": {"include": ["master_sales", "master_marketing"]}}"#,
                #"{"all": {"include": ["master_sales", "business_development"]}}"#,
                #"{"any": {"exclude": ["sales"]}}"#,
            ],
            "location": [
                #"{"any": {"include": ["United States"]}}"#,
                #"{"any": {"include": ["ZÜRICH", "são paulo"]}}"#,
                #"{"all": {"include": ["california", "united states"]}, "any": {"exclude": ["san francisco"]}}"#,
            ],
            "skill": [
                #"{"any": {"include": {"mode": "SMART", "content": ["sal"]}}}"#,
                #"{"any": {"include": {"mode": "WORD", "content": ["cold calling"]}}}"#,
                #"{"all": {"include": {"mode": "WORD", "content": ["sales", "negotiation"]}}}"#,
                #"{"any": {"exclude": {"mode": "SMART", "content": ["python"]}}}"#,
            ],
            "language": [
                #"{"all": {"include": ["English", "Spanish"]}}"#,
                #"{"any": {"include": ["french"]}, "all": {"exclude": ["english", "german"]}}"#,
                #"{"any": {"include": ["English"]}, "range": {"start": "PROFESSIONAL_WORKING"}}"#,
                #"{"all": {"include": {"mode": "SMART", "content": ["eng", "span"]}}, "range": {"end": "LIMITED_WORKING"}}"#,
                #"{"range": {"start": "NATIVE_OR_BILINGUAL"}, "any": {"exclude": ["english"]}}"#,
                #"{"any": {"include": {"mode": "SMART", "content": ["fren"]}}}"#,
            ],
            "keyword": [
                #"{"any": {"include": {"mode": "SMART", "content": ["dir"]}}}"#,
                #"{"any": {"include": {"mode": "WORD", "content": ["stealth startup"]}}}"#,
                #"{"any": {"exclude": {"mode": "WORD", "content": ["director"]}}}"#,
                #"{"any": {"include": {"sources": ["TITLE"], "content": ["sales"]}}}"#,
                #"{"sources": ["SKILL", "CERTIFICATION"], "content": ["aws", "pyth"]}"#,
                #"{"all": {"include": {"sources": ["HEADLINE"], "mode": "WORD", "content": ["at", "stealth"]}}}"#,
                #"{"any": {"exclude": {"sources": [], "content": ["sales"]}}}"#,
            ],
            "certification": [
                #"{"any": {"include": {"mode": "SMART", "content": ["aws"]}}}"#,
                #"{"any": {"include": {"mode": "WORD", "content": ["certified"]}}, "all": {"exclude": ["PMP"]}}"#,
                #"{"any": {"include": ["PMP", "cfa"]}}"#,
            ],
            "socialMedia": [
                #"{"any": {"include": ["TWITTER", "GITHUB"]}}"#,
                #"{"all": {"include": ["LINKEDIN", "TWITTER"]}}"#,
                #"{"any": {"exclude": ["INSTAGRAM"]}}"#,
            ],
            "education": [
                #"{"school": {"any": {"include": {"mode": "SMART", "content": ["stanford", "zurich"]}}}, "degree": {"any": {"include": ["MBA"]}}}"#,
                #"{"fieldOfStudy": {"any": {"include": {"mode": "WORD", "content": ["computer"]}}}, "date": {"type": "RANGE", "range": {"start": 2000, "end": 2010}}}"#,
                #"{"date": {"type": "RANGE", "range": [{"end": 1995}, {"start": 2020}]}}"#,
                #"{"degree": {"all": {"exclude": {"mode": "SMART", "content": ["bach"]}}}}"#,
            ],
            "company": [
                #"{"current": {"any": {"include": ["\#(company.id.uuidString)"]}}}"#,
                #"{"current": {"any": {"include": ["\#(company.name)"]}}, "previous": {"any": {"exclude": ["\#(company.name)"]}}}"#,
                #"{"previous": {"any": {"include": ["\#(seed.company(at: 1).id.uuidString.lowercased())", "\#(seed.company(at: 2).name)"]}}}"#,
            ],
            "socialMediaLink": [
                #"{"any": {"include": ["\#(person.linkedinUrl ?? "")", "twitter.com/zoe"]}}"#
            ],
        ]
        let account: [String: [String]] = [
            "industry": [
                #"{"any": {"include": ["software development", "financial services"]}}"#,
                #"{"any": {"exclude": ["software development"]}}"#,
            ],
            "location": [#"{"any": {"include": ["germany", "SWITZERLAND"]}}"#, #"{"all": {"exclude": ["united states", "california"]}}"#],
            "employeeSize": [
                #"{"type": "RANGE", "range": [{"start": 50, "end": 500}]}"#,
                #"{"type": "RANGE", "range": [{"end": 10}, {"start": 5000}]}"#,
                #"{"type": "RANGE", "range": [{}]}"#,
            ],
            "revenue": [#"{"type": "RANGE", "range": [{"start": 1000000}]}"#, #"{"type": "NONE"}"#, #"{"type": "ALL"}"#],
            "foundedYear": [#"{"type": "RANGE", "range": {"start": 1990, "end": 2010}}"#],
            "type": [#"{"any": {"include": ["privately_held"]}}"#, #"{"any": {"exclude": ["public_company"]}}"#],
            "technology": [#"{"all": {"include": ["aws", "salesforce"]}}"#, #"{"any": {"include": ["stripe", "okta"]}}"#],
            "name": [
                #"{"any": {"include": {"mode": "SMART", "content": ["a"]}}}"#,
                #"{"any": {"include": {"mode": "STRICT", "content": ["\#(company.name)"]}}}"#,
            ],
            "domain": [#"{"any": {"include": ["\#(company.domain ?? "")", "https://www.\#(seed.company(at: 1).domain ?? "")/about"]}}"#],
            "linkedin": [#"{"any": {"exclude": ["\#(company.linkedinUrl ?? "")"]}}"#],
            "url": [#"{"any": {"include": ["\#(company.websiteUrl ?? "")", "\#(seed.company(at: 1).linkedinUrl ?? "")"]}}"#],
            "industries": [#"{"any": {"include": {"mode": "WORD", "content": ["software"]}}}"#],
            "technologies": [#"{"any": {"include": ["stripe", "okta"]}}"#],
            "keyword": [
                #"{"any": {"include": {"mode": "SMART", "content": ["payments", "fintech"]}}}"#,
                #"{"all": {"exclude": {"mode": "WORD", "content": ["saas"]}}}"#,
            ],
            "socialMedia": [#"{"any": {"include": ["TWITTER"]}}"#, #"{"any": {"exclude": ["FACEBOOK"]}}"#],
            "nameOrDomain": [
                #"{"any": {"include": {"mode": "SMART", "content": ["a"]}}}"#,
                #"{"any": {"include": {"mode": "WORD", "content": ["\#(company.name)"]}}}"#,
                #"{"any": {"exclude": {"mode": "STRICT", "content": ["\#(company.name)"]}}}"#,
            ],
        ]
        var bodies = ["{}"]
        bodies += contact.sorted { $0.key < $1.key }.flatMap { key, values in values.map { #"{"contact": {"\#(key)": \#($0)}}"# } }
        bodies += account.sorted { $0.key < $1.key }.flatMap { key, values in values.map { #"{"account": {"\#(key)": \#($0)}}"# } }
        bodies += [
            #"{"contact": {"seniority": {"any": {"include": ["director", "vp", "c_suite"]}}}, "account": {"industry": {"any": {"include": ["software development", "financial services"]}}, "employeeSize": {"type": "RANGE", "range": [{"start": 50, "end": 500}]}}}"#,
            #"{"contact": {"location": {"any": {"include": ["united states"]}}, "departmentAndFunction": {"any": {"include": ["master_sales", "master_marketing"]}}}}"#,
            #"{"contact": {"jobTitle": {"any": {"include": {"mode": "WORD", "content": ["director"]}}}, "fullName": {"any": {"exclude": {"mode": "SMART", "content": ["j"]}}}}}"#,
        ]
        return bodies
    }

    static let windows = [
        ResultWindow(offset: 0, limit: 100), ResultWindow(offset: 37, limit: 10), ResultWindow(offset: 0, limit: 0),
        ResultWindow(offset: 700, limit: 100), ResultWindow(offset: 1_499, limit: 5), ResultWindow(offset: 5_000, limit: 100),
    ]

    /// Every body at every window, answered by the index (which must be current) and by SQL.
    /// Answers how many bodies select some people but not all.
    static func compare(_ indexed: IndexedDirectorySearch, with sql: SQLDirectorySearch) async throws -> Int {
        let everyone = try await sql.people(matching: SearchFilter(), window: ResultWindow(offset: 0, limit: 0)).total
        var selective = 0
        for body in bodies {
            let filter = try SearchRequests.people(from: JSONValue.parse(body.utf8)).filter
            for window in windows {
                let expected = try await sql.people(matching: filter, window: window)
                let found = try await indexed.people(matching: filter, window: window)
                #expect(found.total == expected.total, "total of \(body)")
                #expect(found.items.map(\.id) == expected.items.map(\.id), "window \(window) of \(body)")
                if found.items.map(\.id) == expected.items.map(\.id) {
                    #expect(found.items == expected.items, "documents of \(body)")
                }
                let ids = try await indexed.personIDs(matching: filter, window: window)
                #expect(ids == expected.items.map(\.id), "bulk window \(window) of \(body)")
                if window.limit == 0, expected.total > 0, expected.total < everyone { selective += 1 }
            }
        }
        return selective
    }

    /// The fixture in `database`, and an index loaded from it.
    static func fixtureIndex(_ database: Database) async throws -> IndexedDirectorySearch {
        try await DirectoryFixture.load(into: database)
        let indexed = IndexedDirectorySearch(database: database)
        try await indexed.reload()
        return indexed
    }

    /// The seeded directory and the fixture in `database`, and an index loaded from them.
    static func loadedIndex(_ database: Database) async throws -> IndexedDirectorySearch {
        let store = SQLDirectoryStore(database: database)
        _ = try await store.upsert(companies: Array(seed.companies))
        _ = try await store.upsert(people: Array(seed.people))
        return try await fixtureIndex(database)
    }

    @Test("every key, mode and operator: the index gives SQL's totals and windows")
    func sameAsSQL() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let sql = SQLDirectorySearch(database: database)
            let indexed = try await Self.loadedIndex(database)
            #expect(try await indexed.current() != nil, "the index is current, so it is what answers below")
            let selective = try await Self.compare(indexed, with: sql)
            // The comparison means little if most filters match nobody or everybody.
            #expect(selective >= Self.bodies.count * 3 / 4, "\(selective) of \(Self.bodies.count) filters select some but not all")
        }
    }

    @Test("SMART finds accented and unaccented lists alike, each entry on its own; WORD and STRICT keep the accents")
    func accentedLists() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            // Lists whose accent-folded form has fewer elements than their words form
            // ("Café" and "Cafe" fold to one), names with and without accents.
            let skills = [["Café", "Cafe", "Crème Brûlée"], ["Cafe"], ["Crème", "Brûlée"], ["creme brulee"], []]
            let people = skills.enumerated().map { index, skills in
                var person = Person(id: UUID(), firstName: index.isMultiple(of: 2) ? "Zoë" : "Zoe", lastName: "Ñandú")
                person.skills = skills
                return person
            }
            _ = try await SQLDirectoryStore(database: database).upsert(people: people)
            let indexed = IndexedDirectorySearch(database: database)
            try await indexed.reload()
            let sql = SQLDirectorySearch(database: database)
            let bodies = [
                #"{"contact": {"skill": {"any": {"include": {"mode": "SMART", "content": ["caf"]}}}}}"#,
                #"{"contact": {"skill": {"any": {"include": {"mode": "SMART", "content": ["creme bru"]}}}}}"#,
                #"{"contact": {"skill": {"any": {"include": {"mode": "SMART", "content": ["crème"]}}}}}"#,
                #"{"contact": {"skill": {"any": {"exclude": {"mode": "SMART", "content": ["brul"]}}}}}"#,
                #"{"contact": {"skill": {"any": {"include": {"mode": "WORD", "content": ["café"]}}}}}"#,
                #"{"contact": {"skill": {"any": {"include": {"mode": "STRICT", "content": ["crème brûlée"]}}}}}"#,
                #"{"contact": {"skill": {"any": {"include": ["Cafe"]}}}}"#,
                #"{"contact": {"fullName": {"any": {"include": {"mode": "SMART", "content": ["zoe nandu"]}}}}}"#,
                #"{"contact": {"fullName": {"any": {"include": {"mode": "WORD", "content": ["zoë"]}}}}}"#,
            ]
            let expected = [2, 2, 3, 2, 1, 1, 2, 5, 3]
            for (body, count) in zip(bodies, expected) {
                let filter = try SearchRequests.people(from: JSONValue.parse(body.utf8)).filter
                let window = ResultWindow(offset: 0, limit: 10)
                let fromSQL = try await sql.people(matching: filter, window: window)
                let fromIndex = try await indexed.people(matching: filter, window: window)
                #expect(fromSQL.total == count, "SQL's total of \(body)")
                #expect(fromIndex.total == fromSQL.total, "total of \(body)")
                #expect(fromIndex.items.map(\.id) == fromSQL.items.map(\.id), "page of \(body)")
            }
        }
    }

    @Test("people written since the last load are laid over it, new and changed ones, in the search order")
    func changes() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let store = SQLDirectoryStore(database: database)
            let indexed = try await Self.loadedIndex(database)
            let loaded = try #require(try await indexed.current())
            #expect(loaded.base.personIDs.count == 1_505)
            #expect(
                zip(loaded.base.personIDs, loaded.base.personIDs.dropFirst()).allSatisfy { $0.precedes($1) },
                "the database's id order is the byte order the changes are merged by")

            // 200 new people, and 100 changed ones (title, seniority and, for some, the name).
            _ = try await store.upsert(people: (1_500..<1_700).map(Self.seed.person(at:)))
            _ = try await store.upsert(
                people: stride(from: 0, to: 1_500, by: 15).map { index in
                    var person = Self.seed.person(at: index)
                    person.jobTitle = "Director of Zebras"
                    person.seniority = "vp"
                    if index % 2 == 0 { person.firstName = "Zoë" }
                    return person
                })
            #expect(try await indexed.current() == nil)
            #expect(try await indexed.applyChanges(limit: { _ in 299 }) == false, "more changes than allowed")
            #expect(try await indexed.applyChanges())
            let current = try #require(try await indexed.current())
            #expect(current.base.personIDs.count == 1_505)
            #expect(current.changes?.personIDs.count == 300)
            let selective = try await Self.compare(indexed, with: SQLDirectorySearch(database: database))
            #expect(selective >= Self.bodies.count * 3 / 4)

            // A changed company changes what its people match: only a full reload will do.
            var company = Self.seed.company(at: 0)
            company.industry = "zoology"
            _ = try await store.upsert(companies: [company])
            #expect(try await indexed.applyChanges() == false)
            try await indexed.reload()
            #expect(try await indexed.current()?.changes == nil)
        }
    }

    @Test("an import makes the index stale: SQL answers at once, and a reload brings the index back")
    func staleness() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let indexed = try await Self.fixtureIndex(database)
            let everyone = SearchFilter()
            let window = ResultWindow(offset: 0, limit: 100)
            #expect(try await indexed.people(matching: everyone, window: window).total == 5)

            // Another process imports (here, the same database through another store).
            var newcomer = Person(id: UUID(), firstName: "Nova", lastName: "Newcomer")
            newcomer.seniority = "vp"
            _ = try await SQLDirectoryStore(database: database).upsert(people: [newcomer])
            #expect(try await indexed.current() == nil, "the index knows it is behind")
            let vps = try SearchRequests.people(from: JSONValue.parse(#"{"contact": {"seniority": {"any": {"include": ["vp"]}}}}"#.utf8))
                .filter
            let stale = try await indexed.people(matching: vps, window: window)
            #expect(stale.items.map(\.id).contains(newcomer.id), "answered by SQL while behind")
            #expect(stale.total == 2)

            try await indexed.reload()
            #expect(try await indexed.current() != nil)
            let fresh = try await indexed.people(matching: vps, window: window)
            #expect(fresh.total == 2)
            #expect(fresh.items.map(\.id).contains(newcomer.id))

            // Writing a record identical to the stored one changes nothing, so the index stays current.
            _ = try await SQLDirectoryStore(database: database).upsert(people: [newcomer])
            #expect(try await indexed.current() != nil, "an unchanged record does not raise the revision")
        }
    }

    @Test(
        "a write still open while the index loads is among the changes once it commits (PostgreSQL, whose writers run side by side)",
        .enabled(if: TestEnvironment.postgresURL != nil))
    func writeOpenDuringLoad() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let indexed = try await Self.fixtureIndex(database)
            // Holding the revision row stops the write below just before it commits, its person
            // written.
            let lock = try await RevisionRowLock.take(in: database)
            var person = Person(id: UUID(), firstName: "Nova", lastName: "Open")
            person.seniority = "vp"
            let newcomer = person
            let (write, waiting) = try await lock.write([newcomer], in: database)
            #expect(waiting, "the write waits for the revision row")
            // A transaction that began after the write ends before it (as any other write may), so
            // that the write is neither the newest transaction nor the oldest finished one.
            try await database.transaction { sql in try await sql.raw("SELECT pg_current_xact_id()").run() }

            try await indexed.reload()
            #expect(try await indexed.current()?.base.personIDs.contains(newcomer.id) == false, "current, without the open write")
            try await lock.release()
            #expect(try await write.value.inserted == 1)

            #expect(try await indexed.current() == nil, "the write's commit raised the revision")
            #expect(try await indexed.applyChanges())
            let current = try #require(try await indexed.current())
            #expect(current.changes?.personIDs == [newcomer.id])
            let vps = try SearchRequests.people(from: JSONValue.parse(#"{"contact": {"seniority": {"any": {"include": ["vp"]}}}}"#.utf8))
                .filter
            let found = try await indexed.people(matching: vps, window: ResultWindow(offset: 0, limit: 100))
            #expect(found.items.map(\.id).contains(newcomer.id))
        }
    }

    @Test("the background service brings a stale index up to date")
    func backgroundReload() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let indexed = try await Self.fixtureIndex(database)
            let service = Task { await indexed.run(settle: .milliseconds(20)) }
            defer { service.cancel() }

            _ = try await SQLDirectoryStore(database: database).upsert(people: [Person(id: UUID(), firstName: "Nova", lastName: "Newcomer")]
            )
            #expect(try await indexed.current() == nil, "behind: this search asks for a reload")
            var caughtUp = false
            for _ in 0..<500 where !caughtUp {
                try await Task.sleep(for: .milliseconds(20))
                caughtUp = try await indexed.current() != nil
            }
            #expect(caughtUp, "reloaded within 10 s")
            #expect(try await indexed.people(matching: SearchFilter(), window: ResultWindow(offset: 0, limit: 0)).total == 6)
        }
    }
}
