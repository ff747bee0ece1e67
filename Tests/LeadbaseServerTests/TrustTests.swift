import Foundation
import HTTPTypes
import LeadbaseCore
import LeadbaseServer
import LeadbaseStore
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
                        let body = if index % 2 == 0 {
                            api.manual(order.map(\.id))
                        } else {
                            #"{"prospects": ["# + order.map { person in
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
                (.post, "/api/v1/entities/leadlists/\(list)/add-prospects",
                 #"{"prospects": [{"firstName": "A", "lastName": "B", "emails": ["a\u0000@x.io"]}]}"#, ["prospects", 0, "emails", 0]),
                (.post, "/api/v1/entities/prospects/company", #"{"account": {"industry": {"any": {"include": ["soft\u0000ware"]}}}}"#,
                 ["account", "industry", "any", "include", 0]),
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
            let multiline = try await api.addProspects(t, list, #"{"prospects": [{"firstName": "A", "lastName": "B", "headline": "one\ntwo"}]}"#)
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
                ("/api/v1/entities/prospects/company", #"{"account": {"nameOrDomain": {"any": {"include": {"mode": "SMART", "content": [\#(smart)]}}}}}"#),
                ("/api/v1/entities/prospects/person", #"{"contact": {"fullName": {"any": {"include": {"mode": "SMART", "content": [\#(smart)]}}}}}"#),
                ("/api/v1/entities/prospects/person", #"{"contact": {"skill": {"all": {"include": [\#(quoted((0..<1000).map { "s\($0)" }))]}}}}"#),
                ("/api/v1/entities/prospects/company", #"{"account": {"nameOrDomain": {"all": {"exclude": {"mode": "WORD", "content": [\#(quoted((0..<400).map { _ in (0..<20).map { "w\($0)" }.joined(separator: " ") }))]}}}}}"#),
            ]
            for (path, body) in accepted {
                let response = try await api.request(.post, path, token: t, json: body)
                #expect(response.status == .ok, "\(response.text.prefix(300))")
            }
            let manyWords = (0..<21).map { "w\($0)" }.joined(separator: " ")
            let tooManyWords = try await api.searchCompanies(t, #"{"account": {"nameOrDomain": {"any": {"include": {"mode": "WORD", "content": ["\#(manyWords)"]}}}}}"#)
            #expect(tooManyWords.details == [ValidationIssue(path: ["account", "nameOrDomain", "any", "include", "content", 0], message: "Must have at most 20 words")])
            let tooManyTerms = try await api.searchPeople(t, #"{"contact": {"fullName": {"any": {"include": {"mode": "WORD", "content": [\#(quoted((0..<1000).map { _ in (0..<11).map { "w\($0)" }.joined(separator: " ") }))]}}}}}"#)
            #expect(tooManyTerms.details == [ValidationIssue(path: [], message: "The filters hold 11000 values and words; at most 10000")])
            let tooLong = try await api.searchPeople(t, #"{"contact": {"seniority": {"any": {"include": ["\#(String(repeating: "v", count: 501))"]}}}}"#)
            #expect(tooLong.details == [ValidationIssue(path: ["contact", "seniority", "any", "include", 0], message: "Must be at most 500 characters")])
        }
    }

    @Test("1000 prospects with 20 e-mails each are added; sent again, all are found")
    func manyEmails() async throws {
        try await withTestApp { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            let body = #"{"prospects": ["# + (0..<1000).map { index in
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
            let response = try await api.addProspects(t, list, #"""
                {"prospects": [{"firstName": "A", "lastName": "B", "emails": ["\#(longEmail)"], "linkedinUrl": "\#(longURL)", "headline": "\#(headline)"},
                               {"firstName": "C", "lastName": "D", "emails": [\#(emails)], "bullhornId": {"deep": [1]},
                                "workExperiences": [{"profilePositions": [{"title": "\#(String(repeating: "t", count: 1001))"}]}]}]}
                """#)
            #expect(response.status == .badRequest)
            #expect(Set(response.details) == [
                ValidationIssue(path: ["prospects", 0, "emails", 0], message: "Must be at most 254 characters"),
                ValidationIssue(path: ["prospects", 0, "linkedinUrl"], message: "Must be at most 500 characters"),
                ValidationIssue(path: ["prospects", 0, "headline"], message: "Must be at most 1000 characters"),
                ValidationIssue(path: ["prospects", 1, "emails"], message: "Must contain at most 50 item(s)"),
                ValidationIssue(path: ["prospects", 1, "bullhornId"], message: "Must be a number or a string of at most 255 characters"),
                ValidationIssue(path: ["prospects", 1, "workExperiences", 0, "profilePositions", 0, "title"], message: "Must be at most 1000 characters"),
            ])
            let edge = try await api.addProspects(t, list, #"""
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
            _ = try await api.addProspects(t, list, #"{"prospects": [{"firstName": "+SUM(1)", "lastName": "-2+3", "jobTitle": "\tcmd", "city": "\rx", "seniority": "@A1", "phones": ["+1-555"], "country": "=1"}]}"#)
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
            let first = try await api.addProspects(t, list, #"""
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

@Suite("Trust: identities inside one organization")
struct TrustIdentityTests {
    static let lead = #"{"prospects": [{"firstName": "Lia", "lastName": "Lead", "emails": ["lia@target.io"], "phones": ["+1 555 0100"], "jobTitle": "CFO"}]}"#

    @Test("a member cannot read or overwrite, through direct data or a manual add, the leads of a list they may not use")
    func leadsOfOtherLists() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let alice = tenant.alice.token, bob = tenant.bob.token
            let private_ = try await api.createList(alice, name: "Alice only")
            let added = try await api.addProspects(alice, private_, Self.lead)
            let lia = try #require(added.strings("prospectIds")?.first)
            let mine = try await api.createList(bob, name: "Bob's")

            // Direct data with the e-mail (and even the id) of Alice's lead makes a record of Bob's own.
            let byEmail = try await api.addProspects(bob, mine, #"{"prospects": [{"firstName": "Bob's", "lastName": "Guess", "emails": ["LIA@target.io"]}]}"#)
            #expect(byEmail["addedCount"] == 1)
            let byID = try await api.addProspects(bob, mine, #"{"prospects": [{"id": "\#(lia)", "firstName": "Bob's", "lastName": "Id"}]}"#)
            #expect(byID["addedCount"] == 1)
            #expect(byID.strings("prospectIds")?.first != lia, "a new id, not Alice's record")
            let bobsLeads = try await api.request(.get, "/api/v1/entities/leads/list/\(mine)", token: bob)
            #expect(!bobsLeads.text.contains("555 0100") && !bobsLeads.text.contains("CFO") && !bobsLeads.text.contains(lia))
            let alicesLeads = try await api.request(.get, "/api/v1/entities/leads/list/\(private_)", token: alice)
            #expect(alicesLeads.text.contains(#""firstName":"Lia""#) && !alicesLeads.text.contains("Bob's"), "Alice's lead is unchanged")

            // A manual add of Alice's lead's id finds nothing; of a directory person in her list, reports it inaccessible.
            _ = try await api.addProspects(alice, private_, api.manual([F.jose]))
            let manual = try await api.addProspects(bob, mine, api.manual([UUID(uuidString: lia)!, F.jose, F.zoe]))
            #expect(manual["addedCount"] == 1)
            #expect(manual.strings("notFoundIds") == [lia])
            #expect(manual.strings("inaccessibleIds") == [F.jose.uuidString.lowercased()])
            let patch = try await api.updateList(bob, mine, #"{"personIds": ["\#(F.jose)", "\#(lia)"]}"#)
            #expect(patch.details == [
                ValidationIssue(path: ["personIds", 0], message: "In lists you may not use"),
                ValidationIssue(path: ["personIds", 1], message: "Not found"),
            ])

            // An admin may; and once Alice's list is gone, its records belong to everyone's adds again.
            let admins = try await api.createList(tenant.admin.token, name: "Admin")
            #expect(try await api.addProspects(tenant.admin.token, admins, api.manual([F.jose]))["addedCount"] == 1)
            _ = try await api.deleteList(alice, private_)
            _ = try await api.deleteList(tenant.admin.token, admins)
            #expect(try await api.addProspects(bob, mine, api.manual([F.jose]))["addedCount"] == 1)
        }
    }

    @Test("a JWT's role is its own: it neither changes a stored user's role nor acts for an operator's user")
    func jwtRoles() async throws {
        try await withTestApp { api, tenant, _ in
            let org = tenant.organization.id
            let alicesList = try await api.createList(tenant.alice.token)
            // A JWT naming Bob (an operator's user) as an admin is refused, and Bob stays a member.
            let asBob = try await hs256(.standard(sub: tenant.bob.user.id, org: org, role: "admin"))
            let refused = try await api.lists(asBob)
            #expect(refused.status == .unauthorized)
            #expect(refused.errorMessage == LeadbaseError.operatorManagedUser.message)
            #expect(try await api.list(tenant.bob.token, alicesList).status == .forbidden)
            // An identity-provider user is admin in its admin JWT's requests and a member in its member JWT's, in any order.
            let admin = try await hs256(.standard(sub: "user_2xIdP", org: org, role: "admin"))
            let member = try await hs256(.standard(sub: "user_2xIdP", org: org, role: "member"))
            for _ in 0..<2 {
                #expect(try await api.list(member, alicesList).status == .forbidden)
                #expect(try await api.list(admin, alicesList).status == .ok)
            }
        }
    }

    @Test("a JWT valid for longer than the horizon, or whose sub is too long or holds control characters, is 401")
    func jwtBounds() async throws {
        try await withTestApp { api, tenant, _ in
            let org = tenant.organization.id
            for claims in [
                TestClaims.standard(org: org, expiresIn: 2 * 86_400),
                .standard(sub: String(repeating: "u", count: 256), org: org),
                .standard(sub: "user\u{0}x", org: org),
                .standard(org: String(repeating: "o", count: 129)),
            ] {
                let response = try await api.lists(try await hs256(claims))
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == #"Bearer realm="leadbase""#)
            }
            #expect(try await api.lists(try await hs256(.standard(sub: String(repeating: "u", count: 255), org: org, expiresIn: 86_000))).status == .ok)
        }
    }
}

extension LeadbaseError {
    var message: String? {
        if case .unauthorized(let message) = self { return message }
        return nil
    }
}

@Suite("Trust: rate limits")
struct RateLimitTests {
    @Test("a credential's budget: RateLimit headers on every answer, then 429 RATE_LIMITED with Retry-After; other credentials go on")
    func perCredential() async throws {
        try await withTestApp(configure: { $0.rateLimits.perCredential = 3 }) { api, tenant, _ in
            for remaining in [2, 1, 0] {
                let response = try await api.lists(tenant.alice.token)
                #expect(response.status == .ok)
                #expect(response.headers[.rateLimitLimit] == "3")
                #expect(response.headers[.rateLimitRemaining] == String(remaining))
                let reset = try #require(response.headers[.rateLimitReset].flatMap { Int($0) })
                #expect((1...60).contains(reset))
            }
            let limited = try await api.lists(tenant.alice.token)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorCode == "RATE_LIMITED")
            #expect(limited.headers[.retryAfter] != nil && limited.headers[.retryAfter] == limited.headers[.rateLimitReset])
            #expect(try await api.createList(tenant.alice.token, #"{"name": "x"}"#).status == .tooManyRequests, "writes too, and nothing is written")
            let error = try await api.list(tenant.bob.token, UUID().uuidString)
            #expect(error.status == .notFound)
            #expect(error.headers[.rateLimitRemaining] == "2", "errors carry the headers too")
            #expect(listIDs(try await api.lists(tenant.admin.token)).isEmpty)
        }
    }

    @Test("an organization's budget is shared by its users; another organization's is its own")
    func perOrganization() async throws {
        try await withTestApp(configure: { $0.rateLimits.perOrganization = 2 }) { (api: APIClient, tenant: Tenant, other: Tenant) async throws in
            #expect(try await api.lists(tenant.alice.token).status == .ok)
            #expect(try await api.lists(tenant.bob.token).status == .ok)
            #expect(try await api.lists(tenant.admin.token).status == .tooManyRequests)
            #expect(try await api.lists(other.alice.token).status == .ok)
        }
    }

    @Test("failed authentications are limited: past the budget even a good token waits")
    func failures() async throws {
        try await withTestApp(configure: { $0.rateLimits.authenticationFailures = 5 }) { api, tenant, _ in
            for _ in 0..<5 {
                let response = try await api.lists("lb_wrong")
                #expect(response.status == .unauthorized)
                #expect(response.headers[.rateLimitLimit] == "5")
            }
            let limited = try await api.lists("lb_wrong")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
            #expect(try await api.lists(tenant.alice.token).status == .tooManyRequests)
        }
    }
}

@Suite("Dry runs")
struct DryRunTests {
    @Test("?dryRun=true answers exactly what add-prospects would, in every mode, and writes nothing")
    func addProspects() async throws {
        let configuration = try await TestEnvironment.configuration()
        try await withTestApp(configure: { $0 = configuration }, directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t)
            _ = try await api.addProspects(t, list, api.manual([F.zoe]))
            let bodies = [
                api.manual([F.jose, F.zoe, UUID()]),
                #"{"selection": {"mode": "bulk", "startIndex": 0, "targetCount": 3, "filters": {}}}"#,
                #"{"prospects": [{"id": "\#(UUID())", "firstName": "Dry", "lastName": "Run", "emails": ["dry@run.io"]}]}"#,
            ]
            for body in bodies {
                let dry = try await api.request(.post, "/api/v1/entities/leadlists/\(list)/add-prospects?dryRun=true", token: t, json: body)
                #expect(dry.status == .ok)
                #expect(try await api.members(t, list) == [F.zoe], "nothing was added")
                let real = try await api.addProspects(t, list, body)
                #expect(dry.body == real.body, "\(body)")
                _ = try await api.request(.post, "/api/v1/entities/leadlists/\(list)/remove-members", token: t,
                                          json: #"{"ids": [\#((real.strings("addedIds") ?? []).map { "\"\($0)\"" }.joined(separator: ","))]}"#)
            }
            let synced = try await TestEnvironment.withDatabase(configuration) { database in
                try await database.withSession { try await $0.raw("SELECT count(*) AS n FROM tenant_people").first()?.decode(column: "n", as: Int.self) }
            }
            #expect(synced == 4, "the records the real adds wrote: zoe, jose, john, and the direct prospect")
            let bad = try await api.request(.post, "/api/v1/entities/leadlists/\(list)/add-prospects?dryRun=maybe", token: t, json: bodies[0])
            #expect(bad.details == [ValidationIssue(path: ["dryRun"], message: "Must be true or false")])
        }
    }

    @Test("?dryRun=true answers exactly what add-companies would, and writes nothing")
    func addCompanies() async throws {
        try await withTestApp(directory: true) { api, tenant, _ in
            let t = tenant.alice.token
            let list = try await api.createList(t, name: "Accounts", extra: #", "type": "company""#)
            let path = "/api/v1/entities/leadlists/\(list)/add-companies"
            let body = #"{"companyIds": ["\#(F.acme)", "\#(UUID())"]}"#
            let dry = try await api.request(.post, path + "?dryRun=true", token: t, json: body)
            #expect(dry["addedCount"] == 1)
            #expect(try await api.list(t, list).strings("companyIds") == [])
            let real = try await api.request(.post, path, token: t, json: body)
            #expect(dry.body == real.body)
        }
    }
}
