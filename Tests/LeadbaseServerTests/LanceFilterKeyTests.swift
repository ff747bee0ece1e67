import Foundation
import LeadbaseCore
import LeadbaseServer
import Testing

/// The filter keys of Lance's documentation beyond the first ones (issue 17, items 1 and 2), each
/// with answers worked out by hand on `DirectoryFixture`: people search answered by the index and
/// by SQL, company search by SQL.
@Suite("Lance filter keys")
struct LanceFilterKeyTests {
    static let everyone = [F.jose, F.zoe, F.john, F.jane, F.joseS]

    @Test("certification, keyword with sources, socialMedia", arguments: SearchIndexMode.tested)
    func certificationKeywordSocial(search: SearchIndexMode) async throws {
        try await withTestApp(configure: { $0.searchIndex = search }, directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let cases: [(String, String, [UUID])] = [
                ("certification", #"{"any": {"include": {"mode": "SMART", "content": ["aws"]}}}"#, [F.jose]),
                ("certification", #"{"any": {"include": {"mode": "WORD", "content": ["certification"]}}}"#, [F.zoe]),
                ("certification", #"{"any": {"include": ["google analytics certification"]}}"#, [F.zoe]),
                ("certification", #"{"any": {"exclude": {"mode": "SMART", "content": ["aws"]}}}"#, [F.zoe, F.john, F.jane, F.joseS]),
                ("keyword", #"{"any": {"include": {"sources": ["TITLE"], "content": ["sales"]}}}"#, [F.jose, F.joseS]),
                ("keyword", #"{"any": {"include": {"sources": ["TITLE"], "content": ["revenue"]}}}"#, []),
                ("keyword", #"{"any": {"include": {"sources": ["HEADLINE"], "content": ["revenue"]}}}"#, [F.jose]),
                ("keyword", #"{"any": {"include": {"sources": ["SKILL"], "content": ["postgres"]}}}"#, [F.john]),
                (
                    "keyword", #"{"any": {"include": {"sources": ["CERTIFICATION", "TITLE"], "content": ["aws", "engineer"]}}}"#,
                    [F.jose, F.john]
                ),
                ("keyword", #"{"all": {"include": {"sources": ["TITLE", "SKILL"], "content": ["sales", "cold"]}}}"#, [F.jose]),
                ("keyword", #"{"sources": ["CERTIFICATION"], "content": ["google"]}"#, [F.zoe]),
                ("keyword", #"{"content": ["aws"]}"#, [F.jose]),
                ("keyword", #"{"any": {"include": {"sources": ["TITLE"], "mode": "STRICT", "content": ["sales manager"]}}}"#, [F.joseS]),
                ("keyword", #"{"any": {"include": {"mode": "SMART", "content": ["analytics"]}}}"#, [F.zoe]),
                ("socialMedia", #"{"any": {"include": ["TWITTER"]}}"#, [F.zoe]),
                ("socialMedia", #"{"any": {"include": ["LINKEDIN"]}}"#, [F.jose]),
                ("socialMedia", #"{"any": {"include": ["INSTAGRAM", "GITHUB"]}}"#, [F.john]),
                ("socialMedia", #"{"all": {"include": ["LINKEDIN", "TWITTER"]}}"#, []),
                ("socialMedia", #"{"any": {"exclude": ["LINKEDIN"]}}"#, [F.zoe, F.john, F.jane, F.joseS]),
            ]
            for (key, value, expected) in cases {
                let found = try await api.peopleIDs(t, contact(key, value))
                #expect(found == expected, "\(key): \(value)")
            }
        }
    }

    @Test(
        "language: text and list forms, and a range of levels that the included languages must be held at",
        arguments: SearchIndexMode.tested)
    func languages(search: SearchIndexMode) async throws {
        try await withTestApp(configure: { $0.searchIndex = search }, directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let cases: [(String, [UUID])] = [
                (#"{"any": {"include": {"mode": "SMART", "content": ["germ"]}}}"#, [F.zoe]),
                (#"{"any": {"include": ["english"]}}"#, [F.jose, F.zoe, F.john]),
                (#"{"any": {"include": ["English"]}, "range": {"start": "PROFESSIONAL_WORKING"}}"#, [F.jose]),
                (#"{"any": {"include": ["English"]}, "range": {"end": "LIMITED_WORKING"}}"#, [F.zoe]),
                (#"{"any": {"include": {"mode": "WORD", "content": ["english"]}}, "range": {"start": "ELEMENTARY"}}"#, [F.jose, F.zoe]),
                (#"{"all": {"include": ["Spanish", "English"]}, "range": {"start": "PROFESSIONAL_WORKING"}}"#, [F.jose]),
                (#"{"all": {"include": ["German", "English"]}, "range": {"start": "PROFESSIONAL_WORKING"}}"#, []),
                (#"{"range": {"start": "NATIVE_OR_BILINGUAL"}}"#, [F.jose, F.zoe]),
                (#"{"range": {"start": "NATIVE_OR_BILINGUAL"}, "any": {"exclude": ["spanish"]}}"#, [F.zoe]),
                (#"{"any": {"exclude": {"mode": "STRICT", "content": ["english"]}}}"#, [F.jane, F.joseS]),
            ]
            for (value, expected) in cases {
                let found = try await api.peopleIDs(t, contact("language", value))
                #expect(found == expected, "language: \(value)")
            }
        }
    }

    @Test("education: school, degree and field of study as text keys, date as a range of years", arguments: SearchIndexMode.tested)
    func education(search: SearchIndexMode) async throws {
        try await withTestApp(configure: { $0.searchIndex = search }, directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let cases: [(String, [UUID])] = [
                (#"{"school": {"any": {"include": {"mode": "SMART", "content": ["zurich"]}}}}"#, [F.jose]),
                (#"{"school": {"any": {"include": {"mode": "WORD", "content": ["universität"]}}}}"#, [F.zoe]),
                (#"{"school": {"any": {"include": ["mit"]}}}"#, [F.john]),
                (#"{"degree": {"any": {"include": ["Bachelor of Science"]}}}"#, [F.john]),
                (#"{"degree": {"any": {"include": {"mode": "SMART", "content": ["bach"]}}}}"#, [F.zoe, F.john]),
                (#"{"fieldOfStudy": {"any": {"include": {"mode": "WORD", "content": ["computer"]}}}}"#, [F.jose, F.john]),
                (#"{"date": {"type": "RANGE", "range": {"start": 2005, "end": 2010}}}"#, [F.jose, F.zoe]),
                (#"{"date": {"type": "RANGE", "range": [{"end": 2000}, {"start": 2010}]}}"#, [F.jose, F.john]),
                (#"{"date": {"type": "NONE"}}"#, [F.jane, F.joseS]),
                (#"{"date": {"type": "ALL"}}"#, Self.everyone),
                (
                    #"{"degree": {"any": {"include": {"mode": "WORD", "content": ["master"]}}}, "date": {"type": "RANGE", "range": {"end": 2009}}}"#,
                    []
                ),
                (#"{"fieldOfStudy": {"any": {"exclude": ["computer science"]}}}"#, [F.zoe, F.jane, F.joseS]),
            ]
            for (value, expected) in cases {
                let found = try await api.peopleIDs(t, contact("education", value))
                #expect(found == expected, "education: \(value)")
            }
        }
    }

    @Test(
        "account keys on people search: the current company's name, domain, LinkedIn, url, industries, technologies, keyword, socialMedia, NONE and ALL ranges",
        arguments: SearchIndexMode.tested)
    func accountKeysOnPeople(search: SearchIndexMode) async throws {
        try await withTestApp(configure: { $0.searchIndex = search }, directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let cases: [(String, String, [UUID])] = [
                ("name", #"{"any": {"include": {"mode": "STRICT", "content": ["acme software"]}}}"#, [F.jose, F.joseS]),
                ("name", #"{"any": {"include": {"mode": "SMART", "content": ["corp"]}}}"#, [F.john]),
                ("name", #"{"any": {"include": {"mode": "WORD", "content": ["io"]}}}"#, []),
                ("domain", #"{"any": {"include": ["https://www.globex.com/about"]}}"#, [F.john]),
                ("linkedin", #"{"any": {"include": ["linkedin.com/company/acme"]}}"#, [F.jose, F.joseS]),
                ("url", #"{"any": {"include": ["globex.com", "https://uk.linkedin.com/company/acme?x=1"]}}"#, [F.jose, F.john, F.joseS]),
                ("industries", #"{"any": {"include": {"mode": "WORD", "content": ["consulting"]}}}"#, [F.zoe]),
                ("industries", #"{"any": {"include": ["Software Development"]}}"#, [F.jose, F.joseS]),
                ("technologies", #"{"any": {"include": ["aws"]}}"#, [F.jose, F.john, F.joseS]),
                ("keyword", #"{"any": {"include": {"mode": "SMART", "content": ["payment"]}}}"#, [F.jose, F.joseS]),
                ("keyword", #"{"any": {"include": {"mode": "WORD", "content": ["conglomerate"]}}}"#, [F.john]),
                ("socialMedia", #"{"any": {"include": ["FACEBOOK"]}}"#, [F.john]),
                ("employeeSize", #"{"type": "NONE"}"#, [F.zoe, F.jane]),
                ("employeeSize", #"{"type": "ALL"}"#, Self.everyone),
                ("foundedYear", #"{"type": "RANGE", "range": {"start": 2000}}"#, [F.jose, F.joseS]),
                ("foundedYear", #"{"type": "RANGE", "range": [{"start": 2000}]}"#, [F.jose, F.joseS]),
            ]
            for (key, value, expected) in cases {
                let found = try await api.peopleIDs(t, account(key, value))
                #expect(found == expected, "\(key): \(value)")
            }
        }
    }

    @Test("account keys on company search")
    func accountKeysOnCompanies() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let cases: [(String, String, [UUID])] = [
                ("name", #"{"any": {"include": {"mode": "SMART", "content": ["ini"]}}}"#, [F.initech]),
                ("domain", #"{"any": {"include": ["acme.io", "globex.com"]}}"#, [F.acme, F.globex]),
                ("domain", #"{"any": {"exclude": ["acme.io"]}}"#, [F.globex, F.initech]),
                ("linkedin", #"{"any": {"include": ["https://www.linkedin.com/company/acme/"]}}"#, [F.acme]),
                ("url", #"{"any": {"include": ["http://globex.com/about"]}}"#, [F.globex]),
                ("industries", #"{"any": {"include": {"mode": "SMART", "content": ["financ"]}}}"#, [F.globex]),
                ("technologies", #"{"all": {"include": ["aws", "salesforce"]}}"#, [F.acme]),
                ("keyword", #"{"any": {"include": {"mode": "WORD", "content": ["developer tools"]}}}"#, [F.acme]),
                ("socialMedia", #"{"any": {"include": ["TWITTER", "FACEBOOK"]}}"#, [F.acme, F.globex]),
                ("socialMedia", #"{"any": {"include": ["LINKEDIN"]}}"#, [F.acme]),
                ("employeeSize", #"{"type": "NONE"}"#, [F.initech]),
                ("revenue", #"{"type": "ALL", "range": {"start": 1}}"#, [F.acme, F.globex, F.initech]),
            ]
            for (key, value, expected) in cases {
                let found = try await api.companyIDs(t, account(key, value))
                #expect(found == expected, "\(key): \(value)")
            }
        }
    }

    @Test("1000 values across two columns (url: LinkedIn URL or domain) in all: SQLite plans it", arguments: SearchIndexMode.tested)
    func wideAll(search: SearchIndexMode) async throws {
        try await withTestApp(configure: { $0.searchIndex = search }, directory: true) { api, tenant, _ in
            let values = (0..<1000).map { #""https://a\#($0).io""# }.joined(separator: ", ")
            let filter = #"{"url": {"all": {"include": [\#(values)]}}}"#
            let body = #"{"account": \#(filter)}"#
            let companies = try await api.companyIDs(tenant.alice.token, body)
            let people = try await api.peopleIDs(tenant.alice.token, body)
            #expect(companies == [] && people == [])
        }
    }

    @Test(
        "a bad value of a new key is a 400 at its path, and an unknown key still names itself",
        arguments: [
            (contact("socialMedia", #"{"any": {"include": ["TWITTER", "MYSPACE"]}}"#), ["contact", "socialMedia", "any", "include", 1]),
            (contact("socialMedia", #"{"any": {"include": ["twitter"]}}"#), ["contact", "socialMedia", "any", "include", 0]),
            (contact("language", #"{"range": {"start": "native"}}"#), ["contact", "language", "range", "start"]),
            (account("revenue", #"{"type": "NONE", "range": []}"#), ["account", "revenue", "range"]),
            (
                contact("keyword", #"{"any": {"include": {"sources": ["SUMMARY"], "content": ["x"]}}}"#),
                ["contact", "keyword", "any", "include", "sources", 0]
            ),
            (contact("keyword", #"{"sources": ["TITLE"]}"#), ["contact", "keyword", "content"]),
            (
                contact("keyword", #"{"any": {"include": {"sources": ["TITLE"], "content": ["x"], "weight": 2}}}"#),
                ["contact", "keyword", "any", "include", "weight"]
            ),
            (contact("language", #"{"range": {"start": "FLUENT"}}"#), ["contact", "language", "range", "start"]),
            (
                contact("language", #"{"range": {"start": "NATIVE_OR_BILINGUAL", "end": "ELEMENTARY"}}"#),
                ["contact", "language", "range", "end"]
            ),
            (contact("education", #"{"grade": {}}"#), ["contact", "education", "grade"]),
            (contact("education", #"{"date": {"type": "RANGE"}}"#), ["contact", "education", "date", "range"]),
            (account("domain", #"{"any": {"include": ["not a domain"]}}"#), ["account", "domain", "any", "include", 0]),
            (account("linkedin", #"{"any": {"include": ["https://acme.io"]}}"#), ["account", "linkedin", "any", "include", 0]),
            (account("employeeSize", #"{"type": "SOME"}"#), ["account", "employeeSize", "type"]),
            (account("funding", #"{}"#), ["account", "funding"]),
        ] as [(String, [PathComponent])])
    func invalid(body: String, path: [PathComponent]) async throws {
        try await withTestApp { api, tenant, _ in
            let response = try await api.searchPeople(tenant.alice.token, body)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "BAD_REQUEST")
            #expect(response.details.map(\.path) == [path], "\(response.text)")
        }
    }
}
