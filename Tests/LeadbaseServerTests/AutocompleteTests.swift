import Foundation
import LeadbaseCore
import LeadbaseJSON
import LeadbaseTestSupport
import Testing

@testable import LeadbaseStore

@Suite("Autocomplete")
struct AutocompleteTests {
    static let base = "/api/v1/operations/autocomplete"

    /// The `content` of a page, or a bare array.
    private func items(_ response: APIResponse) -> [JSONValue] {
        if case .array(let items)? = response["content"] { return items }
        if case .array(let items)? = response.body { return items }
        return []
    }

    private func values(_ response: APIResponse, _ key: String) -> [String] {
        items(response).compactMap { $0.objectValue?[key]?.stringValue }
    }

    @Test("companies: name or domain words, largest first, unknown size last, in the page envelope")
    func companies() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let all = try await api.request(.get, "\(Self.base)/companies", token: t)
            #expect(all.status == .ok)
            #expect(contentIDs(all) == [F.globex, F.acme, F.initech])
            #expect(all["totalElements"] == 3)
            #expect(all["size"] == 10, "companies default to 10")
            let acme = try JSONValue.parse(
                #"""
                {"id": "c0000000-0000-4000-8000-000000000001", "name": "Acme Software", "logo": null,
                 "url": "https://www.linkedin.com/company/acme", "domain": "acme.io", "domainLtd": "io", "website": null,
                 "employeeCount": 250}
                """#.utf8)
            #expect(items(try await api.request(.get, "\(Self.base)/companies?search=ACM", token: t)) == [acme])
            #expect(contentIDs(try await api.request(.get, "\(Self.base)/companies?search=acme.io", token: t)) == [F.acme])
            #expect(contentIDs(try await api.request(.get, "\(Self.base)/companies?search=glo%20corp", token: t)) == [F.globex])
            #expect(contentIDs(try await api.request(.get, "\(Self.base)/companies?search=corp%20acme", token: t)) == [])
            let second = try await api.request(.get, "\(Self.base)/companies?size=1&page=1", token: t)
            #expect(contentIDs(second) == [F.acme])
            #expect(second["totalPages"] == 3)
            #expect(second["first"] == false)
            #expect(second["last"] == false)
            let beyond = try await api.request(.get, "\(Self.base)/companies?page=7", token: t)
            #expect(beyond["empty"] == true)
            #expect(beyond["totalElements"] == 3)
        }
    }

    @Test("people: a SMART match on the full name, case and accents ignored, in the search order")
    func people() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            #expect(contentIDs(try await api.request(.get, "\(Self.base)/people?search=jos", token: t)) == [F.jose, F.joseS])
            #expect(contentIDs(try await api.request(.get, "\(Self.base)/people?search=SMI", token: t)) == [F.john, F.joseS])
            #expect(contentIDs(try await api.request(.get, "\(Self.base)/people?search=zoe%20mul", token: t)) == [F.zoe])
            let jose = try await api.request(.get, "\(Self.base)/people?search=Jos%C3%A9%20Garc", token: t)
            let expected = try JSONValue.parse(
                #"""
                {"id": "a0000000-0000-4000-8000-000000000001", "name": "José García", "title": "VP of Sales", "logo": null,
                 "url": "https://www.linkedin.com/in/josegarcia"}
                """#.utf8)
            #expect(items(jose) == [expected])
            let all = try await api.request(.get, "\(Self.base)/people?size=2", token: t)
            #expect(contentIDs(all) == [F.jose, F.zoe])
            #expect(all["totalElements"] == 5)
        }
    }

    @Test("locations: cities, states and countries with country codes, most held first")
    func locations() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let united = try await api.request(.get, "\(Self.base)/locations?search=united", token: t)
            #expect(values(united, "name") == ["United States", "United Kingdom"])
            #expect(values(united, "countryCode") == ["US", "GB"])
            #expect(items(united).map { $0.objectValue?["count"] } == [3, 1], "people and company headquarters")
            #expect(united["size"] == 25, "locations default to 25")
            let berlin = try await api.request(.get, "\(Self.base)/locations?search=BER", token: t)
            let expected = try JSONValue.parse(
                #"""
                {"id": "CITY:germany//berlin", "type": "CITY", "name": "Berlin", "countryName": "Germany", "countryCode": "DE",
                 "stateName": null, "stateCode": null, "rawAddress": "Berlin, Germany", "position": null, "count": 2}
                """#.utf8)
            #expect(items(berlin) == [expected])
            let newYork = try await api.request(.get, "\(Self.base)/locations?search=new%20york", token: t)
            #expect(values(newYork, "type") == ["CITY", "STATE"])
            #expect(values(newYork, "rawAddress") == ["New York, New York, United States", "New York, United States"])
            // Zürich without a state (José) and Zürich in the canton of Zurich (Acme's headquarters) are two places.
            let zurich = try await api.request(.get, "\(Self.base)/locations?search=zur", token: t)
            #expect(values(zurich, "id") == ["CITY:switzerland//zurich", "CITY:switzerland/zurich/zurich", "STATE:switzerland/zurich"])
            #expect(values(zurich, "name") == ["Zürich", "Zürich", "Zurich"])
            #expect(
                items(zurich).map { $0.objectValue?["position"] } == [.null, ["lat": 47.3769, "lng": 8.5417], .null],
                "a city's position is a headquarters' coordinates")
        }
    }

    @Test("schools: the institutions of educations, accent-insensitive")
    func schools() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let all = try await api.request(.get, "\(Self.base)/schools", token: t)
            #expect(values(all, "name") == ["ETH Zürich", "MIT", "Technische Universität München"])
            let eth = try await api.request(.get, "\(Self.base)/schools?search=zurich", token: t)
            let expected = try JSONValue.parse(
                #"{"id": "SCHOOL:eth zurich", "name": "ETH Zürich", "logo": null, "url": null, "count": 1}"#.utf8)
            #expect(items(eth) == [expected])
            #expect(
                values(try await api.request(.get, "\(Self.base)/schools?search=univ%20mun", token: t), "name") == [
                    "Technische Universität München"
                ])
        }
    }

    @Test("classifications: every key, of people or of companies, most held first")
    func classifications() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            func lookup(_ query: String) async throws -> APIResponse {
                try await api.request(.get, "\(Self.base)/classifications?\(query)", token: t)
            }
            let skills = try await lookup("key=SKILL")
            #expect(values(skills, "value") == ["Salesforce", "Cold Calling", "Content Strategy", "PostgreSQL", "SEO", "Swift"])
            #expect(skills["totalElements"] == 6)
            let salesforce = try JSONValue.parse(
                #"""
                {"id": "SKILL:salesforce", "key": "SKILL", "value": "Salesforce", "index": 0, "metadata": {"group": "PERSON", "count": 2}}
                """#.utf8)
            #expect(items(try await lookup("key=SKILL&value=SAL&group=PERSON")) == [salesforce])
            #expect(items(try await lookup("key=SKILL&size=2&page=1")).map { $0.objectValue?["index"] } == [2, 3])
            #expect(values(try await lookup("key=TECHNOLOGY&group=COMPANY"), "value") == ["AWS", "Salesforce"])
            #expect(values(try await lookup("key=INDUSTRY&value=fin"), "value") == ["financial services"])
            #expect(values(try await lookup("key=KEYWORD"), "value") == ["Developer Tools", "Payments"])
            #expect(values(try await lookup("key=LANGUAGE"), "value") == ["English", "German", "Spanish"])
            #expect(values(try await lookup("key=DEGREE&value=sci"), "value") == ["Bachelor of Science", "Master of Science"])
            #expect(values(try await lookup("key=FIELD_OF_STUDY"), "value") == ["Computer Science", "Marketing"])
            #expect(values(try await lookup("key=HEADLINE&value=rev"), "value") == ["Revenue leader"])

            let missing = try await lookup("value=x")
            #expect(missing.status == .badRequest)
            #expect(
                missing.details == [
                    ValidationIssue(
                        path: ["key"],
                        message: "Required: one of SKILL, HEADLINE, DEGREE, FIELD_OF_STUDY, LANGUAGE, INDUSTRY, KEYWORD, TECHNOLOGY")
                ])
            let wrongGroup = try await lookup("key=SKILL&group=COMPANY")
            #expect(wrongGroup.details == [ValidationIssue(path: ["group"], message: "SKILL is a PERSON classification")])
            let unknown = try await lookup("key=skill&group=TEAM")
            #expect(Set(unknown.details.map(\.path)) == [["key"], ["group"]])
        }
    }

    @Test("person-metadata: a bare array of {key, value} counts per value of an attribute")
    func personMetadata() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let titles = try await api.request(.get, "\(Self.base)/person-metadata", token: t)
            #expect(
                titles.body
                    == [
                        ["key": "Director of Marketing", "value": 1], ["key": "Sales Manager", "value": 1],
                        ["key": "Senior Software Engineer", "value": 1], ["key": "VP of Sales", "value": 1],
                    ])
            let countries = try await api.request(.get, "\(Self.base)/person-metadata?key=COUNTRY&size=2", token: t)
            #expect(countries.body == [["key": "United States", "value": 2], ["key": "Germany", "value": 1]], "people only")
            let sales = try await api.request(.get, "\(Self.base)/person-metadata?key=DEPARTMENT&search=sal", token: t)
            #expect(sales.body == [["key": "master_sales", "value": 2], ["key": "sales", "value": 2]], "a prefix of any word")
            let schools = try await api.request(.get, "\(Self.base)/person-metadata?key=SCHOOL&search=mit", token: t)
            #expect(schools.body == [["key": "MIT", "value": 1]])
            let bad = try await api.request(.get, "\(Self.base)/person-metadata?key=TITLE", token: t)
            #expect(bad.status == .badRequest)
            #expect(bad.details.map(\.path) == [["key"]])
        }
    }

    @Test("bad queries are one 400 naming every parameter; no token is 401")
    func validation() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let bad = try await api.request(.get, "\(Self.base)/companies?size=101&page=-1", token: t)
            #expect(bad.status == .badRequest)
            #expect(
                bad.details == [
                    ValidationIssue(path: ["page"], message: "Must be an integer between 0 and 10000000"),
                    ValidationIssue(path: ["size"], message: "Must be an integer between 0 and 100"),
                ])
            let long = String(repeating: "a", count: 201)
            let tooLong = try await api.request(.get, "\(Self.base)/people?search=\(long)", token: t)
            #expect(tooLong.details == [ValidationIssue(path: ["search"], message: "Must be at most 200 characters")])
            let control = try await api.request(.get, "\(Self.base)/schools?search=a%01b", token: t)
            #expect(control.details == [ValidationIssue(path: ["search"], message: TextRules.controlCharacterMessage)])
            let fits = try await api.request(.get, "\(Self.base)/people?search=\(String(repeating: "a", count: 200))", token: t)
            #expect(fits.status == .ok)
            #expect(fits["totalElements"] == 0)
            let empty = try await api.request(.get, "\(Self.base)/companies?size=0", token: t)
            #expect(empty["totalElements"] == 3)
            #expect(empty["empty"] == true)
            #expect(try await api.request(.get, "\(Self.base)/companies").status == .unauthorized)
        }
    }

    @Test("the vocabulary follows the directory: a small one is rebuilt before answering, a large one answers from the last build")
    func refresh() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await TestEnvironment.withDatabase(configuration) { database in
            try await DirectoryFixture.load(into: database)
            // A build within the wait limit (here any: the machine may be busy with other tests).
            let autocomplete = VocabularyAutocomplete(
                database: database, search: SQLDirectorySearch(database: database), waitLimit: .seconds(3600))
            let window = ResultWindow(offset: 0, limit: 10)
            #expect(try await autocomplete.companies(matching: "umbrella", window: window).total == 0)
            _ = try await SQLDirectoryStore(database: database).upsert(companies: [Company(id: UUID(), name: "Umbrella Corp")])
            #expect(try await autocomplete.companies(matching: "umbrella", window: window).total == 1, "rebuilt before answering")
            // One value written three ways by one person: one value, held by one record.
            var polyglot = Person(id: UUID(), firstName: "Poly", lastName: "Glot")
            polyglot.skills = ["Rust", "rust", " RUST "]
            _ = try await SQLDirectoryStore(database: database).upsert(people: [polyglot])
            let rust = try await autocomplete.classifications(.skill, matching: "rust", window: window)
            #expect(rust.items.map(\.value) == ["Rust"])
            #expect(rust.items.map(\.count) == [1], "a record holding a value twice counts once")

            // A build that takes longer than the wait limit: lookups answer from the previous one.
            let slow = VocabularyAutocomplete(database: database, search: SQLDirectorySearch(database: database), waitLimit: .zero)
            #expect(try await slow.companies(matching: "wayne", window: window).total == 0, "the first build is waited for")
            _ = try await SQLDirectoryStore(database: database).upsert(companies: [Company(id: UUID(), name: "Wayne Enterprises")])
            var found = try await slow.companies(matching: "wayne", window: window).total
            #expect(found == 0, "answered from the previous build while the next one runs")
            for _ in 0..<250 where found == 0 {
                try await Task.sleep(for: .milliseconds(20))
                found = try await slow.companies(matching: "wayne", window: window).total
            }
            #expect(found == 1, "the rebuild started by a lookup lands")
        }
    }
}
