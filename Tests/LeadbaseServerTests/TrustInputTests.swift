import Foundation
import HTTPTypes
import LeadbaseCore
import LeadbaseSeed
import LeadbaseServer
import LeadbaseStore
import LeadbaseTestSupport
import Testing

/// The defects an attacker's and a careless client's probes found, each reproduced.
@Suite("Trust: concurrency and odd input")
struct TrustInputTests {
    /// A directory of `people` seeded people, loaded before the application starts.
    static func seeded(people: Int) async throws -> (AppConfiguration, [Person]) {
        let configuration = try await TestEnvironment.configuration()
        let seed = DirectorySeed(seed: 7, companies: 10, people: people)
        let persons = (0..<people).map(seed.person(at:))
        try await TestEnvironment.withDatabase(configuration) { database in
            let store = SQLDirectoryStore(database: database)
            _ = try await store.upsert(companies: Array(seed.companies))
            _ = try await store.upsert(people: persons)
        }
        return (configuration, persons)
    }

    @Test("eight concurrent adds over the same 100 unsynced people, manual and direct, in shuffled orders, all answer 200")
    func concurrentMixedAdds() async throws {
        let (configuration, people) = try await Self.seeded(people: 100)
        try await withTestApp(configure: { $0 = configuration }) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let statuses = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String).self) { group in
                for index in 0..<8 {
                    var generator = SeededRandom(seed: UInt64(index + 1))
                    let order = people.shuffled(using: &generator)
                    group.addTask {
                        let body =
                            if index % 2 == 0 {
                                api.manual(order.map(\.id))
                            } else {
                                #"{"prospects": ["#
                                    + order.map { person in
                                        #"{"id": "\#(person.id)", "firstName": "\#(person.firstName)", "lastName": "\#(person.lastName)", "emails": ["p\#(person.id)@example.com"]}"#
                                    }.joined(separator: ",") + "]}"
                            }
                        let response = try await api.addProspects(t, list, body)
                        return (response.status, response.text)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for (status, text) in statuses { #expect(status == .ok, "\(text)") }
            #expect(try await api.members(t, list) == Set(people.map(\.id)))
        }
    }

    @Test("a control character in any string of a body is a 400 at its path; nothing is stored")
    func controlCharacters() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let cases: [(HTTPRequest.Method, String, String, [PathComponent])] = [
                (.post, "/api/v1/entities/leadlists", #"{"name": "a\u0000b"}"#, ["name"]),
                (.post, "/api/v1/entities/leadlists", #"{"name": "Fine", "userIds": ["x\u0000y"]}"#, ["userIds", 0]),
                (.patch, "/api/v1/entities/leadlists/\(list)", #"{"userIds": ["x\u0007"]}"#, ["userIds", 0]),
                (
                    .post, "/api/v1/entities/leadlists/\(list)/add-prospects",
                    #"{"prospects": [{"firstName": "A", "lastName": "B", "emails": ["a\u0000@x.io"]}]}"#, ["prospects", 0, "emails", 0]
                ),
                (
                    .post, "/api/v1/entities/prospects/company", #"{"account": {"industry": {"any": {"include": ["soft\u0000ware"]}}}}"#,
                    ["account", "industry", "any", "include", 0]
                ),
                (.post, "/api/v1/entities/prospects/company", #"{"url": ["https://acme.io/\u0000"]}"#, ["url", 0]),
                (.post, "/api/v1/entities/prospects/person", #"{"contact": {"bad\u001fkey": {}}}"#, ["contact", "bad\u{1F}key"]),
            ]
            for (method, path, body, failing) in cases {
                let response = try await api.request(method, path, token: t, json: body)
                #expect(response.status == .badRequest, "\(body)")
                #expect(response.details.map(\.path) == [failing], "\(body): \(response.text)")
            }
            // Identifiers refuse line breaks too; free text keeps them.
            let userIDWithBreak = try await api.createList(t, #"{"name": "Fine", "userIds": ["x\ny"]}"#)
            #expect(userIDWithBreak.details == [ValidationIssue(path: ["userIds", 0], message: "Must not contain control characters")])
            let multiline = try await api.addProspects(
                t, list, #"{"prospects": [{"firstName": "A", "lastName": "B", "headline": "one\ntwo"}]}"#)
            #expect(multiline.status == .ok)
            #expect(listIDs(try await api.lists(t)) == [list], "no list was created by the refused requests")
            #expect(try await api.list(t, list).strings("userIds") == [tenant.alice.user.id])
        }
    }

    @Test("large filters compile within both databases' limits; over the documented limits they are 400s")
    func largeFilters() async throws {
        try await withTestApp(configure: { $0.searchIndex = .sql }, directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            func quoted(_ values: [String]) -> String { values.map { "\"\($0)\"" }.joined(separator: ",") }
            let smart = quoted((0..<995).map { "word\($0)" })
            let accepted = [
                (
                    "/api/v1/entities/prospects/company",
                    #"{"account": {"nameOrDomain": {"any": {"include": {"mode": "SMART", "content": [\#(smart)]}}}}}"#
                ),
                (
                    "/api/v1/entities/prospects/person",
                    #"{"contact": {"fullName": {"any": {"include": {"mode": "SMART", "content": [\#(smart)]}}}}}"#
                ),
                (
                    "/api/v1/entities/prospects/person",
                    #"{"contact": {"skill": {"all": {"include": [\#(quoted((0..<1000).map { "s\($0)" }))]}}}}"#
                ),
                (
                    "/api/v1/entities/prospects/company",
                    #"{"account": {"nameOrDomain": {"all": {"exclude": {"mode": "WORD", "content": [\#(quoted((0..<400).map { _ in (0..<20).map { "w\($0)" }.joined(separator: " ") }))]}}}}}"#
                ),
            ]
            for (path, body) in accepted {
                let response = try await api.request(.post, path, token: t, json: body)
                #expect(response.status == .ok, "\(response.text.prefix(300))")
            }
            let manyWords = (0..<21).map { "w\($0)" }.joined(separator: " ")
            let tooManyWords = try await api.searchCompanies(
                t, #"{"account": {"nameOrDomain": {"any": {"include": {"mode": "WORD", "content": ["\#(manyWords)"]}}}}}"#)
            #expect(
                tooManyWords.details == [
                    ValidationIssue(
                        path: ["account", "nameOrDomain", "any", "include", "content", 0], message: "Must have at most 20 words")
                ])
            let tooManyTerms = try await api.searchPeople(
                t,
                #"{"contact": {"fullName": {"any": {"include": {"mode": "WORD", "content": [\#(quoted((0..<1000).map { _ in (0..<11).map { "w\($0)" }.joined(separator: " ") }))]}}}}}"#
            )
            #expect(tooManyTerms.details == [ValidationIssue(path: [], message: "The filters hold 11000 values and words; at most 10000")])
            let tooLong = try await api.searchPeople(
                t, #"{"contact": {"seniority": {"any": {"include": ["\#(String(repeating: "v", count: 501))"]}}}}"#)
            #expect(
                tooLong.details == [
                    ValidationIssue(path: ["contact", "seniority", "any", "include", 0], message: "Must be at most 500 characters")
                ])
        }
    }

    @Test("1000 prospects with 20 e-mails each are added; sent again, all are found")
    func manyEmails() async throws {
        try await withTestApp { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let body =
                #"{"prospects": ["#
                + (0..<1000).map { index in
                    let emails = (0..<20).map { #""p\#(index).\#($0)@example.com""# }.joined(separator: ",")
                    return #"{"firstName": "P\#(index)", "lastName": "L", "emails": [\#(emails)]}"#
                }.joined(separator: ",") + "]}"
            let first = try await api.addProspects(t, list, body)
            #expect(first.status == .ok, "\(first.text.prefix(300))")
            #expect(first["addedCount"] == 1000)
            let again = try await api.addProspects(t, list, body)
            #expect(again["alreadyInListCount"] == 1000)
            #expect(again["prospectIds"] == first["prospectIds"], "matched by e-mail to the same records")
        }
    }

    @Test("every prospect field has a maximum length and count, answered 400 with its path")
    func prospectLimits() async throws {
        try await withTestApp { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let longEmail = String(repeating: "e", count: 3000) + "@example.com"
            let longURL = "https://linkedin.com/in/" + String(repeating: "u", count: 3000)
            let headline = String(repeating: "h", count: 3_000_000)
            let emails = (0..<51).map { #""e\#($0)@x.io""# }.joined(separator: ",")
            let response = try await api.addProspects(
                t, list,
                #"""
                {"prospects": [{"firstName": "A", "lastName": "B", "emails": ["\#(longEmail)"], "linkedinUrl": "\#(longURL)", "headline": "\#(headline)"},
                               {"firstName": "C", "lastName": "D", "emails": [\#(emails)], "bullhornId": {"deep": [1]},
                                "workExperiences": [{"profilePositions": [{"title": "\#(String(repeating: "t", count: 1001))"}]}]}]}
                """#)
            #expect(response.status == .badRequest)
            #expect(
                Set(response.details) == [
                    ValidationIssue(path: ["prospects", 0, "emails", 0], message: "Must be at most 254 characters"),
                    ValidationIssue(path: ["prospects", 0, "linkedinUrl"], message: "Must be at most 500 characters"),
                    ValidationIssue(path: ["prospects", 0, "headline"], message: "Must be at most 1000 characters"),
                    ValidationIssue(path: ["prospects", 1, "emails"], message: "Must contain at most 50 item(s)"),
                    ValidationIssue(
                        path: ["prospects", 1, "bullhornId"], message: "Must be a number or a string of at most 255 characters"),
                    ValidationIssue(
                        path: ["prospects", 1, "workExperiences", 0, "profilePositions", 0, "title"],
                        message: "Must be at most 1000 characters"),
                ])
            let edge = try await api.addProspects(
                t, list,
                #"""
                {"prospects": [{"firstName": "A", "lastName": "B", "emails": ["\#(String(repeating: "e", count: 242))@example.com"],
                                "linkedinUrl": "https://linkedin.com/in/\#(String(repeating: "ü", count: 476))"}]}
                """#)
            #expect(edge.status == .ok, "a 254-character e-mail and a 500-character URL of 2-byte letters are stored: \(edge.text)")
        }
    }

    @Test("CSV export neutralizes every formula prefix OWASP lists")
    func csvFormulas() async throws {
        try await withTestApp { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            _ = try await api.addProspects(
                t, list,
                #"{"prospects": [{"firstName": "+SUM(1)", "lastName": "-2+3", "jobTitle": "\tcmd", "city": "\rx", "seniority": "@A1", "phones": ["+1-555"], "country": "=1"}]}"#
            )
            let export = try await api.request(.get, "/api/v1/entities/leadlists/\(list)/export", token: t)
            let row = export.text.components(separatedBy: "\r\n")[1]
            #expect(row.contains(#",'+SUM(1),'-2+3,'\#tcmd,'@A1,,'+1-555,,"'\#rx",,'=1,"#), "\(row)")
        }
    }

    @Test("a known path with a wrong method is 405 with Allow, in the envelope")
    func methodNotAllowed() async throws {
        try await withTestApp { api, tenant, _ in
            let put = try await api.request(.put, "/api/v1/entities/leadlists", token: tenant.alice.token)
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "GET, POST")
            #expect(put.errorCode == "METHOD_NOT_ALLOWED")
            let post = try await api.request(.post, "/api/v1/entities/leadlists/\(UUID())/export", token: tenant.alice.token)
            #expect(post.headers[.allow] == "GET", "\(post.status) \(post.text)")
            #expect(try await api.request(.get, "/api/v1/nothing-here", token: tenant.alice.token).status == .notFound)
        }
    }

    @Test("answers carry no-store and nosniff; a 401 says Bearer")
    func responseHeaders() async throws {
        try await withTestApp { api, tenant, _ in
            let list = try await api.createList(tenant.alice.token)
            for path in ["/api/v1/entities/leadlists", "/api/v1/entities/leadlists/\(list)/export"] {
                let response = try await api.request(.get, path, token: tenant.alice.token)
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
            let unauthorized = try await api.lists("lb_nope")
            #expect(unauthorized.headers[.wwwAuthenticate] == #"Bearer realm="leadbase""#)
            #expect(unauthorized.headers[.cacheControl] == "no-store")
        }
    }

    @Test("direct data answers each prospect's record id in input order, and the ids it added")
    func perInputResults() async throws {
        try await withTestApp { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let given = UUID()
            let first = try await api.addProspects(
                t, list,
                #"""
                {"prospects": [{"id": "\#(given)", "firstName": "A", "lastName": "B", "emails": ["a@x.io"]},
                               {"firstName": "C", "lastName": "D"}, {"firstName": "A2", "lastName": "B", "emails": ["A@x.io"]}]}
                """#)
            let ids = try #require(first.strings("prospectIds"))
            #expect(ids.count == 3)
            #expect(ids[0] == given.uuidString.lowercased() && ids[2] == ids[0], "the third matches the first by e-mail")
            #expect(first.strings("addedIds") == [ids[0], ids[1]])
            #expect(try await api.members(t, list) == Set(ids.compactMap(UUID.init(uuidString:))))
        }
    }
}
