import Foundation
import LeadbaseCore
import LeadbaseServer
import Testing

typealias F = DirectoryFixture

/// `{"contact": {KEY: VALUE}}`
func contact(_ key: String, _ value: String) -> String { #"{"contact": {"\#(key)": \#(value)}}"# }
/// `{"account": {KEY: VALUE}}`
func account(_ key: String, _ value: String) -> String { #"{"account": {"\#(key)": \#(value)}}"# }

/// Every test runs twice: answered by the search index (kept in files), and by SQL.
@Suite("People search")
struct PeopleSearchTests {
    @Test("no filter: everyone, in ascending id order, with an exact total and the page envelope", arguments: SearchIndexMode.tested)
    func everything(search: SearchIndexMode) async throws {
        try await withTestApp(configure: { $0.searchIndex = search }, directory: true) { api, tenant, _ in
            let response = try await api.searchPeople(tenant.alice.token, "{}")
            #expect(response.status == .ok)
            #expect(contentIDs(response) == [F.jose, F.zoe, F.john, F.jane, F.joseS])
            #expect(response["totalElements"] == 5)
            #expect(response["totalPages"] == 1)
            #expect(response["number"] == 0)
            #expect(response["size"] == 10)
            #expect(response["first"] == true)
            #expect(response["last"] == true)
            #expect(response["numberOfElements"] == 5)
            #expect(response["empty"] == false)
        }
    }

    @Test(
        "fullName: SMART ignores case and accents and matches word prefixes; WORD whole words; STRICT the whole name",
        arguments: SearchIndexMode.tested)
    func fullName(search: SearchIndexMode) async throws {
        try await withTestApp(configure: { $0.searchIndex = search }, directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let cases: [(String, String, [UUID], Comment?)] = [
                ("SMART", "jose", [F.jose, F.joseS], nil),
                ("SMART", "JOS GARC", [F.jose], nil),
                ("SMART", "zoe mul", [F.zoe], nil),
                ("WORD", "jose", [F.joseS], "WORD keeps accents: jose is not José"),
                ("WORD", "SMITH", [F.john], "whole words: Smithson is not Smith"),
                ("STRICT", "JOSÉ GARCÍA", [F.jose], nil),
                ("STRICT", "José", [], nil),
            ]
            for (mode, value, expected, comment) in cases {
                let found = try await api.peopleIDs(
                    t, contact("fullName", #"{"any": {"include": {"mode": "\#(mode)", "content": ["\#(value)"]}}}"#))
                #expect(found == expected, "\(mode) \(value) \(comment?.description ?? "")")
            }
        }
    }

    @Test("case is ignored for every Unicode letter: ZÜRICH finds Zürich", arguments: SearchIndexMode.tested)
    func unicodeCase(search: SearchIndexMode) async throws {
        try await withTestApp(configure: { $0.searchIndex = search }, directory: true) { api, tenant, _ in
            do {
                let found = try await api.peopleIDs(tenant.alice.token, contact("location", #"{"any": {"include": ["ZÜRICH"]}}"#))
                #expect(found == [F.jose])
            }
            do {
                let found = try await api.peopleIDs(tenant.alice.token, contact("location", #"{"any": {"include": ["united states"]}}"#))
                #expect(found == [F.john, F.joseS])
            }
            do {
                let found = try await api.peopleIDs(tenant.alice.token, contact("location", #"{"any": {"include": ["california"]}}"#))
                #expect(found == [F.joseS])
            }
        }
    }

    @Test(
        "the four operators on a single-valued list key; a missing field passes excludes and fails includes",
        arguments: SearchIndexMode.tested)
    func operators(search: SearchIndexMode) async throws {
        try await withTestApp(configure: { $0.searchIndex = search }, directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            do {
                let found = try await api.peopleIDs(t, contact("seniority", #"{"any": {"include": ["VP", "director"]}}"#))
                #expect(found == [F.jose, F.zoe])
            }
            do {
                let found = try await api.peopleIDs(t, contact("seniority", #"{"any": {"exclude": ["vp"]}}"#))
                #expect(found == [F.zoe, F.john, F.jane, F.joseS])
            }
            do {
                let found = try await api.peopleIDs(t, contact("seniority", #"{"all": {"include": ["vp", "director"]}}"#))
                #expect(found == [])
            }
            do {
                let found = try await api.peopleIDs(t, contact("seniority", #"{"all": {"include": ["vp"]}}"#))
                #expect(found == [F.jose])
            }
            do {
                let found = try await api.peopleIDs(t, contact("seniority", #"{"all": {"exclude": ["vp", "director"]}}"#))
                #expect(found == [F.jose, F.zoe, F.john, F.jane, F.joseS])
            }
            do {
                let found = try await api.peopleIDs(t, contact("seniority", #"{"all": {"exclude": ["vp"]}}"#))
                #expect(found == [F.zoe, F.john, F.jane, F.joseS])
            }
            do {
                let found = try await api.peopleIDs(
                    t, contact("seniority", #"{"any": {"include": ["vp", "manager", "senior"], "exclude": ["manager"]}}"#))
                #expect(found == [F.jose, F.john])
            }
        }
    }

    @Test(
        "departmentAndFunction matches departments, sub-departments and functions; all/any on a multi-valued field",
        arguments: SearchIndexMode.tested)
    func departments(search: SearchIndexMode) async throws {
        try await withTestApp(configure: { $0.searchIndex = search }, directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            do {
                let found = try await api.peopleIDs(t, contact("departmentAndFunction", #"{"any": {"include": ["sales"]}}"#))
                #expect(found == [F.jose, F.joseS])
            }
            do {
                let found = try await api.peopleIDs(t, contact("departmentAndFunction", #"{"any": {"include": ["business_development"]}}"#))
                #expect(found == [F.jose])
            }
            do {
                let found = try await api.peopleIDs(
                    t, contact("departmentAndFunction", #"{"all": {"include": ["master_sales", "business_development"]}}"#))
                #expect(found == [F.jose])
            }
            do {
                let found = try await api.peopleIDs(
                    t, contact("departmentAndFunction", #"{"all": {"exclude": ["master_sales", "business_development"]}}"#))
                #expect(found == [F.zoe, F.john, F.jane, F.joseS])
            }
            do {
                let found = try await api.peopleIDs(
                    t, contact("departmentAndFunction", #"{"any": {"exclude": ["master_sales", "master_marketing"]}}"#))
                #expect(found == [F.john, F.jane])
            }
        }
    }

    @Test("skill and keyword are text keys over many values; language is a list key", arguments: SearchIndexMode.tested)
    func skillsKeywordsLanguages(search: SearchIndexMode) async throws {
        try await withTestApp(configure: { $0.searchIndex = search }, directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            do {
                let found = try await api.peopleIDs(t, contact("skill", #"{"any": {"include": {"mode": "WORD", "content": ["cold"]}}}"#))
                #expect(found == [F.jose])
            }
            do {
                let found = try await api.peopleIDs(t, contact("skill", #"{"any": {"include": {"mode": "SMART", "content": ["sales"]}}}"#))
                #expect(found == [F.jose, F.joseS])
            }
            do {
                let found = try await api.peopleIDs(t, contact("skill", #"{"any": {"exclude": {"mode": "SMART", "content": ["sales"]}}}"#))
                #expect(found == [F.zoe, F.john, F.jane])
            }
            do {
                let found = try await api.peopleIDs(
                    t, contact("skill", #"{"all": {"include": {"mode": "WORD", "content": ["cold calling", "salesforce"]}}}"#))
                #expect(found == [F.jose])
            }
            do {
                let found = try await api.peopleIDs(
                    t, contact("skill", #"{"any": {"include": {"mode": "WORD", "content": ["calling salesforce"]}}}"#))
                #expect(found == [], "the words of one value must be in one entry")
            }
            do {
                let found = try await api.peopleIDs(t, contact("skill", #"{"any": {"include": ["content strategy"]}}"#))
                #expect(found == [F.zoe], "list form on a text key is STRICT")
            }
            do {
                let found = try await api.peopleIDs(
                    t, contact("keyword", #"{"any": {"include": {"mode": "SMART", "content": ["revenue"]}}}"#))
                #expect(found == [F.jose])
            }
            do {
                let found = try await api.peopleIDs(t, contact("keyword", #"{"any": {"include": {"mode": "WORD", "content": ["swift"]}}}"#))
                #expect(found == [F.john])
            }
            do {
                let found = try await api.peopleIDs(
                    t, contact("keyword", #"{"any": {"include": {"mode": "WORD", "content": ["marketing"]}}}"#))
                #expect(found == [F.zoe], "job titles are keywords")
            }
            do {
                let found = try await api.peopleIDs(t, contact("jobTitle", #"{"any": {"include": {"mode": "WORD", "content": ["vp"]}}}"#))
                #expect(found == [F.jose])
            }
            do {
                let found = try await api.peopleIDs(t, contact("language", #"{"any": {"include": ["spanish"]}}"#))
                #expect(found == [F.jose])
            }
            do {
                let found = try await api.peopleIDs(t, contact("language", #"{"all": {"include": ["Spanish", "English"]}}"#))
                #expect(found == [F.jose])
            }
        }
    }

    @Test(
        "company.current and company.previous take company ids or names; socialMediaLink compares normalized URLs",
        arguments: SearchIndexMode.tested)
    func companiesAndLinks(search: SearchIndexMode) async throws {
        try await withTestApp(configure: { $0.searchIndex = search }, directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            do {
                let found = try await api.peopleIDs(t, contact("company", #"{"current": {"any": {"include": ["\#(F.acme.uuidString)"]}}}"#))
                #expect(found == [F.jose, F.joseS])
            }
            do {
                let found = try await api.peopleIDs(t, contact("company", #"{"current": {"any": {"include": ["globex corporation"]}}}"#))
                #expect(found == [F.john])
            }
            do {
                let found = try await api.peopleIDs(
                    t, contact("company", #"{"previous": {"any": {"include": ["\#(F.globex.uuidString.lowercased())"]}}}"#))
                #expect(found == [F.jose])
            }
            do {
                let found = try await api.peopleIDs(
                    t, contact("socialMediaLink", #"{"any": {"include": ["http://LinkedIn.com/in/JoseGarcia/"]}}"#))
                #expect(found == [F.jose])
            }
            do {
                let found = try await api.peopleIDs(
                    t, contact("socialMediaLink", #"{"any": {"include": ["https://uk.linkedin.com/in/josegarcia?trk=x"]}}"#))
                #expect(found == [F.jose])
            }
            do {
                let found = try await api.peopleIDs(t, contact("socialMediaLink", #"{"any": {"include": ["twitter.com/zoe"]}}"#))
                #expect(found == [F.zoe])
            }
        }
    }

    @Test(
        "account filters apply to the person's current company; ranges compare numbers and skip unknown ones",
        arguments: SearchIndexMode.tested)
    func accountFilters(search: SearchIndexMode) async throws {
        try await withTestApp(configure: { $0.searchIndex = search }, directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            do {
                let found = try await api.peopleIDs(t, account("industry", #"{"any": {"include": ["software development"]}}"#))
                #expect(found == [F.jose, F.joseS])
            }
            do {
                let found = try await api.peopleIDs(t, account("industry", #"{"any": {"exclude": ["financial services"]}}"#))
                #expect(found == [F.jose, F.zoe, F.jane, F.joseS], "no company passes an exclude")
            }
            do {
                let found = try await api.peopleIDs(t, account("location", #"{"any": {"include": ["SWITZERLAND"]}}"#))
                #expect(found == [F.jose, F.joseS])
            }
            do {
                let found = try await api.peopleIDs(
                    t, account("employeeSize", #"{"type": "RANGE", "range": [{"start": 100, "end": 250}]}"#))
                #expect(found == [F.jose, F.joseS], "ends are inclusive")
            }
            do {
                let found = try await api.peopleIDs(t, account("employeeSize", #"{"type": "RANGE", "range": [{"start": 251}]}"#))
                #expect(found == [F.john])
            }
            do {
                let found = try await api.peopleIDs(
                    t, account("employeeSize", #"{"type": "RANGE", "range": [{"end": 249}, {"start": 5000}]}"#))
                #expect(found == [F.john], "ranges are ORed")
            }
            do {
                let found = try await api.peopleIDs(t, account("employeeSize", #"{"type": "RANGE", "range": [{}]}"#))
                #expect(found == [F.jose, F.john, F.joseS], "a company without the number never matches")
            }
            do {
                let found = try await api.peopleIDs(t, account("revenue", #"{"type": "RANGE", "range": [{"start": 1000000000}]}"#))
                #expect(found == [F.john])
            }
            do {
                let found = try await api.peopleIDs(t, account("foundedYear", #"{"type": "RANGE", "range": {"start": 2000, "end": 2010}}"#))
                #expect(found == [F.jose, F.joseS])
            }
            do {
                let found = try await api.peopleIDs(t, account("type", #"{"any": {"include": ["public_company"]}}"#))
                #expect(found == [F.john])
            }
            do {
                let found = try await api.peopleIDs(t, account("technology", #"{"all": {"include": ["aws", "salesforce"]}}"#))
                #expect(found == [F.jose, F.joseS])
            }
            do {
                let found = try await api.peopleIDs(
                    t, account("nameOrDomain", #"{"any": {"include": {"mode": "SMART", "content": ["glob"]}}}"#))
                #expect(found == [F.john])
            }
            let combined =
                #"{"contact": {"seniority": {"any": {"include": ["manager"]}}}, "account": {"industry": {"any": {"include": ["software development"]}}}}"#
            #expect(try await api.peopleIDs(t, combined) == [F.joseS], "keys are ANDed")
        }
    }

    @Test("pages: size 0, the last page, beyond the last page", arguments: SearchIndexMode.tested)
    func pagination(search: SearchIndexMode) async throws {
        try await withTestApp(configure: { $0.searchIndex = search }, directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let first = try await api.searchPeople(t, #"{"page": 0, "size": 2}"#)
            #expect(contentIDs(first) == [F.jose, F.zoe])
            #expect(first["totalPages"] == 3)
            #expect(first["first"] == true)
            #expect(first["last"] == false)
            let last = try await api.searchPeople(t, #"{"page": 2, "size": 2}"#)
            #expect(contentIDs(last) == [F.joseS])
            #expect(last["last"] == true)
            #expect(last["numberOfElements"] == 1)
            let beyond = try await api.searchPeople(t, #"{"page": 7, "size": 2}"#)
            #expect(contentIDs(beyond) == [])
            #expect(beyond["totalElements"] == 5)
            #expect(beyond["empty"] == true)
            #expect(beyond["number"] == 7)
            let count = try await api.searchPeople(t, #"{"size": 0}"#)
            #expect(count["content"] == [])
            #expect(count["totalElements"] == 5)
            #expect(count["size"] == 0)
            let nothing = try await api.searchPeople(t, contact("seniority", #"{"any": {"include": ["intern"]}}"#))
            #expect(nothing["totalElements"] == 0)
            #expect(nothing["totalPages"] == 0)
            #expect(nothing["last"] == true)
        }
    }

    @Test("results carry the person's fields and the embedded company", arguments: SearchIndexMode.tested)
    func resultShape(search: SearchIndexMode) async throws {
        try await withTestApp(configure: { $0.searchIndex = search }, directory: true) { api, tenant, _ in
            let response = try await api.searchPeople(tenant.alice.token, #"{"size": 1}"#)
            guard case .array(let content)? = response["content"], case .object(let person)? = content.first else {
                Issue.record("no content")
                return
            }
            #expect(person["firstName"] == "José")
            #expect(person["jobTitle"] == "VP of Sales")
            guard case .object(let company)? = person["company"] else {
                Issue.record("no company")
                return
            }
            #expect(company["name"] == "Acme Software")
            #expect(company["employeeCount"] == 250)
        }
    }
}

extension SearchIndexMode {
    /// The modes the search suites run in: the index (`memory` differs only in keeping no files)
    /// and SQL.
    static let tested: [SearchIndexMode] = [.files, .sql]
}
