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

    /// Company search bodies: every account key, and `url`.
    static var companyBodies: [String] {
        let company = seed.company(at: 5)
        return ["{}"]
            + bodies.filter { $0.hasPrefix(#"{"account""#) }
            + [
                #"{"url": ["\#(company.linkedinUrl ?? "")", "\#(seed.company(at: 9).websiteUrl ?? "")"]}"#,
                #"{"url": ["https://nowhere.example"], "account": {"type": {"any": {"include": ["privately_held"]}}}}"#,
            ]
    }

    /// Every body at every window, answered by the index (which must be current) and by SQL:
    /// people searches, bulk windows, company searches and the people of some companies.
    /// Answers how many people bodies select some people but not all.
    @discardableResult
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
        for body in companyBodies {
            let (request, urls) = try SearchRequests.companies(from: JSONValue.parse(body.utf8))
            for window in [ResultWindow(offset: 0, limit: 100), ResultWindow(offset: 3, limit: 7), ResultWindow(offset: 0, limit: 0)] {
                let expected = try await sql.companies(matching: request.filter, urls: urls, window: window)
                let found = try await indexed.companies(matching: request.filter, urls: urls, window: window)
                #expect(found.total == expected.total, "company total of \(body)")
                #expect(found.items.map(\.id) == expected.items.map(\.id), "company window \(window) of \(body)")
            }
        }
        for company in [seed.company(at: 0).id, seed.company(at: 1).id, seed.company(at: 59).id, UUID()] {
            for window in [ResultWindow(offset: 0, limit: 100), ResultWindow(offset: 2, limit: 3)] {
                let expected = try await sql.people(atCompany: company, window: window)
                let found = try await indexed.people(atCompany: company, window: window)
                #expect(found.total == expected.total, "people at \(company)")
                #expect(found.items.map(\.id) == expected.items.map(\.id), "people at \(company), \(window)")
            }
        }
        return selective
    }

    /// The fixture in `database`, and an index loaded from it.
    static func fixtureIndex(_ database: Database, folder: String? = nil) async throws -> IndexedDirectorySearch {
        try await DirectoryFixture.load(into: database)
        let indexed = IndexedDirectorySearch(database: database, folder: folder)
        try await indexed.load()
        return indexed
    }

    /// The seeded directory and the fixture in `database`, and an index loaded from them.
    static func loadedIndex(_ database: Database, folder: String? = nil) async throws -> IndexedDirectorySearch {
        let store = SQLDirectoryStore(database: database)
        _ = try await store.upsert(companies: Array(seed.companies))
        _ = try await store.upsert(people: Array(seed.people))
        return try await fixtureIndex(database, folder: folder)
    }

    @Test("every key, mode and operator: the index gives SQL's totals and windows", arguments: [false, true])
    func sameAsSQL(inFiles: Bool) async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            let sql = SQLDirectorySearch(database: database)
            let indexed = try await Self.loadedIndex(database, folder: inFiles ? configuration.indexDirectory : nil)
            let snapshot = try #require(indexed.snapshot)
            #expect(snapshot.revision == (try await DirectoryRevision.current(in: database)), "current, so it is what answers below")
            #expect(snapshot.segments.map { $0.file != nil } == [inFiles])
            let selective = try await Self.compare(indexed, with: sql)
            // The comparison means little if most filters match nobody or everybody.
            #expect(selective >= Self.bodies.count * 3 / 4, "\(selective) of \(Self.bodies.count) filters select some but not all")
        }
    }

    @Test("a directory built in several segments and merged answers as one built at once")
    func chunkedBuild() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            _ = try await Self.loadedIndex(database)
            var settings = IndexMaintainer.Settings()
            settings.chunkSize = 100
            settings.pageSize = 64
            let chunked = IndexedDirectorySearch(
                database: database, folder: configuration.indexDirectory, catchUpWait: .seconds(5), settings: settings)
            try await chunked.load()
            #expect(chunked.snapshot?.segments.count == 1, "16 chunks merged into one")
            #expect(chunked.snapshot?.peopleCount == 1_505)
            try await Self.compare(chunked, with: SQLDirectorySearch(database: database))
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
            try await indexed.load()
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
                #"{"contact": {"skill": {"any": {"include": {"mode": "WORD", "content": ["creme brulee"]}}}}}"#,
            ]
            let expected = [2, 2, 3, 2, 1, 1, 2, 5, 3, 1]
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
}
